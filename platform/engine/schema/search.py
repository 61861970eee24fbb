"""What full-text search sees of an entity: the values of its text-like columns."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from engine.schema.columns import TEXTUAL, ColumnType
from engine.schema.schema import Schema

SEARCHABLE = TEXTUAL | {ColumnType.CHOICE, ColumnType.CHOICES}
MAX_SEARCH_TEXT = 20_000
_WORD = re.compile(r"\w+", re.UNICODE)


def searchable_text(schema: Schema, data: Mapping[str, Any]) -> str:
    """The words of the entity's text, email, URL, phone and choice values, in column order."""
    parts: list[str] = []
    for column in schema.columns:
        value = data.get(column.key)
        if value is None or column.type not in SEARCHABLE:
            continue
        parts.extend(value if isinstance(value, list) else [str(value)])
    return " ".join(parts)[:MAX_SEARCH_TEXT]


def prefix_query(text: str, max_words: int = 8) -> str | None:
    """A PostgreSQL tsquery matching every word as a prefix ('pal box' -> 'pal':* & 'box':*)."""
    words = [w.lower() for w in _WORD.findall(text)][:max_words]
    if not words:
        return None
    return " & ".join(f"'{word}':*" for word in words)
