"""A blueprint version's schema: its ordered columns, and validating entity data against it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from engine.schema.columns import Column, ColumnType, parse_column
from engine.schema.errors import FieldErrors, SchemaError
from engine.schema.values import coerce

MAX_COLUMNS = 200


@dataclass(frozen=True)
class Schema:
    """The columns of one blueprint version, in order."""

    columns: tuple[Column, ...]

    @classmethod
    def parse(cls, raw: Any) -> Schema:
        """Build a schema from its JSON form; SchemaError says what is wrong, per field."""
        if not isinstance(raw, list):
            raise SchemaError({"columns": ["Give a list of columns."]})
        if len(raw) > MAX_COLUMNS:
            raise SchemaError({"columns": [f"At most {MAX_COLUMNS} columns."]})
        errors: dict[str, list[str]] = {}
        columns: list[Column] = []
        seen: set[str] = set()
        for index, item in enumerate(raw):
            column, column_errors = parse_column(item, f"columns.{index}")
            errors.update(column_errors)
            if column is None:
                continue
            if column.key in seen:
                errors[f"columns.{index}.key"] = [f"Another column already uses the key '{column.key}'."]
                continue
            seen.add(column.key)
            columns.append(column)
        if errors:
            raise SchemaError(errors)
        return cls(tuple(columns))

    def to_list(self) -> list[dict[str, Any]]:
        return [column.to_dict() for column in self.columns]

    def column(self, key: str) -> Column | None:
        for column in self.columns:
            if column.key == key:
                return column
        return None

    def keys(self) -> tuple[str, ...]:
        return tuple(column.key for column in self.columns)

    def references(self) -> Iterable[Column]:
        return (c for c in self.columns if c.type == ColumnType.REFERENCE)

    def validate(self, data: Mapping[str, Any], *, existing: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Clean entity data for this schema, or raise FieldErrors keyed by column.

        Without ``existing`` this is a create: defaults fill missing columns. With it, this is
        an update: ``data`` holds only the changed columns and is merged over ``existing``.
        Unknown columns are refused, required ones must end up with a value.
        """
        if not isinstance(data, Mapping):
            raise FieldErrors({"data": ["Give the values as an object of column keys."]})
        errors: dict[str, list[str]] = {}
        for key in data:
            if self.column(str(key)) is None:
                errors[str(key)] = ["This blueprint has no such column."]
        result: dict[str, Any] = {}
        for column in self.columns:
            if column.key in data:
                try:
                    value = coerce(column, data[column.key])
                except ValueError as exc:
                    errors[column.key] = [str(exc)]
                    continue
            elif existing is not None:
                value = existing.get(column.key)
            else:
                value = column.default
            if value is None and column.required:
                errors[column.key] = ["This field is required."]
                continue
            if value is not None:
                result[column.key] = value
        if errors:
            raise FieldErrors(errors)
        return result
