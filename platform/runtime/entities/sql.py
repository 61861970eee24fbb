"""Compiling engine filter trees and sorts to SQL on the entities table (JSONB expressions).

The expressions here are the same ones the system indexes (see indexes.py), so filters and
sorts on indexed columns use them.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ColumnElement,
    Numeric,
    Text,
    Uuid,
    and_,
    bindparam,
    cast,
    false,
    literal,
    literal_column,
    or_,
    true,
)
from sqlalchemy.dialects.postgresql import JSONB, array

from core import clock
from engine.schema.columns import KEY_PATTERN, Column, ColumnType
from engine.schema.filters import SYSTEM_COLUMNS, Condition, Group, Sort
from engine.schema.values import coerce_datetime, format_datetime
from runtime.entities.models import Entity

CASTS: dict[ColumnType, Any] = {
    ColumnType.INTEGER: BigInteger,
    ColumnType.USER: BigInteger,
    ColumnType.DECIMAL: Numeric,
    ColumnType.BOOLEAN: Boolean,
}
# The columns every record has, as SQL expressions (sorting, filtering and cursors use them alike).
SYSTEM: dict[str, ColumnElement[Any]] = {
    "id": Entity.id.expression,
    "created_at": Entity.created_at.expression,
    "updated_at": Entity.updated_at.expression,
}


def _field(key: str, *, as_text: bool) -> ColumnElement[Any]:
    """``data ->> 'key'`` with the key inline, so queries match the expression indexes exactly.

    Keys are checked against KEY_PATTERN when a blueprint is saved; this check is the last guard.
    """
    if not KEY_PATTERN.match(key):
        raise ValueError(f"not a column key: {key!r}")
    if as_text:
        return Entity.data.op("->>", return_type=Text)(literal_column(f"'{key}'"))
    return Entity.data.op("->", return_type=JSONB)(literal_column(f"'{key}'"))


# What a page shows of a record (views.entity_views), and what its cursor and exports read: rows of
# these, not Entity objects (no ``aside``, no ``search_text``, no ORM object per record).
PAGE_COLUMNS = (
    Entity.id,
    Entity.blueprint_id,
    Entity.blueprint_version_id,
    Entity.data,
    Entity.version,
    Entity.created_at,
    Entity.updated_at,
)


def of_blueprint(blueprint_id: uuid.UUID) -> ColumnElement[bool]:
    """``entities.blueprint_id = '<id>'`` with the id written into the statement's text, not sent
    as a parameter: a blueprint's partial expression indexes (``WHERE blueprint_id = '<id>'``)
    then serve every plan, generic plans of prepared statements included (docs/decisions/0022)."""
    return Entity.blueprint_id == bindparam(None, uuid.UUID(str(blueprint_id)), type_=Uuid, literal_execute=True)


def value_expression(column: Column, system: bool = False) -> ColumnElement[Any]:
    """The SQL expression of a column's stored value (typed for numbers and booleans)."""
    if system:
        return SYSTEM[column.key]
    if column.type == ColumnType.CHOICES:
        return _field(column.key, as_text=False)
    text = _field(column.key, as_text=True)
    kind = CASTS.get(column.type)
    return cast(text, kind) if kind is not None else text


def _param(condition: Condition, value: Any) -> Any:
    return sql_value(condition.column, value, condition.system)


def sql_value(column: Column, value: Any, system: bool) -> Any:
    """A stored value as a parameter for its expression: system timestamps as datetimes,
    decimals as Decimal (compared as numeric), everything else in its stored form."""
    if value is None:
        return None
    if system and column.type == ColumnType.DATETIME:
        return datetime.fromisoformat(coerce_datetime(value).replace("Z", "+00:00"))
    if system and column.key == "id":
        return uuid.UUID(str(value))
    if column.type == ColumnType.DECIMAL:
        return Decimal(str(value))
    return value


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _within(condition: Condition) -> tuple[Any, Any]:
    direction, days = condition.value
    now = clock.now()
    if condition.column.type == ColumnType.DATE:
        today = now.date()
        span = (today - timedelta(days=days), today) if direction == "last" else (today, today + timedelta(days=days))
        return tuple(_param(condition, d.isoformat() if isinstance(d, date) else d) for d in span)
    start, end = (now - timedelta(days=days), now) if direction == "last" else (now, now + timedelta(days=days))
    return _param(condition, format_datetime(start)), _param(condition, format_datetime(end))


