"""Login tokens: a checked token is remembered with its expiry, never past it or its secret."""

import datetime as dt

import jwt

from core.identity import tokens
from core.identity.tokens import TokenClaims, issue_token, read_token

SECRET = "token-tests-secret-0123456789-abcdefghijklmnop"
NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


def _token(user_id: int = 7) -> str:
    return issue_token(SECRET, user_id, 2, NOW, dt.timedelta(hours=8))


def test_a_token_checked_once_is_not_decoded_again(monkeypatch):
    token, decoded = _token(101), []
    original = jwt.decode
    monkeypatch.setattr(jwt, "decode", lambda *args, **kwargs: decoded.append(1) or original(*args, **kwargs))
    assert read_token(SECRET, token, NOW) == read_token(SECRET, token, NOW) == TokenClaims(101, 2)
    assert len(decoded) == 1


def test_a_remembered_token_is_refused_once_it_expires():
    token = _token(102)
    assert read_token(SECRET, token, NOW) is not None
    assert read_token(SECRET, token, NOW + dt.timedelta(hours=8)) is None


def test_a_remembered_token_is_checked_anew_under_another_secret():
    token = _token(103)
    assert read_token(SECRET, token, NOW) is not None
    assert read_token("another-secret-0123456789-abcdefghijklmnopqrs", token, NOW) is None


def test_a_tampered_token_is_refused_and_not_remembered():
    head, body, signature = _token(104).split(".")
    forged = f"{head}.{body}.{signature[:-2]}AA"
    assert read_token(SECRET, forged, NOW) is None
    assert (SECRET, forged) not in tokens._verified


def test_the_remembered_tokens_stay_within_their_bound(monkeypatch):
    monkeypatch.setattr(tokens, "VERIFIED_SIZE", 3)
    monkeypatch.setattr(tokens, "_verified", {})
    for user_id in range(200, 210):
        assert read_token(SECRET, _token(user_id), NOW) is not None
    assert len(tokens._verified) == 3
