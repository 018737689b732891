"""The 司法确认 application package: a ZIP a court can take in, with a manifest of hashes.

Contents (file names in Chinese, as courts file them):

* ``01-司法确认申请书.pdf`` — the application form filled from the dispute;
* ``02-人民调解协议书.pdf`` — the agreement;
* ``03-当事人身份信息.json`` — the parties' identity data;
* ``04-证据清单.json`` — the evidence manifest: every file attached to the dispute with its
  SHA-256, size, kind and when and by whom it was stored (the files themselves stay in
  Fengqiao, where their chain of custody is kept);
* ``manifest.json`` — the package: dispute, court, reference, and the SHA-256 of each file above.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Sequence
from typing import Any

FORMAT = "fengqiao.judicial-confirmation/1"


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True, default=str).encode("utf-8")


def build_package(
    *,
    application_pdf: bytes,
    agreement_pdf: bytes,
    parties: Sequence[Any],
    evidence: Sequence[dict[str, Any]],
    header: dict[str, Any],
    created: dt.datetime,
) -> tuple[bytes, dict[str, Any]]:
    """The ZIP bytes and its manifest (also inside the ZIP as ``manifest.json``)."""
    files = {
        "01-司法确认申请书.pdf": application_pdf,
        "02-人民调解协议书.pdf": agreement_pdf,
        "03-当事人身份信息.json": _json([dataclasses.asdict(party) for party in parties]),
        "04-证据清单.json": _json(evidence),
    }
    manifest = {
        "format": FORMAT,
        **header,
        "created_at": created.isoformat(),
        "files": [
            {"name": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            for name, data in files.items()
        ],
    }
    buffer = io.BytesIO()
    stamp = created.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in [*files.items(), ("manifest.json", _json(manifest))]:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue(), manifest
