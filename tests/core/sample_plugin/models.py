from tortoise import fields

from core import EncryptedTextField, StationOwnedModel


class SamplePerson(StationOwnedModel):
    minor_birth_date_field = "birth_date"

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=50)
    id_number = EncryptedTextField(null=True)
    id_number_hash = fields.CharField(max_length=64, null=True, index=True)
    phone = EncryptedTextField(null=True)
    birth_date = fields.DateField(null=True)

    class Meta:
        table = "sample_person"
        ordering = ["id"]
