"""Domain rules of the patrol plugin: plain async functions, no GraphQL.

Writing functions run inside the caller's transaction (a mutation's, or one the caller opens)
and record their audit event there; they raise ``UserInputError`` naming the input field.
"""
