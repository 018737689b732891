"""Tortoise ORM field that stores personal data encrypted (加密存储字段)."""

from __future__ import annotations

from typing import Any

from tortoise import fields

from core.personal.crypto import TOKEN_PREFIX, get_keyring


class EncryptedTextField(fields.TextField):
    """Text column holding AES-GCM ciphertext; the model attribute is the plaintext.

    Values are encrypted with the active keyring (``set_keyring``) when written and
    decrypted when read, so a database dump or backup shows only ``v1:...`` tokens.

    The column cannot be filtered, ordered or grouped by value: every encryption uses a
    fresh nonce, so ``filter(name="张三")`` compares against a new random token and
    matches nothing. To find rows by a personal value, store
    ``get_keyring().keyed_hash(kind, normalised_value)`` in a separate indexed
    ``CharField(max_length=64)`` and filter on that column. Only ``isnull`` lookups work.

    A plaintext that itself starts with ``"v1:"`` is not supported: it would be taken for
    a token when read back.
    """

    def to_db_value(self, value: Any, instance: Any) -> Any:
        # The base class converts to str and runs validators, on the plaintext.
        value = super().to_db_value(value, instance)
        if value is None:
            return None
        return get_keyring().encrypt(value)

    def to_python_value(self, value: Any) -> Any:
        # Tortoise also calls this on values given to the model constructor, which are
        # already plaintext; only tokens are decrypted.
        if value is None:
            return None
        if isinstance(value, bytes):
            value = value.decode("utf-8")
        if isinstance(value, str) and value.startswith(TOKEN_PREFIX):
            return get_keyring().decrypt(value)
        return super().to_python_value(value)
