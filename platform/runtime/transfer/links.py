"""Signed download links: a file can be fetched for an hour without the access token."""

from __future__ import annotations

import uuid

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

MAX_AGE_SECONDS = 3600


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="loom-download")


def download_path(tenant_id: uuid.UUID, file_id: uuid.UUID) -> str:
    """The link names the file by its whole key (tenant_id, id): the download has no tenant scope."""
    return f"/api/downloads/{_serializer().dumps([str(tenant_id), str(file_id)])}"


def file_key_from(token: str) -> tuple[uuid.UUID | None, uuid.UUID] | None:
    """(tenant, file) a valid link names; links made before the tenant was in them name the file alone."""
    try:
        found = _serializer().loads(token, max_age=MAX_AGE_SECONDS)
        if isinstance(found, str):
            return None, uuid.UUID(found)
        if isinstance(found, list) and len(found) == 2:
            return uuid.UUID(str(found[0])), uuid.UUID(str(found[1]))
    except (BadSignature, ValueError):
        pass
    return None
