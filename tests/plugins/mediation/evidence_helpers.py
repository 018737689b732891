"""Helpers for the evidence and document tests of mediation."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from core.testing import GraphQLClient, token_for

PRINT = """
mutation($input: PrintMediationAgreementInput!) {
  printMediationAgreement(input: $input) {
    attachment { id kind mediaType purpose filename sha256 size downloadUrl { url } }
    errors { field message code }
  }
}
"""


def as_user(app, user) -> GraphQLClient:
    client = GraphQLClient(app, token_for(app, user))
    client.user = user
    return client


async def fetch(client, url: str) -> bytes:
    from tests.core.attachments.files import download

    response = await download(client, url)
    assert response.status_code == 200, response.text
    return response.content


def pdf_text(data: bytes, tmp_path) -> str:
    """The text poppler extracts from a PDF (through the embedded font's Unicode map)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, timeout=60).stdout


def pdf_fonts(data: bytes, tmp_path) -> str:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    path = tmp_path / "fonts.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, timeout=60).stdout
