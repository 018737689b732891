"""Domain rules of party building, one module per seam; plain async functions, no GraphQL."""
