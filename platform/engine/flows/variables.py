"""Process variables are a record's columns: stored values to Python values for scripts, and back.

Records keep decimals as strings, dates and date-times as ISO text (engine.schema.values). Scripts
should compute with real types, so ``to_variables`` turns those into ``Decimal``, ``date`` and
aware ``datetime``; ``changed_columns`` finds what a run changed and hands it back in stored form
through the blueprint's own validation, so a script cannot write what a person could not.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from engine.schema import Schema
from engine.schema.columns import ColumnType


def to_variables(schema: Schema, data: Mapping[str, Any]) -> dict[str, Any]:
    """Every column of ``schema`` as a variable (None when empty), in Python types."""
    result: dict[str, Any] = {}
    for column in schema.columns:
        value = data.get(column.key)
        if value is not None and column.type == ColumnType.DECIMAL:
            value = Decimal(str(value))
        elif value is not None and column.type == ColumnType.DATE:
            value = date.fromisoformat(value)
        elif value is not None and column.type == ColumnType.DATETIME:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        elif isinstance(value, list):
            value = list(value)
        result[column.key] = value
    return result


def changed_columns(
    schema: Schema, before: Mapping[str, Any], variables: Mapping[str, Any], zone: str
) -> dict[str, Any]:
    """The columns whose variable differs from the record's value, ready for ``Schema.validate``.

    A naive date-time a script built (``datetime(2026, 12, 1, 9)``) means the workspace's local time.
    """
    current = to_variables(schema, before)
    changed: dict[str, Any] = {}
    for column in schema.columns:
        if column.key not in variables:
            continue
        value = variables[column.key]
        if column.type == ColumnType.DATETIME and isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=ZoneInfo(zone))  # to UTC in validation, which refuses year 0 or 10000
        if column.type == ColumnType.DATE and isinstance(value, datetime):
            value = _local_date(value, zone)
        if value != current.get(column.key) or type(value) is not type(current.get(column.key)):
            changed[column.key] = value
    return changed


def _local_date(value: datetime, zone: str) -> date:
    if value.tzinfo is None:
        return value.date()
    try:
        return value.astimezone(ZoneInfo(zone)).date()
    except OverflowError:  # the first or last day of the calendar in another zone
        return value.date()


def field_changes(schema: Schema, before: Mapping[str, Any], after: Mapping[str, Any]) -> list[dict[str, Any]]:
    """What changed from what to what, in stored form, in column order (for the history)."""
    return [
        {"field": c.key, "label": c.label, "before": before.get(c.key), "after": after.get(c.key)}
        for c in schema.columns
        if before.get(c.key) != after.get(c.key)
    ]
