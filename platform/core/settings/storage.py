"""Where uploads and exports keep their bytes (core/files): a folder or S3."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from core.settings.env import env_int, env_str


@dataclass(frozen=True, kw_only=True)
class StorageSettings:
    storage_dir: str
    max_upload_bytes: int
    # "folder" (LOOM_STORAGE_DIR) or "s3". Production takes the folder only when it says the
    # folder is one volume every host mounts.
    storage_backend: str = "folder"
    storage_dir_shared: bool = False
    storage_s3_bucket: str = ""
    storage_s3_region: str = ""
    storage_s3_endpoint_url: str = ""  # empty: AWS's own; tests point it at a local S3 API
    storage_s3_prefix: str = "files/"  # the bucket's lifecycle expiry applies to this prefix
    storage_s3_kms_key_id: str = ""  # empty: SSE-S3 (AES256); else SSE-KMS with this key
    storage_s3_part_mb: int = 8  # an export goes up in parts of at least this many MiB (S3: 5 or more)
    storage_link_seconds: int = 300  # a presigned S3 download link works this long


def read_storage() -> dict[str, Any]:
    return dict(
        storage_dir=env_str("STORAGE_DIR", os.path.join(os.getcwd(), "var", "files")),
        max_upload_bytes=env_int("MAX_UPLOAD_BYTES", 20 * 1024 * 1024),
        storage_backend=env_str("STORAGE_BACKEND", "folder").strip().lower(),
    )
