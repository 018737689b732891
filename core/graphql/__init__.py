"""Shared GraphQL building blocks: context, root-field guards, relay, errors, limits."""
