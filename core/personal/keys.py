"""Everything derived from the master secret, and the check that it is the database's key.

One secret (``secret_key``, or the embedded default's ``fengqiao.db.secret``) yields, through
HKDF with a distinct label each, independent keys: personal-data encryption and lookup
(``Keyring``), token signing, the audit chain's HMAC key, the Ed25519 key that signs audit
checkpoints, the rate limiter's address key, and a fingerprint. The database records only the
fingerprint and the public half of the signing key, so a dump reveals no key, and a server
started with another key stops before serving instead of writing rows under two keys.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import sqlite3
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from core.errors import ConfigError
from core.personal.crypto import Keyring

log = logging.getLogger("fengqiao.keys")


def _derive(secret: str, label: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=label).derive(secret.encode("utf-8"))


@dataclasses.dataclass(frozen=True, repr=False)
class SecretKeys:
    keyring: Keyring
    token_secret: str
    chain_key: bytes
    signing_key: Ed25519PrivateKey
    limiter_key: bytes
    fingerprint: str

    @classmethod
    def from_secret(cls, secret: str) -> SecretKeys:
        return cls(
            keyring=Keyring.from_secret(secret),
            # Unchanged derivation: tokens issued before this module existed stay valid.
            token_secret=hashlib.sha256(b"fengqiao tokens v1\x00" + secret.encode()).hexdigest(),
            chain_key=_derive(secret, b"fengqiao audit chain v1"),
            signing_key=Ed25519PrivateKey.from_private_bytes(_derive(secret, b"fengqiao audit signing v1")),
            limiter_key=_derive(secret, b"fengqiao rate limiter v1"),
            fingerprint=_derive(secret, b"fengqiao key fingerprint v1").hex()[:32],
        )

    @property
    def public_key(self) -> str:
        """Hex of the raw Ed25519 public key that verifies checkpoint signatures."""
        raw = self.signing_key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return raw.hex()

    def __repr__(self) -> str:
        return f"SecretKeys(fingerprint={self.fingerprint})"


def sqlite_holds_data(path: str) -> bool:
    """Whether the SQLite file at ``path`` already holds records (so its key must exist)."""
    file = Path(path)
    if not file.is_file() or file.stat().st_size == 0:
        return False
    try:
        connection = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        for table in ("core_key_record", "core_audit_event"):
            found = connection.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (table,))
            if found.fetchone() and connection.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():  # noqa: S608
                return True
        return False
    except sqlite3.Error:
        return False
    finally:
        connection.close()


def _mismatch(recorded: str, configured: str) -> ConfigError:
    return ConfigError(
        f"secret_key: this database was written with another key (fingerprint {recorded[:8]}…, the configured "
        f"key's is {configured[:8]}…); configure the key it was written with, or change keys with "
        "'fengqiao keys rotate' (docs/deployment.md)"
    )


async def check_database_key(keys: SecretKeys) -> None:
    """Stop unless ``keys`` are the database's keys; record them on a database without any."""
    from tortoise.exceptions import IntegrityError

    from core.personal.models import MASTER, KeyRecord

    record = await KeyRecord.get_or_none(name=MASTER)
    if record is None:
        await _check_existing_ciphertext(keys)
        try:
            await KeyRecord.create(name=MASTER, fingerprint=keys.fingerprint, public_key=keys.public_key)
            log.info("recorded the fingerprint of the secret key in the database")
            return
        except IntegrityError:  # another worker recorded it first
            record = await KeyRecord.get(name=MASTER)
    if record.rotation:
        raise ConfigError(
            "secret_key: a key rotation is unfinished; run 'fengqiao keys rotate' again with the same new key to "
            "finish it, then start with the new key"
        )
    if record.fingerprint != keys.fingerprint:
        raise _mismatch(record.fingerprint, keys.fingerprint)


async def _check_existing_ciphertext(keys: SecretKeys) -> None:
    """A database from before fingerprints: one stored ciphertext must decrypt with ``keys``."""
    from tortoise import connections

    connection = connections.get("default")
    for model, names in encrypted_models():
        for name in names:
            column = model._meta.fields_map[name].source_field or name
            found = await connection.execute_query_dict(
                f'SELECT "{column}" AS token FROM "{model._meta.db_table}" WHERE "{column}" IS NOT NULL LIMIT 1'
            )
            if not found:
                continue
            try:
                keys.keyring.decrypt(found[0]["token"])
            except ValueError:
                raise ConfigError(
                    "secret_key: the configured key cannot decrypt the personal data already in this database; "
                    "configure the key it was written with"
                ) from None
            return


def encrypted_models():
    """``(model, [encrypted field names])`` for every loaded model with encrypted columns."""
    from tortoise import Tortoise

    from core.personal.fields import EncryptedTextField

    for app in Tortoise.apps.values():
        for model in app.values():
            names = [name for name, f in model._meta.fields_map.items() if isinstance(f, EncryptedTextField)]
            if names:
                yield model, names
