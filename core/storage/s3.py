"""S3-compatible object storage (MinIO, Ceph RGW, cloud buckets) through boto3.

boto3 is synchronous; every call runs in a worker thread so the event loop never blocks.
Install with ``pip install 'fengqiao[s3]'``.
"""

from __future__ import annotations

import asyncio
from typing import Any

from core.errors import ConfigError
from core.storage import StorageError
from core.storage.settings import StorageSettings


class S3Storage:
    name = "s3"

    def __init__(self, settings: StorageSettings) -> None:
        try:
            import boto3
            from botocore.config import Config
        except ImportError:
            raise ConfigError("storage.backend: 's3' needs boto3; pip install 'fengqiao[s3]'") from None
        self.bucket = settings.s3_bucket
        self.prefix = settings.s3_prefix
        self.client: Any = boto3.client(
            "s3",
            endpoint_url=settings.s3_endpoint_url,
            region_name=settings.s3_region,
            aws_access_key_id=settings.s3_access_key_id or None,
            aws_secret_access_key=settings.s3_secret_access_key or None,
            config=Config(retries={"max_attempts": 3, "mode": "standard"}, connect_timeout=5, read_timeout=30),
        )

    def _key(self, key: str) -> str:
        return self.prefix + key

    async def _call(self, method: str, **arguments: Any) -> Any:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return await asyncio.to_thread(getattr(self.client, method), Bucket=self.bucket, **arguments)
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "")
            raise StorageError(f"object storage refused {method} ({code})") from None
        except BotoCoreError as error:
            raise StorageError(f"object storage unreachable ({type(error).__name__})") from None

    async def put(self, key: str, data: bytes) -> None:
        await self._call("put_object", Key=self._key(key), Body=data, ContentType="application/octet-stream")

    async def get(self, key: str) -> bytes:
        response = await self._call("get_object", Key=self._key(key))
        return await asyncio.to_thread(response["Body"].read)

    async def delete(self, key: str) -> None:
        await self._call("delete_object", Key=self._key(key))

    async def listing(self) -> list[tuple[str, float]]:
        def scan() -> list[tuple[str, float]]:
            pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix)
            return [
                (item["Key"][len(self.prefix) :], item["LastModified"].timestamp())
                for page in pages
                for item in page.get("Contents", [])
            ]

        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return await asyncio.to_thread(scan)
        except (BotoCoreError, ClientError) as error:
            raise StorageError(f"object storage listing failed ({type(error).__name__})") from None

    async def exists(self, key: str) -> bool:
        try:
            await self._call("head_object", Key=self._key(key))
        except StorageError:
            return False
        return True
