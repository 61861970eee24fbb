"""Keyset pagination: opaque cursors, a default and a hard maximum page size.

A cursor is signed with a key derived from the secret key: only cursors Loom made decode, so the
values in one always have the types the query expects; anything else is a 422 on ``cursor``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import uuid
from datetime import datetime
from typing import Any

from flask import current_app, has_app_context
from marshmallow import Schema, fields, validate

from core.errors import Invalid

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100


class PageArgs(Schema):
    """Query arguments every list endpoint accepts."""

    limit = fields.Integer(
        load_default=DEFAULT_PAGE_SIZE,
        validate=validate.Range(min=1, max=MAX_PAGE_SIZE),
        metadata={"description": f"Page size, at most {MAX_PAGE_SIZE}."},
    )
    cursor = fields.String(load_default=None, metadata={"description": "next_cursor of the previous page."})


BAD_CURSOR = "This cursor is not valid; start again from the first page."
_PROCESS_KEY = secrets.token_bytes(32)  # outside an app: cursors used within this process only


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode((text + "=" * (-len(text) % 4)).encode())


def _signature(raw: bytes) -> bytes:
    secret = str(current_app.config["SECRET_KEY"]).encode() if has_app_context() else _PROCESS_KEY
    key = hmac.new(secret, b"loom cursor", hashlib.sha256).digest()
    return hmac.new(key, raw, hashlib.sha256).digest()[:16]


def encode_cursor(values: list[Any]) -> str:
    """Encode (and sign) the sort key of the last row of a page."""
    raw = json.dumps(values, separators=(",", ":"), default=str).encode()
    return f"{_b64(raw)}.{_b64(_signature(raw))}"


def decode_cursor(cursor: str, arity: int) -> list[Any]:
    """Decode a cursor made by ``encode_cursor``; any other is a 422 on ``cursor``."""
    try:
        payload, _, signature = cursor.partition(".")
        raw = _unb64(payload)
        if not hmac.compare_digest(_unb64(signature), _signature(raw)):
            raise ValueError("not signed by Loom")
        values = json.loads(raw)
    except (ValueError, TypeError) as exc:
        raise Invalid({"cursor": [BAD_CURSOR]}) from exc
    if not isinstance(values, list) or len(values) != arity:
        raise Invalid({"cursor": [BAD_CURSOR]})
    return values


def cursor_id(cursor: str) -> uuid.UUID:
    """The id a cursor of ``[id]`` holds (pages sorted by id); any other cursor is a 422."""
    (value,) = decode_cursor(cursor, 1)
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise Invalid({"cursor": [BAD_CURSOR]}) from exc


def cursor_time_id(cursor: str) -> tuple[datetime, uuid.UUID]:
    """The (time, id) a cursor of ``[iso time, id]`` holds (pages sorted by a time, then id); any
    other cursor is a 422."""
    at, value = decode_cursor(cursor, 2)
    try:
        return datetime.fromisoformat(str(at)), uuid.UUID(str(value))
    except ValueError as exc:
        raise Invalid({"cursor": [BAD_CURSOR]}) from exc


def page(items: list[Any], limit: int, key: Any) -> dict[str, Any]:
    """Build a page from ``limit + 1`` fetched rows; ``key(row)`` gives the cursor values."""
    has_more = len(items) > limit
    items = items[:limit]
    return {"items": items, "next_cursor": encode_cursor(key(items[-1])) if has_more and items else None}


class PageSchema(Schema):
    """Base for paged responses: ``items`` plus ``next_cursor``."""

    next_cursor = fields.String(allow_none=True)
