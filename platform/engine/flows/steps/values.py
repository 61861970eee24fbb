"""Reading the parts of a steps table every row shares: fields, lists, durations and the values
of data updates (literals, calculations, joined text), each checked against its target field."""

from __future__ import annotations

import re
from typing import Any

from engine.schema.columns import NUMERIC, TEMPORAL, TEXTUAL, Column, ColumnType
from engine.schema.values import coerce

from .model import (
    Actor,
    Basis,
    Calc,
    Clear,
    Duration,
    FieldInfo,
    FieldRef,
    Join,
    Limits,
    Literal,
    Now,
    Text,
    Today,
    Update,
    Value,
)
from .scripts import RESERVED

MAX_TEXT_PART = 255
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
TEXT_TARGETS = frozenset({ColumnType.TEXT, ColumnType.LONG_TEXT})
TYPE_WORDS: dict[ColumnType, str] = {
    ColumnType.TEXT: "a text",
    ColumnType.LONG_TEXT: "a long text",
    ColumnType.INTEGER: "a whole number",
    ColumnType.DECIMAL: "a decimal number",
    ColumnType.BOOLEAN: "a yes/no",
    ColumnType.DATE: "a date",
    ColumnType.DATETIME: "a date and time",
    ColumnType.CHOICE: "a choice",
    ColumnType.CHOICES: "a several-choices",
    ColumnType.EMAIL: "an email",
    ColumnType.URL: "a web address",
    ColumnType.PHONE: "a phone",
    ColumnType.REFERENCE: "a link",
    ColumnType.USER: "a team member",
}


def field_words(info: FieldInfo | Column) -> str:
    return f"{info.label} is {TYPE_WORDS[info.type]} field"