def condition_sql(condition: Condition) -> ColumnElement[bool]:
    expr = value_expression(condition.column, condition.system)
    op, value, kind = condition.op, condition.value, condition.column.type
    if op == "empty":
        return expr.is_(None)
    if op == "not_empty":
        return expr.is_not(None)
    if kind == ColumnType.CHOICES:
        if op == "contains":
            return expr.op("@>")(cast(literal(list(value), JSONB), JSONB))
        return expr.op("?|")(array(list(value)))
    if op == "contains":
        return expr.ilike(f"%{_like(value)}%", escape="\\")
    if op == "starts_with":
        return expr.ilike(f"{_like(value)}%", escape="\\")
    if op == "in":
        return expr.in_([_param(condition, v) for v in value])
    if op == "between":
        low, high = (_param(condition, v) for v in value)
        return and_(expr >= low, expr <= high)
    if op == "within":
        low, high = _within(condition)
        return and_(expr >= low, expr <= high)
    value = _param(condition, value)
    comparisons: dict[str, Callable[[], ColumnElement[bool]]] = {
        "eq": lambda: expr == value,
        "ne": lambda: expr.is_distinct_from(value),
        "gt": lambda: expr > value,
        "after": lambda: expr > value,
        "gte": lambda: expr >= value,
        "lt": lambda: expr < value,
        "before": lambda: expr < value,
        "lte": lambda: expr <= value,
    }
    return comparisons[op]()


def filter_sql(node: Group | Condition) -> ColumnElement[bool]:
    if isinstance(node, Condition):
        return condition_sql(node)
    parts = [filter_sql(child) for child in node.children]
    if not parts:
        return true()
    return and_(*parts) if node.kind == "and" else or_(*parts)


SortKey = tuple[ColumnElement[Any], bool, Column | None]


def sort_keys(sorts: tuple[Sort, ...]) -> list[SortKey]:
    """(expression, descending, column) per key; created_at desc by default; id breaks ties."""
    keys: list[SortKey] = [(value_expression(s.column, s.system), s.descending, s.column) for s in sorts]
    if not keys:
        keys = [(SYSTEM["created_at"], True, None)]
    last_desc = keys[-1][1]
    keys.append((SYSTEM["id"], last_desc, None))
    return keys


def order_by(keys: list[tuple[ColumnElement[Any], bool, Column | None]]) -> list[Any]:
    return [(expr.desc() if desc else expr.asc()).nulls_last() for expr, desc, _ in keys]


def after_cursor(keys: list[tuple[ColumnElement[Any], bool, Column | None]], values: list[Any]) -> ColumnElement[bool]:
    """Rows strictly after the cursor row in (keys) order, with NULLs last in either direction."""
    clauses = []
    for index, (expr, desc, _) in enumerate(keys):
        value = values[index]
        if value is None:
            after: ColumnElement[bool] = false()
        else:
            after = or_(expr < value if desc else expr > value, expr.is_(None))
        equal_before = [
            (e.is_(None) if values[j] is None else e == values[j]) for j, (e, _, _) in enumerate(keys[:index])
        ]
        clauses.append(and_(*equal_before, after))
    return or_(*clauses)


def _system_column(key: str) -> Column:
    return SYSTEM_COLUMNS[key]


def cursor_values(entity: Entity, keys: list[tuple[ColumnElement[Any], bool, Column | None]]) -> list[Any]:
    """The sort key values of a row, as they go into a cursor (JSON-safe)."""
    values: list[Any] = []
    for expr, _, column in keys:
        key = column.key if column is not None else str(expr.key)
        if column is None or key in SYSTEM:
            raw = getattr(entity, key)
            values.append(format_datetime(raw) if isinstance(raw, datetime) else str(raw))
        else:
            values.append(entity.data.get(key))
    return values


def cursor_values_at(position: tuple[Any, uuid.UUID]) -> list[Any]:
    """A cursor for the default order (created_at, id) that goes on after ``position``."""
    created_at, entity_id = position
    return [format_datetime(created_at) if isinstance(created_at, datetime) else str(created_at), str(entity_id)]


def decode_values(keys: list[tuple[ColumnElement[Any], bool, Column | None]], values: list[Any]) -> list[Any]:
    """Cursor values back to SQL parameters of the right type."""
    decoded: list[Any] = []
    for (expr, _, column), value in zip(keys, values, strict=True):
        key = column.key if column is not None else str(expr.key)
        if key in SYSTEM:
            decoded.append(sql_value(_system_column(key), value, True))
        else:
            assert column is not None
            decoded.append(sql_value(column, value, False))
    return decoded
