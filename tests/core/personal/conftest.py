"""Fixtures for the personal-data tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.personal import crypto
from core.personal.crypto import Keyring, set_keyring

TEST_SECRET = "test-secret-for-personal-data-0001"


@pytest.fixture
def keyring() -> Keyring:
    return Keyring.from_secret(TEST_SECRET)


@pytest.fixture
def active_keyring(keyring: Keyring) -> Iterator[Keyring]:
    """Install a keyring for the test and restore whatever was active before."""
    previous = crypto._active
    set_keyring(keyring)
    try:
        yield keyring
    finally:
        set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = crypto._active
    set_keyring(None)
    try:
        yield
    finally:
        set_keyring(previous)
