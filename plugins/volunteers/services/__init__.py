"""Domain rules of the volunteers plugin, one module per seam; no GraphQL here."""
