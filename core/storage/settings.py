"""The ``[storage]`` and ``[attachments]`` sections of fengqiao.toml."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

MIB = 1024 * 1024


@dataclasses.dataclass(frozen=True)
class StorageSettings:
    """Where attachment bytes live (always encrypted).

    ``backend = "local"`` (the embedded default) keeps them in ``path``; an empty path means a
    folder beside the SQLite database (``fengqiao.db.files/``). ``backend = "s3"`` uses an
    S3-compatible object store (MinIO, Ceph, a cloud bucket) at ``s3_endpoint_url``.
    """

    backend: str = "local"
    path: str = ""
    s3_endpoint_url: str = ""
    s3_bucket: str = ""
    s3_region: str = "us-east-1"
    s3_access_key_id: str = ""
    s3_secret_access_key: str = ""
    # Keys are written under this prefix, so one bucket can serve several deployments.
    s3_prefix: str = "fengqiao/"

    def __post_init__(self) -> None:
        if self.backend not in ("local", "s3"):
            raise ValueError(f"backend: expected 'local' or 's3', got {self.backend!r}")
        if self.backend == "s3" and not (self.s3_bucket and self.s3_endpoint_url):
            raise ValueError("the s3 backend needs s3_bucket and s3_endpoint_url")


@dataclasses.dataclass(frozen=True)
class AttachmentSettings:
    """Limits and rules of attachments."""

    # The largest request the upload mutation accepts (multipart body, in bytes). Every other
    # request keeps the server's normal, smaller body limit.
    max_upload_bytes: int = 25 * MIB
    # Lifetime of a signed download URL, in seconds.
    download_url_ttl_seconds: int = 300
    # Retention in days by owning GraphQL type, overriding the plugin's declaration.
    retention_days: Mapping[str, int] = dataclasses.field(default_factory=dict)
    # Strip image metadata (EXIF GPS, device) on every upload, whatever the target declares.
    always_strip_image_metadata: bool = False

    def __post_init__(self) -> None:
        if self.max_upload_bytes < 1024:
            raise ValueError("max_upload_bytes: must be at least 1024")
        if not 10 <= self.download_url_ttl_seconds <= 3600:
            raise ValueError("download_url_ttl_seconds: must be between 10 and 3600")
        for name, days in self.retention_days.items():
            if days < 1:
                raise ValueError(f"retention_days.{name}: must be at least 1 day")
