"""Keyset pagination: opaque cursors, a default and a hard maximum page size."""

from __future__ import annotations

import base64
import json
from typing import Any

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


def encode_cursor(values: list[Any]) -> str:
    """Encode the sort key of the last row of a page."""
    raw = json.dumps(values, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, arity: int) -> list[Any]:
    """Decode a cursor made by ``encode_cursor``; a bad one is a 422 on ``cursor``."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, TypeError) as exc:
        raise Invalid({"cursor": ["This cursor is not valid; start again from the first page."]}) from exc
    if not isinstance(values, list) or len(values) != arity:
        raise Invalid({"cursor": ["This cursor is not valid; start again from the first page."]})
    return values


def page(items: list[Any], limit: int, key: Any) -> dict[str, Any]:
    """Build a page from ``limit + 1`` fetched rows; ``key(row)`` gives the cursor values."""
    has_more = len(items) > limit
    items = items[:limit]
    return {"items": items, "next_cursor": encode_cursor(key(items[-1])) if has_more and items else None}


class PageSchema(Schema):
    """Base for paged responses: ``items`` plus ``next_cursor``."""

    next_cursor = fields.String(allow_none=True)
