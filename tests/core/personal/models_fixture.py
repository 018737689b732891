"""A minimal model for testing ``EncryptedTextField`` against a real database."""

from tortoise import fields
from tortoise.models import Model

from core.personal.fields import EncryptedTextField


class Resident(Model):
    id = fields.IntField(primary_key=True)
    name = EncryptedTextField()
    address = EncryptedTextField(null=True)
    # Blind index: keyed hash of the normalised ID number, the only way to look it up.
    id_number_hash = fields.CharField(max_length=64, db_index=True, null=True)

    class Meta:
        table = "test_resident"
