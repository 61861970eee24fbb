"""Column definitions: the types Loom knows, their options and validation rules."""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import regex

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
COLOR_PATTERN = re.compile(r"^(#[0-9a-fA-F]{6}|[a-z]+)$")
SYSTEM_KEYS = frozenset({"id", "created_at", "updated_at", "version", "blueprint", "tenant_id"})
MAX_TEXT = 255
MAX_LONG_TEXT = 100_000
MAX_OPTIONS = 200


class ColumnType(enum.StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    BOOLEAN = "boolean"
    DATE = "date"
    DATETIME = "datetime"
    CHOICE = "choice"
    CHOICES = "choices"
    EMAIL = "email"
    URL = "url"
    PHONE = "phone"
    REFERENCE = "reference"
    USER = "user"


TYPE_LABELS: dict[ColumnType, str] = {
    ColumnType.TEXT: "Text",
    ColumnType.LONG_TEXT: "Long text",
    ColumnType.INTEGER: "Whole number",
    ColumnType.DECIMAL: "Decimal number",
    ColumnType.BOOLEAN: "Yes/No",
    ColumnType.DATE: "Date",
    ColumnType.DATETIME: "Date and time",
    ColumnType.CHOICE: "Choice",
    ColumnType.CHOICES: "Several choices",
    ColumnType.EMAIL: "Email",
    ColumnType.URL: "Web address",
    ColumnType.PHONE: "Phone",
    ColumnType.REFERENCE: "Link to a record",
    ColumnType.USER: "Team member",
}

TEXTUAL = frozenset({ColumnType.TEXT, ColumnType.LONG_TEXT, ColumnType.EMAIL, ColumnType.URL, ColumnType.PHONE})
NUMERIC = frozenset({ColumnType.INTEGER, ColumnType.DECIMAL})
TEMPORAL = frozenset({ColumnType.DATE, ColumnType.DATETIME})


@dataclass(frozen=True)
class Option:
    """One value of a choice column, in display order, with a colour."""

    value: str
    label: str
    color: str = "gray"

    def to_dict(self) -> dict[str, str]:
        return {"value": self.value, "label": self.label, "color": self.color}


@dataclass(frozen=True)
class Rules:
    """Validation: bounds for numbers and dates, lengths and a pattern for text."""

    min: str | None = None
    max: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class Column:
    """One typed column of a blueprint version."""

    key: str
    label: str
    type: ColumnType
    required: bool = False
    default: Any = None
    help_text: str = ""
    rules: Rules = field(default_factory=Rules)
    options: tuple[Option, ...] = ()
    reference: str | None = None  # key of the referenced blueprint (reference columns)

    def option_values(self) -> tuple[str, ...]:
        return tuple(option.value for option in self.options)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "key": self.key,
            "label": self.label,
            "type": self.type.value,
            "required": self.required,
            "default": self.default,
            "help_text": self.help_text,
            "rules": self.rules.to_dict(),
        }
        if self.options:
            data["options"] = [option.to_dict() for option in self.options]
        if self.reference:
            data["reference"] = self.reference
        return data


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def parse_column(raw: Any, where: str) -> tuple[Column | None, dict[str, list[str]]]:
    """Build a Column from its JSON form; errors are keyed ``<where>.<field>``."""
    errors: dict[str, list[str]] = {}

    def fail(name: str, message: str) -> None:
        errors.setdefault(f"{where}.{name}", []).append(message)

    if not isinstance(raw, dict):
        return None, {where: ["Each column must be an object."]}
    unknown = set(raw) - {"key", "label", "type", "required", "default", "help_text", "rules", "options", "reference"}
    for name in sorted(unknown):
        fail(name, "Unknown field.")
    key = raw.get("key")
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        fail("key", "Use lowercase letters, digits and underscores, starting with a letter (at most 63).")
    elif key in SYSTEM_KEYS:
        fail("key", f"'{key}' is a system column; choose another key.")
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip() or len(label) > 120:
        fail("label", "Give the column a label of 1 to 120 characters.")
    try:
        column_type = ColumnType(str(raw.get("type")))
    except ValueError:
        fail("type", "Unknown type; use one of: " + ", ".join(t.value for t in ColumnType) + ".")
        return None, errors
    required = raw.get("required", False)
    if not isinstance(required, bool):
        fail("required", "Must be true or false.")
    help_text = raw.get("help_text", "") or ""
    if not isinstance(help_text, str) or len(help_text) > 500:
        fail("help_text", "At most 500 characters.")
    rules, rule_errors = _parse_rules(raw.get("rules") or {}, column_type)
    for name, messages in rule_errors.items():
        errors.setdefault(f"{where}.rules.{name}", []).extend(messages)
    options, option_errors = _parse_options(raw.get("options"), column_type)
    for name, messages in option_errors.items():
        errors.setdefault(f"{where}.{name}", []).extend(messages)
    reference = raw.get("reference")
    if column_type == ColumnType.REFERENCE:
        if not isinstance(reference, str) or not KEY_PATTERN.match(reference):
            fail("reference", "Choose the blueprint this column refers to.")
    elif reference is not None:
        fail("reference", "Only reference columns refer to a blueprint.")
    if errors:
        return None, errors
    column = Column(
        key=key,  # type: ignore[arg-type]
        label=label.strip(),  # type: ignore[union-attr]
        type=column_type,
        required=bool(required),
        help_text=help_text,
        rules=rules,
        options=options,
        reference=reference if column_type == ColumnType.REFERENCE else None,
    )
    default = raw.get("default")
    if default is not None and default != "":
        from engine.schema.values import coerce

        try:
            column = Column(**{**column.__dict__, "default": coerce(column, default)})
        except ValueError as exc:
            fail("default", str(exc))
            return None, errors
    return column, errors


