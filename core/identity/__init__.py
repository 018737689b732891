"""Identity: stations, areas, users, roles, passwords, tokens."""
