"""Personal-data protection (个人信息保护): validation, masking, encryption at rest."""

from core.personal.credit_code import credit_code_check_char, validate_credit_code
from core.personal.crypto import Keyring, get_keyring, set_keyring
from core.personal.fields import EncryptedTextField
from core.personal.id_number import (
    IdNumber,
    id_number_check_char,
    make_id_number,
    validate_id_number,
)
from core.personal.masking import (
    MASK_KINDS,
    mask,
    mask_address,
    mask_id_number,
    mask_name,
    mask_phone,
    mask_text,
)
from core.personal.phone import validate_mobile

__all__ = [
    "MASK_KINDS",
    "EncryptedTextField",
    "IdNumber",
    "Keyring",
    "credit_code_check_char",
    "get_keyring",
    "id_number_check_char",
    "make_id_number",
    "mask",
    "mask_address",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "mask_text",
    "set_keyring",
    "validate_credit_code",
    "validate_id_number",
    "validate_mobile",
]