def _parse_rules(raw: Any, column_type: ColumnType) -> tuple[Rules, dict[str, list[str]]]:
    if not isinstance(raw, dict):
        return Rules(), {"_": ["Rules must be an object."]}
    errors: dict[str, list[str]] = {name: ["Unknown rule."] for name in sorted(set(raw) - set(_RULES))}
    given: dict[str, Any] = {}
    for name, check in _RULES.items():
        value = raw.get(name)
        if value is None:
            continue
        try:
            given[name] = check(value, column_type)
        except ValueError as exc:
            errors[name] = [str(exc)]
    low, high = given.get("min"), given.get("max")
    if low is not None and high is not None and not errors:
        smaller = Decimal(low) > Decimal(high) if column_type in NUMERIC else low > high
        if smaller:
            errors["max"] = ["Must not be below the minimum."]
    lo_len, hi_len = given.get("min_length"), given.get("max_length")
    if lo_len is not None and hi_len is not None and lo_len > hi_len:
        errors["max_length"] = ["Must not be below the minimum length."]
    return Rules(**given), errors


def _bound(value: Any, column_type: ColumnType) -> str:
    """A minimum or maximum, in the column's stored form."""
    if column_type in NUMERIC:
        number = _decimal(value)
        if number is None or not number.is_finite():
            raise ValueError("Must be a number.")
        return str(number)
    if column_type in TEMPORAL:
        from engine.schema.values import coerce_date, coerce_datetime

        return coerce_date(value) if column_type == ColumnType.DATE else coerce_datetime(value)
    raise ValueError("Only numbers and dates have a minimum and maximum.")


def _length(value: Any, column_type: ColumnType) -> int:
    if column_type not in TEXTUAL:
        raise ValueError("Only text columns have a length.")
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError("Must be a whole number, 0 or more.")
    return value


def _pattern(value: Any, column_type: ColumnType) -> str:
    if column_type not in TEXTUAL:
        raise ValueError("Only text columns have a pattern.")
    if not isinstance(value, str) or len(value) > 500:
        raise ValueError("At most 500 characters.")
    try:
        regex.compile(value)
    except regex.error as exc:
        raise ValueError(f"Not a valid pattern: {exc}.") from None
    return value


# Each rule, in the order its errors are listed, and how its value is checked for a column type.
_RULES: dict[str, Callable[[Any, ColumnType], Any]] = {
    "min": _bound,
    "max": _bound,
    "min_length": _length,
    "max_length": _length,
    "pattern": _pattern,
}


def _parse_options(raw: Any, column_type: ColumnType) -> tuple[tuple[Option, ...], dict[str, list[str]]]:
    if column_type not in (ColumnType.CHOICE, ColumnType.CHOICES):
        return (), ({"options": ["Only choice columns have options."]} if raw else {})
    if not isinstance(raw, list) or not raw:
        return (), {"options": ["Give at least one option."]}
    if len(raw) > MAX_OPTIONS:
        return (), {"options": [f"At most {MAX_OPTIONS} options."]}
    options: list[Option] = []
    errors: dict[str, list[str]] = {}
    seen: set[str] = set()
    for index, item in enumerate(raw):
        where = f"options.{index}"
        if isinstance(item, str):
            item = {"value": item, "label": item}
        if not isinstance(item, dict):
            errors[where] = ["Each option needs a value and a label."]
            continue
        value, label, color = item.get("value"), item.get("label", item.get("value")), item.get("color", "gray")
        if not isinstance(value, str) or not value.strip() or len(value) > 100:
            errors[f"{where}.value"] = ["Give the option a value of 1 to 100 characters."]
            continue
        if value in seen:
            errors[f"{where}.value"] = [f"'{value}' is listed twice."]
            continue
        if not isinstance(label, str) or not label.strip():
            label = value
        if not isinstance(color, str) or not COLOR_PATTERN.match(color):
            errors[f"{where}.color"] = ["Use a colour name or #rrggbb."]
            continue
        seen.add(value)
        options.append(Option(value=value, label=label.strip(), color=color))
    return tuple(options), errors
