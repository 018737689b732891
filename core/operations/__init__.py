"""Persisted operations (trusted documents): the GraphQL documents a deployment's own clients
registered from their build manifests. With ``[server] persisted_only = true`` they are the
only operations the server executes."""