class ValueReader:
    """The state of one pass over the JSON and the readers of fields and values (see ``parse._Reader``)."""

    def __init__(self, columns: dict[str, Column] | None, basis: Basis | None, limits: Limits) -> None:
        self.columns, self.basis, self.limits = columns, basis, limits
        self.errors: dict[str, list[str]] = {}
        self.used: set[str] = set()
        self.states: tuple[str, ...] = basis.states if basis is not None else ()
        self.state = ""

    def fail(self, path: str, message: str) -> None:
        self.errors.setdefault(path, []).append(message)

    def keys(self, raw: dict[str, Any], allowed: set[str], path: str) -> None:
        for key in sorted(set(raw) - allowed, key=str):
            self.fail(f"{path}.{key}" if path else str(key), "Unknown field.")

    def column(self, key: Any, path: str) -> Column | FieldInfo | None:
        """The field ``key`` names, or None (with the reason) when there is none."""
        if not isinstance(key, str) or not key:
            self.fail(path, "Choose a field.")
            return None
        if self.columns is None:
            info = self.basis.field(key) if self.basis is not None else None
            if info is None:
                self.fail(path, f"No field '{key}' in the steps' basis.")
            else:
                self.used.add(key)
            return info
        column = self.columns.get(key)
        if column is None:
            self.fail(path, f"No field '{key}' in this blueprint.")
            return None
        if key in RESERVED:
            self.fail(path, f"Steps cannot use the field '{key}': scripts need that name. Give the field another key.")
            return None
        self.used.add(key)
        return column

    # The table ----------------------------------------------------------------------------

    def listed(self, raw: Any, path: str, most: int, what: str) -> list[Any]:
        if not isinstance(raw, list):
            self.fail(path, f"Give a list of {what}.")
            return []
        if len(raw) > most:
            self.fail(path, f"At most {most} {what}.")
            return []
        return raw

    def duration(self, raw: Any, path: str, *, whole_days: bool, total: bool) -> Duration | None:
        if not isinstance(raw, dict):
            self.fail(path, 'Give a time like {"days": 2, "hours": 0, "minutes": 0}.')
            return None
        self.keys(raw, {"kind", "days", "hours", "minutes"}, path)
        parts = []
        for name, most in (("days", self.limits.max_days), ("hours", 24 * 1000), ("minutes", 60 * 1000)):
            value = raw.get(name, 0)
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= most:
                self.fail(f"{path}.{name}", f"Give a whole number from 0 to {most}.")
                return None
            parts.append(value)
        found = Duration(*parts)
        if total and not any(parts):
            self.fail(path, "Give a time longer than zero.")
            return None
        if whole_days and (found.hours or found.minutes):
            self.fail(path, "A date moves by whole days only.")
            return None
        return found

    # Updates ------------------------------------------------------------------------------

    def updates(self, raw: Any, path: str, *, timer: bool) -> tuple[Update, ...]:
        found = []
        for index, item in enumerate(self.listed(raw, path, self.limits.updates, "updates")):
            where = f"{path}.{index}"
            if not isinstance(item, dict):
                self.fail(where, 'Each update is {"field": ..., "value": ...}.')
                continue
            self.keys(item, {"field", "value"}, where)
            column = self.column(item.get("field"), f"{where}.field")
            if column is None:
                continue
            if column.key == self.state:
                self.fail(f"{where}.field", "The state changes to the step's 'to' state; it is not an update.")
                continue
            value = self.value(item.get("value"), f"{where}.value", column, timer=timer)
            if value is not None:
                found.append(Update(column.key, value))
        return tuple(found)

    def value(self, raw: Any, path: str, target: Column | FieldInfo, *, timer: bool) -> Value | None:
        kinds = ("literal", "now", "today", "actor", "field", "calc", "join", "clear")
        if not isinstance(raw, dict) or raw.get("kind") not in kinds:
            self.fail(path, "Choose a value: " + ", ".join(kinds) + ".")
            return None
        kind = raw["kind"]
        shape = {"literal": {"value"}, "field": {"field"}, "calc": {"left", "op", "right"}, "join": {"parts"}}
        self.keys(raw, {"kind", *shape.get(kind, set())}, path)
        kind_type = target.type
        if kind == "literal":
            return self.literal(raw.get("value"), path, target)
        if kind in ("now", "today", "actor"):
            wanted = {"now": ColumnType.DATETIME, "today": ColumnType.DATE, "actor": ColumnType.USER}[kind]
            words = {"now": "The current time", "today": "Today's date", "actor": "The person pressing"}[kind]
            if kind_type != wanted:
                self.fail(path, f"{words} fits only {TYPE_WORDS[wanted]} field; {field_words(target)}.")
                return None
            if kind == "actor" and timer:
                self.fail(path, "A timer moves on by itself: nobody presses it.")
                return None
            made: dict[str, Value] = {"now": Now(), "today": Today(), "actor": Actor()}
            return made[kind]
        if kind == "clear":
            if isinstance(target, Column) and target.required:
                self.fail(path, f"{target.label} is required, so it cannot be emptied.")
                return None
            return Clear()
        if kind == "field":
            source = self.column(raw.get("field"), f"{path}.field")
            if source is None:
                return None
            if not _copies(source.type, kind_type):
                self.fail(
                    f"{path}.field", f"{source.label} cannot be copied into {target.label}; {field_words(source)}."
                )
                return None
            return FieldRef(source.key)
        if kind == "calc":
            return self.calc(raw, path, target)
        return self.join(raw.get("parts"), path, target)

    def literal(self, raw: Any, path: str, target: Column | FieldInfo) -> Literal | None:
        if isinstance(target, Column):
            try:
                value = coerce(target, raw)
            except (ValueError, TypeError, ArithmeticError) as exc:
                self.fail(path, f"{target.label} refuses this value: {exc}")
                return None
            if value is None:
                self.fail(path, f"Give a value for {target.label} (or choose to empty it).")
                return None
        else:
            value = raw
        return Literal(tuple(value) if isinstance(value, list) else value)

    def calc(self, raw: dict[str, Any], path: str, target: Column | FieldInfo) -> Calc | None:
        op = raw.get("op")
        if target.type in NUMERIC:
            if op not in ("+", "-", "*", "/"):
                self.fail(f"{path}.op", "Use +, -, * or /.")
                return None
            left = self.operand(raw.get("left"), f"{path}.left", target, numeric=True)
            right_raw = raw.get("right")
            if isinstance(right_raw, dict) and right_raw.get("kind") == "duration":
                self.fail(f"{path}.right", f"A time span cannot be added to a number; {field_words(target)}.")
                return None
            right = self.operand(right_raw, f"{path}.right", target, numeric=True)
            if isinstance(right, Literal) and op == "/" and _is_zero(right.value):
                self.fail(f"{path}.right", "Dividing by 0 gives no number.")
                return None
            if left is None or right is None:
                return None
            return Calc(left, str(op), right)
        if target.type in TEMPORAL:
            if op not in ("+", "-"):
                self.fail(f"{path}.op", "A date moves forward (+) or back (-).")
                return None
            left = self.operand(raw.get("left"), f"{path}.left", target, numeric=False)
            right_raw = raw.get("right")
            if not isinstance(right_raw, dict) or right_raw.get("kind") != "duration":
                self.fail(f"{path}.right", "Give a time span to move the date by.")
                return None
            whole_days = target.type == ColumnType.DATE
            duration = self.duration(right_raw, f"{path}.right", whole_days=whole_days, total=False)
            if left is None or duration is None:
                return None
            return Calc(left, str(op), duration)
        self.fail(path, f"Only numbers and dates can be worked out; {field_words(target)}.")
        return None

    def operand(self, raw: Any, path: str, target: Column | FieldInfo, *, numeric: bool) -> FieldRef | Literal | None:
        if not isinstance(raw, dict) or raw.get("kind") not in ("field", "literal"):
            self.fail(path, "Give a field or a value.")
            return None
        self.keys(raw, {"kind", "field" if raw["kind"] == "field" else "value"}, path)
        if raw["kind"] == "field":
            source = self.column(raw.get("field"), f"{path}.field")
            if source is None:
                return None
            fits = source.type in NUMERIC if numeric else source.type == target.type
            if not fits:
                self.fail(
                    f"{path}.field", f"{source.label} cannot be used to work out {target.label}; {field_words(source)}."
                )
                return None
            return FieldRef(source.key)
        if numeric:
            number = Column(key="number", label="The number", type=ColumnType.DECIMAL)
            checked = self.literal(raw.get("value"), path, number if isinstance(target, Column) else target)
            return Literal(checked.value) if checked is not None else None
        return self.literal(raw.get("value"), path, target)

    def join(self, raw: Any, path: str, target: Column | FieldInfo) -> Join | None:
        if target.type not in TEXT_TARGETS:
            self.fail(path, f"Text can be joined only into a text field; {field_words(target)}.")
            return None
        parts: list[FieldRef | Text] = []
        items = self.listed(raw, f"{path}.parts", self.limits.join_parts, "parts")
        if not items and isinstance(raw, list):
            self.fail(f"{path}.parts", "Give at least one part to join.")
        for index, item in enumerate(items):
            where = f"{path}.parts.{index}"
            if not isinstance(item, dict) or item.get("kind") not in ("field", "text"):
                self.fail(where, "Each part is a field or some words.")
                continue
            self.keys(item, {"kind", "field" if item["kind"] == "field" else "value"}, where)
            if item["kind"] == "field":
                source = self.column(item.get("field"), f"{where}.field")
                if source is not None:
                    parts.append(FieldRef(source.key))
                continue
            text = item.get("value")
            if not isinstance(text, str) or not text or len(text) > MAX_TEXT_PART or CONTROL_CHARACTERS.search(text):
                self.fail(f"{where}.value", f"Give 1 to {MAX_TEXT_PART} characters.")
                continue
            parts.append(Text(text))
        return Join(tuple(parts)) if len(parts) == len(items) and parts else None

    # Conditions ---------------------------------------------------------------------------


def _copies(source: ColumnType, target: ColumnType) -> bool:
    if source == target or (source in NUMERIC and target in NUMERIC):
        return True
    return target in TEXT_TARGETS and (source in TEXTUAL or source == ColumnType.CHOICE)


def _is_zero(value: Any) -> bool:
    try:
        return float(value) == 0
    except (TypeError, ValueError):
        return False
