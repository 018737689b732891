"""Encryption of stored files (envelope encryption under the personal-data keys).

Each file gets its own random 256-bit data key and is sealed with AES-256-GCM (the object id
is bound in as associated data, so two stored objects cannot be swapped unnoticed). The data
key itself is kept in the database in an ``EncryptedTextField``, that is, encrypted with the
same master-secret-derived key as ID numbers and phones. Storage alone (a bucket, a copied
folder) therefore reveals nothing; the database alone holds no file.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"FQF1"
_NONCE = 12


class FileIntegrityError(Exception):
    """Stored bytes cannot be decrypted: changed, truncated, or sealed with another key."""


def new_data_key() -> str:
    """A fresh per-file key, as text (stored encrypted in the attachment row)."""
    return base64.urlsafe_b64encode(AESGCM.generate_key(bit_length=256)).decode("ascii")


def seal(data_key: str, plaintext: bytes, associated: str) -> bytes:
    nonce = os.urandom(_NONCE)
    aead = AESGCM(base64.urlsafe_b64decode(data_key))
    return MAGIC + nonce + aead.encrypt(nonce, plaintext, associated.encode())


def open_sealed(data_key: str, blob: bytes, associated: str) -> bytes:
    if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + _NONCE + 16:
        raise FileIntegrityError("not a sealed file")
    nonce = blob[len(MAGIC) : len(MAGIC) + _NONCE]
    try:
        return AESGCM(base64.urlsafe_b64decode(data_key)).decrypt(
            nonce, blob[len(MAGIC) + _NONCE :], associated.encode()
        )
    except (InvalidTag, ValueError):
        raise FileIntegrityError("the stored bytes were changed or belong to another file") from None
