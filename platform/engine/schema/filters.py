"""Filters and sorts on entity lists: parsed and checked against a schema, per type.

The result is a small typed tree that the runtime compiles to SQL; every value in it is
already coerced to the column's stored form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.schema.columns import Column, ColumnType
from engine.schema.errors import FieldErrors
from engine.schema.schema import Schema
from engine.schema.values import coerce

TEXT_OPS = ("eq", "ne", "contains", "starts_with", "in", "empty", "not_empty")
NUMBER_OPS = ("eq", "ne", "gt", "gte", "lt", "lte", "between", "in", "empty", "not_empty")
TIME_OPS = ("eq", "ne", "gt", "gte", "lt", "lte", "before", "after", "between", "within", "empty", "not_empty")
OPERATORS: dict[ColumnType, tuple[str, ...]] = {
    ColumnType.TEXT: TEXT_OPS,
    ColumnType.LONG_TEXT: ("contains", "starts_with", "empty", "not_empty"),
    ColumnType.EMAIL: TEXT_OPS,
    ColumnType.URL: TEXT_OPS,
    ColumnType.PHONE: TEXT_OPS,
    ColumnType.INTEGER: NUMBER_OPS,
    ColumnType.DECIMAL: NUMBER_OPS,
    ColumnType.DATE: TIME_OPS,
    ColumnType.DATETIME: TIME_OPS,
    ColumnType.BOOLEAN: ("eq", "ne", "empty", "not_empty"),
    ColumnType.CHOICE: ("eq", "ne", "in", "empty", "not_empty"),
    ColumnType.CHOICES: ("contains", "in", "empty", "not_empty"),
    ColumnType.REFERENCE: ("eq", "ne", "in", "empty", "not_empty"),
    ColumnType.USER: ("eq", "ne", "in", "empty", "not_empty"),
}
SYSTEM_COLUMNS: dict[str, Column] = {
    "id": Column(key="id", label="Id", type=ColumnType.REFERENCE, reference="self"),
    "created_at": Column(key="created_at", label="Created", type=ColumnType.DATETIME),
    "updated_at": Column(key="updated_at", label="Updated", type=ColumnType.DATETIME),
}
SYSTEM_OPS = {"id": ("eq", "ne", "in")}
MAX_CONDITIONS = 30
MAX_DEPTH = 4
MAX_IN_VALUES = 100
MAX_SORTS = 3


@dataclass(frozen=True)
class Condition:
    column: Column
    op: str
    value: Any
    system: bool = False


@dataclass(frozen=True)
class Group:
    kind: str  # "and" | "or"
    children: tuple[Condition | Group, ...]


@dataclass(frozen=True)
class Sort:
    column: Column
    descending: bool
    system: bool = False


def operators_for(column: Column, *, system: bool = False) -> tuple[str, ...]:
    if system and column.key in SYSTEM_OPS:
        return SYSTEM_OPS[column.key]
    return OPERATORS[column.type]


def _lookup(schema: Schema, key: Any) -> tuple[Column | None, bool]:
    if not isinstance(key, str):
        return None, False
    if key in SYSTEM_COLUMNS:
        return SYSTEM_COLUMNS[key], True
    return schema.column(key), False


class _Parser:
    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.errors: dict[str, list[str]] = {}
        self.count = 0

    def fail(self, path: str, message: str) -> None:
        self.errors.setdefault(path, []).append(message)

    def node(self, raw: Any, path: str, depth: int) -> Condition | Group | None:
        if not isinstance(raw, dict):
            self.fail(path, "Each filter is a condition or an and/or group.")
            return None
        if "and" in raw or "or" in raw:
            return self.group(raw, path, depth)
        return self.condition(raw, path)

    def group(self, raw: dict[str, Any], path: str, depth: int) -> Group | None:
        if depth > MAX_DEPTH:
            self.fail(path, f"Groups nest at most {MAX_DEPTH} deep.")
            return None
        kind = "and" if "and" in raw else "or"
        items = raw[kind]
        if len(raw) != 1 or not isinstance(items, list):
            self.fail(path, 'A group is {"and": [...]} or {"or": [...]}.')
            return None
        children = [self.node(item, f"{path}.{index}", depth + 1) for index, item in enumerate(items)]
        return Group(kind, tuple(c for c in children if c is not None))

    def condition(self, raw: dict[str, Any], path: str) -> Condition | None:
        self.count += 1
        if self.count > MAX_CONDITIONS:
            if self.count == MAX_CONDITIONS + 1:
                self.fail(path, f"At most {MAX_CONDITIONS} conditions.")
            return None
        unknown = set(raw) - {"column", "op", "value"}
        if unknown:
            self.fail(path, "Unknown keys: " + ", ".join(sorted(unknown)) + ".")
            return None
        column, system = _lookup(self.schema, raw.get("column"))
        if column is None:
            self.fail(f"{path}.column", f"No column '{raw.get('column')}' in this blueprint.")
            return None
        op = raw.get("op")
        allowed = operators_for(column, system=system)
        if op not in allowed:
            self.fail(f"{path}.op", f"'{op}' does not apply to {column.label}; use one of: {', '.join(allowed)}.")
            return None
        try:
            value = self.value(column, str(op), raw.get("value"))
        except ValueError as exc:
            self.fail(f"{path}.value", str(exc))
            return None
        return Condition(column, str(op), value, system)

    def value(self, column: Column, op: str, raw: Any) -> Any:
        if op in ("empty", "not_empty"):
            return None
        if op == "within":
            if not isinstance(raw, dict) or len(raw) != 1 or next(iter(raw)) not in ("last", "next"):
                raise ValueError('Use {"last": days} or {"next": days}.')
            direction, days = next(iter(raw.items()))
            if not isinstance(days, int) or isinstance(days, bool) or not 0 < days <= 36500:
                raise ValueError("Give a number of days from 1 to 36500.")
            return (direction, days)
        if op == "between":
            if not isinstance(raw, list) or len(raw) != 2:
                raise ValueError("Give two values: [from, to].")
            return (self.one(column, raw[0]), self.one(column, raw[1]))
        if op == "in" or (column.type == ColumnType.CHOICES and op == "contains"):
            items = raw if isinstance(raw, list) else [raw]
            if not items or len(items) > MAX_IN_VALUES:
                raise ValueError(f"Give 1 to {MAX_IN_VALUES} values.")
            return tuple(self.one(column, item) for item in items)
        if op in ("contains", "starts_with"):
            if not isinstance(raw, str) or not raw or len(raw) > 255:
                raise ValueError("Give some text (at most 255 characters).")
            return raw
        return self.one(column, raw)

    def one(self, column: Column, raw: Any) -> Any:
        if column.type == ColumnType.CHOICES:
            value = coerce(
                Column(key=column.key, label=column.label, type=ColumnType.CHOICE, options=column.options), raw
            )
        else:
            value = coerce(column, raw, rules=False)
        if value is None:
            raise ValueError("Give a value (or use empty / not_empty).")
        return value


def parse_filter(schema: Schema, raw: Any) -> Group | None:
    """The filter tree for ``raw`` ({"and": [...]}/{"or": [...]}), or FieldErrors under ``filter``."""
    if raw is None:
        return None
    parser = _Parser(schema)
    node = parser.node(raw if isinstance(raw, dict) and ("and" in raw or "or" in raw) else {"and": [raw]}, "filter", 1)
    if parser.errors:
        raise FieldErrors(parser.errors)
    return node if isinstance(node, Group) else None


def parse_sort(schema: Schema, raw: Any) -> tuple[Sort, ...]:
    """Sort keys from [{"column": key, "direction": "asc"|"desc"}, ...] (at most three)."""
    if raw is None:
        return ()
    errors: dict[str, list[str]] = {}
    if not isinstance(raw, list) or len(raw) > MAX_SORTS:
        raise FieldErrors({"sort": [f"Give a list of at most {MAX_SORTS} sort keys."]})
    result: list[Sort] = []
    for index, item in enumerate(raw):
        path = f"sort.{index}"
        if not isinstance(item, dict):
            errors[path] = ['Each sort key is {"column": key, "direction": "asc"|"desc"}.']
            continue
        column, system = _lookup(schema, item.get("column"))
        direction = item.get("direction", "asc")
        if column is None:
            errors[f"{path}.column"] = [f"No column '{item.get('column')}' in this blueprint."]
        elif column.type in (ColumnType.LONG_TEXT, ColumnType.CHOICES):
            errors[f"{path}.column"] = [f"{column.label} cannot be sorted."]
        elif direction not in ("asc", "desc"):
            errors[f"{path}.direction"] = ["Use asc or desc."]
        elif any(s.column.key == column.key for s in result):
            errors[f"{path}.column"] = [f"{column.label} is already sorted."]
        else:
            result.append(Sort(column, direction == "desc", system))
    if errors:
        raise FieldErrors(errors)
    return tuple(result)
