"""Encryption at rest and keyed hashes."""

from __future__ import annotations

import base64

import pytest

from core.personal import crypto
from core.personal.crypto import Keyring, get_keyring, set_keyring

DECRYPT_ERROR = "cannot decrypt personal data: wrong key or corrupted value"
PLAINTEXT = "张三丰 510101199001011234"


def test_round_trip(keyring):
    assert keyring.decrypt(keyring.encrypt(PLAINTEXT)) == PLAINTEXT


def test_round_trip_of_empty_text(keyring):
    assert keyring.decrypt(keyring.encrypt("")) == ""


def test_token_has_version_prefix_and_is_urlsafe(keyring):
    token = keyring.encrypt(PLAINTEXT)
    assert token.startswith("v1:")
    assert not set(token[3:]) - set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=")


def test_ciphertext_is_not_deterministic(keyring):
    assert keyring.encrypt(PLAINTEXT) != keyring.encrypt(PLAINTEXT)


def test_ciphertext_contains_no_plaintext(keyring):
    token = keyring.encrypt("510101199001011234")
    raw = base64.urlsafe_b64decode(token[3:])
    assert "510101199001011234" not in token
    assert b"510101199001011234" not in raw


def test_same_secret_decrypts_across_keyrings(keyring):
    other = Keyring.from_secret("test-secret-for-personal-data-0001")
    assert other.decrypt(keyring.encrypt(PLAINTEXT)) == PLAINTEXT


def test_wrong_key_fails_with_clear_message(keyring):
    token = keyring.encrypt(PLAINTEXT)
    with pytest.raises(ValueError) as caught:
        Keyring.from_secret("a-completely-different-secret").decrypt(token)
    assert str(caught.value) == DECRYPT_ERROR


def test_tampered_ciphertext_fails(keyring):
    raw = bytearray(base64.urlsafe_b64decode(keyring.encrypt(PLAINTEXT)[3:]))
    raw[15] ^= 0x01
    with pytest.raises(ValueError, match="wrong key or corrupted value"):
        keyring.decrypt("v1:" + base64.urlsafe_b64encode(bytes(raw)).decode())


@pytest.mark.parametrize("token", ["", "v1:", "v1:abc", "v2:" + "A" * 40, "plain text", "v1:!!!!"])
def test_malformed_tokens_fail_with_the_same_message(keyring, token):
    with pytest.raises(ValueError) as caught:
        keyring.decrypt(token)
    assert str(caught.value) == DECRYPT_ERROR


def test_decrypt_error_does_not_chain_details(keyring):
    token = keyring.encrypt(PLAINTEXT)
    with pytest.raises(ValueError) as caught:
        Keyring.from_secret("a-completely-different-secret").decrypt(token)
    assert caught.value.__suppress_context__
    assert token not in str(caught.value)


def test_keyed_hash_is_stable(keyring):
    again = Keyring.from_secret("test-secret-for-personal-data-0001")
    assert keyring.keyed_hash("phone", "13812345678") == again.keyed_hash("phone", "13812345678")


def test_keyed_hash_is_64_hex_characters(keyring):
    digest = keyring.keyed_hash("phone", "13812345678")
    assert len(digest) == 64 and int(digest, 16) >= 0


def test_keyed_hash_separates_kinds(keyring):
    assert keyring.keyed_hash("phone", "13812345678") != keyring.keyed_hash("id_number", "13812345678")


def test_keyed_hash_kind_boundary_is_unambiguous(keyring):
    assert keyring.keyed_hash("ab", "c") != keyring.keyed_hash("a", "bc")


def test_keyed_hash_differs_between_secrets(keyring):
    other = Keyring.from_secret("a-completely-different-secret")
    assert keyring.keyed_hash("phone", "13812345678") != other.keyed_hash("phone", "13812345678")


def test_keyed_hash_is_the_hmac_sha256_stored_columns_hold():
    """Known answers computed before the keyed HMAC object was reused: lookup columns
    written by any version must still match."""
    keyring = Keyring.from_secret("known-answer-secret-0123456789")
    assert keyring.keyed_hash("id_number", "51172519800102005X") == (
        "b5a9ce86a90c598f1497b9d66e214666ed45e814ab26957da5febbedcf061c85"
    )
    assert keyring.keyed_hash("phone", "13812345678") == (
        "a22208564ac4b672ff7f19dcec5e335c839caba48d5d6d0a349fb55dad53bd84"
    )
    # And the same again: the keyed object is copied, never updated in place.
    assert keyring.keyed_hash("phone", "13812345678") == keyring.keyed_hash("phone", "13812345678")


def test_keyed_hash_rejects_kind_with_nul(keyring):
    with pytest.raises(ValueError):
        keyring.keyed_hash("phone\x00x", "1")


def test_encryption_and_lookup_keys_are_derived_separately():
    secret = b"test-secret-for-personal-data-0001"
    encryption_key = crypto._derive(secret, b"fengqiao encryption v1")
    lookup_key = crypto._derive(secret, b"fengqiao lookup v1")
    assert len(encryption_key) == len(lookup_key) == 32
    assert encryption_key != lookup_key


@pytest.mark.parametrize("secret", ["", "short"])
def test_short_secret_is_rejected(secret):
    with pytest.raises(ValueError, match="at least"):
        Keyring.from_secret(secret)


def test_repr_hides_keys(keyring):
    assert repr(keyring) == "Keyring(<keys hidden>)"


def test_get_keyring_unset_raises(no_keyring):
    with pytest.raises(RuntimeError, match="personal-data keyring not configured"):
        get_keyring()


def test_set_keyring_makes_it_active(no_keyring, keyring):
    set_keyring(keyring)
    assert get_keyring() is keyring


def test_set_keyring_rejects_other_objects(no_keyring):
    with pytest.raises(TypeError):
        set_keyring("secret")
