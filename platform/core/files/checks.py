"""Storage settings that cannot work, and the production stage's refusal of a folder on one host.

Pure functions of the settings (no Flask, no boto3), called by ``core.config_checks``: each
problem names the ``LOOM_*`` setting and what it must be.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.config import Settings

BACKENDS = ("folder", "s3")
S3_MIN_PART_MB = 5  # S3 refuses smaller parts of a multipart upload, except the last
S3_MAX_PART_MB = 5 * 1024
S3_MAX_LINK_SECONDS = 7 * 24 * 3600  # the longest a SigV4 presigned URL can live


def storage_problems(settings: Settings) -> list[str]:
    """What cannot work in any stage."""
    if settings.storage_backend not in BACKENDS:
        return [f"LOOM_STORAGE_BACKEND must be folder or s3, not {settings.storage_backend!r}"]
    problems: list[str] = []
    if settings.storage_backend == "s3" and not settings.storage_s3_bucket:
        problems.append("LOOM_STORAGE_S3_BUCKET must name the bucket when LOOM_STORAGE_BACKEND is s3")
    if settings.storage_backend == "s3" and not settings.storage_s3_region:
        # Presigned links are signed for a region and point at its endpoint: a guess would break them.
        problems.append("LOOM_STORAGE_S3_REGION must name the bucket's region when LOOM_STORAGE_BACKEND is s3")
    if settings.storage_s3_prefix.startswith("/"):
        problems.append("LOOM_STORAGE_S3_PREFIX must not start with a slash (files/, for example)")
    if not S3_MIN_PART_MB <= settings.storage_s3_part_mb <= S3_MAX_PART_MB:
        problems.append(f"LOOM_STORAGE_S3_PART_MB must be between {S3_MIN_PART_MB} and {S3_MAX_PART_MB}")
    if not 1 <= settings.storage_link_seconds <= S3_MAX_LINK_SECONDS:
        problems.append(f"LOOM_STORAGE_LINK_SECONDS must be between 1 and {S3_MAX_LINK_SECONDS}")
    return problems


def storage_production_problems(settings: Settings) -> list[str]:
    """Uploads are received by a web host and read by a worker, exports the other way round: a
    folder only one host sees loses them, so production takes a folder only when told it is shared."""
    if settings.storage_backend == "folder" and not settings.storage_dir_shared:
        return [
            "LOOM_STORAGE_BACKEND=folder keeps files on one host: use s3, or set LOOM_STORAGE_DIR_SHARED=true "
            "when LOOM_STORAGE_DIR is one volume that every web and worker host mounts"
        ]
    return []
