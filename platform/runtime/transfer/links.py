"""Signed download links: a file can be fetched for an hour without the access token."""

from __future__ import annotations

import uuid

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

MAX_AGE_SECONDS = 3600


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="loom-download")


def download_path(file_id: uuid.UUID) -> str:
    return f"/api/downloads/{_serializer().dumps(str(file_id))}"


def file_id_from(token: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(_serializer().loads(token, max_age=MAX_AGE_SECONDS))
    except (BadSignature, ValueError):
        return None
