"""Explicit conversion rules between column types.

``convert`` turns a stored value of one column into the stored form of another, or raises
ValueError. Special pairs are adapted first (date-time to date, choice to choices, lists to
text...), then the target type's own coercion and rules apply, so every result is valid.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from engine.schema.columns import TEXTUAL, Column, ColumnType
from engine.schema.values import coerce, format_datetime

UTC_ZONE = ZoneInfo("UTC")
RULES: dict[tuple[str, str], str] = {
    ("datetime", "date"): "Keeps the day (in the workspace's timezone); the time of day is kept aside.",
    ("date", "datetime"): "Midnight of that day, in the workspace's timezone.",
    ("choice", "choices"): "The one choice becomes a list of one.",
    ("choices", "choice"): "Works when exactly one option is chosen.",
    ("boolean", "integer"): "Yes is 1, No is 0.",
    ("integer", "boolean"): "1 is Yes, 0 is No; other numbers fail.",
    ("decimal", "integer"): "Works for whole numbers only.",
    ("integer", "decimal"): "Always works.",
    ("*", "text"): "Written out as text.",
    ("text", "*"): "Read as the new type; text that does not fit fails.",
}


def rule_for(source: ColumnType, target: ColumnType) -> str:
    """The conversion rule a person sees in the version change dialog."""
    if source == target:
        return "Unchanged."
    for key in ((source.value, target.value), ("*", target.value if target not in TEXTUAL else "text")):
        if key in RULES:
            return RULES[key]
    if source in TEXTUAL:
        return RULES[("text", "*")]
    return "Converted where the value fits the new type; otherwise it fails."


def _adapt(value: Any, source: Column, target: Column, zone: ZoneInfo) -> Any:
    s, t = source.type, target.type
    if isinstance(value, list):
        if t == ColumnType.CHOICE:
            if len(value) != 1:
                raise ValueError("Only one option may be chosen.")
            return value[0]
        if t in TEXTUAL:
            return ", ".join(str(v) for v in value)
        return value
    if s == ColumnType.DATETIME and t == ColumnType.DATE:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        return moment.astimezone(zone).date().isoformat()
    if s == ColumnType.DATE and t == ColumnType.DATETIME:
        return format_datetime(datetime.fromisoformat(str(value)).replace(tzinfo=zone))
    if t == ColumnType.CHOICES:
        return [value]
    if s == ColumnType.BOOLEAN and t in (ColumnType.INTEGER, ColumnType.DECIMAL):
        return 1 if value else 0
    if s == ColumnType.BOOLEAN and t in TEXTUAL:
        return "true" if value else "false"
    if s == ColumnType.INTEGER and t == ColumnType.BOOLEAN and value not in (0, 1):
        raise ValueError("Only 0 and 1 become No and Yes.")
    return value


def convert(value: Any, source: Column, target: Column, zone: ZoneInfo = UTC_ZONE) -> Any:
    """``value`` (stored form of ``source``) in the stored form of ``target``; ValueError if it cannot be.

    ``zone`` is the workspace's timezone: it decides which day a moment falls on, and when a day starts.
    """
    if value is None:
        return None
    return coerce(target, _adapt(value, source, target, zone))


def round_trips(value: Any, produced: Any, source: Column, target: Column, zone: ZoneInfo = UTC_ZONE) -> bool:
    """Whether converting ``produced`` back gives exactly ``value`` (otherwise the move is lossy)."""
    try:
        return bool(convert(produced, target, source, zone) == value)
    except ValueError:
        return False
