"""Coercing input to each type's canonical stored form, and checking the column's rules.

Stored forms (JSON): text-like, choice, date ("YYYY-MM-DD"), datetime (UTC,
"YYYY-MM-DDTHH:MM:SS.ffffffZ", fixed width so text order is time order), decimal (a string,
so no digit is lost), integer, boolean, choices (list of strings), reference (entity id
string), user (user id integer). ``None`` means empty.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID

import regex

from engine.schema.bounds import SAFE_INTEGER, check_decimal, check_moment, check_text, whole_number
from engine.schema.columns import MAX_LONG_TEXT, MAX_TEXT, Column, ColumnType

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
URL_PATTERN = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()./-]{3,32}$")
INT_BOUNDS = (-SAFE_INTEGER, SAFE_INTEGER)  # what a browser shows exactly; see engine.schema.bounds
TRUE_WORDS = frozenset({"true", "yes", "1", "y", "on"})
FALSE_WORDS = frozenset({"false", "no", "0", "n", "off"})
MAX_USER_ID = 2**31 - 1  # people are numbered by a 32-bit key


def coerce_date(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10] if "T" in value else value.strip()).isoformat()
        except ValueError:
            pass
    raise ValueError("Use a date like 2026-11-23.")


def format_datetime(value: datetime) -> str:
    """Fixed-width UTC text (years padded to 4 digits), so text order is time order.

    ValueError when the moment in UTC falls outside years 1 to 9999."""
    utc = check_moment(value)
    return f"{utc.year:04d}-" + utc.strftime("%m-%dT%H:%M:%S.%fZ")


def coerce_datetime(value: Any, zone: tzinfo | None = None) -> str:
    """The stored form of a moment. A value without an offset is refused, unless ``zone`` says
    where it was written (a CSV import reads such times in the workspace's timezone, see
    ``in_zone``); the API and scripts always give the offset."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError("Use a date and time like 2026-11-23T14:30:00Z.") from None
    else:
        raise ValueError("Use a date and time like 2026-11-23T14:30:00Z.")
    if parsed.tzinfo is None:
        if zone is None:
            raise ValueError("Give the time zone too, e.g. 2026-11-23T14:30:00Z or +01:00.")
        parsed = in_zone(parsed, zone)
    return format_datetime(parsed)


def in_zone(wall: datetime, zone: tzinfo) -> datetime:
    """The moment a clock in ``zone`` showed as ``wall`` (a time without offset).

    A wall time the clocks skipped (the hour lost when daylight saving time starts) is refused; one
    they showed twice (the hour repeated when it ends) is its first occurrence (``fold=0``)."""
    local = wall.replace(tzinfo=zone, fold=0)
    if local.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall:
        raise ValueError(
            f"{wall:%Y-%m-%d %H:%M} does not exist in {zone}: "
            "the clocks skip that time when daylight saving time starts."
        )
    return local


def _integer(value: Any) -> int:
    return whole_number(value, INT_BOUNDS[1])


def _decimal(value: Any) -> str:
    if isinstance(value, bool):
        raise ValueError("Must be a number.")
    try:
        number = Decimal(str(value).strip()) if isinstance(value, (int, float, str, Decimal)) else None
    except InvalidOperation:
        number = None
    if number is None:
        raise ValueError("Must be a number.")
    return str(check_decimal(number))


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in TRUE_WORDS:
        return True
    if isinstance(value, str) and value.strip().lower() in FALSE_WORDS:
        return False
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise ValueError("Must be true or false.")


def _text(value: Any, limit: int) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        raise ValueError("Must be text.")
    text = str(value)
    if len(text) > limit:
        raise ValueError(f"At most {limit} characters.")
    return check_text(text)


def coerce(column: Column, value: Any, *, rules: bool = True) -> Any:
    """The canonical stored value for ``value`` in ``column``; None stays None.

    Raises ValueError with a message for people when the value does not fit. ``rules=False``
    checks the type only (filter values may lie outside a column's bounds).
    """
    if value is None or (isinstance(value, str) and value.strip() == "" and column.type != ColumnType.LONG_TEXT):
        return None
    kind = column.type
    if kind == ColumnType.TEXT:
        result: Any = _text(value, MAX_TEXT)
    elif kind == ColumnType.LONG_TEXT:
        result = _text(value, MAX_LONG_TEXT)
        if result == "":
            return None
    elif kind == ColumnType.INTEGER:
        result = _integer(value)
    elif kind == ColumnType.DECIMAL:
        result = _decimal(value)
    elif kind == ColumnType.BOOLEAN:
        result = _boolean(value)
    elif kind == ColumnType.DATE:
        result = coerce_date(value)
    elif kind == ColumnType.DATETIME:
        result = coerce_datetime(value)
    elif kind == ColumnType.EMAIL:
        result = _text(value, MAX_TEXT).strip()
        if not EMAIL_PATTERN.match(result):
            raise ValueError("Must be an email address like ann@example.com.")
    elif kind == ColumnType.URL:
        result = _text(value, 2000).strip()
        if not URL_PATTERN.match(result):
            raise ValueError("Must be a web address starting with http:// or https://.")
    elif kind == ColumnType.PHONE:
        result = _text(value, 40).strip()
        if not PHONE_PATTERN.match(result):
            raise ValueError("Must be a phone number (digits, spaces, + ( ) - . /).")
    elif kind == ColumnType.CHOICE:
        result = _text(value, 100)
        if result not in column.option_values():
            raise ValueError("Choose one of: " + ", ".join(column.option_values()) + ".")
    elif kind == ColumnType.CHOICES:
        items = value if isinstance(value, (list, tuple)) else [v for v in str(value).split(",") if v.strip()]
        chosen = [_text(item, 100).strip() for item in items]
        unknown = [item for item in chosen if item not in column.option_values()]
        if unknown:
            raise ValueError(f"Not an option: {', '.join(unknown)}.")
        order = column.option_values()
        result = sorted(set(chosen), key=order.index)
        if not result:
            return None
    elif kind == ColumnType.REFERENCE:
        try:
            result = str(UUID(str(value)))
        except ValueError:
            raise ValueError("Must be the id of a record.") from None
    elif kind == ColumnType.USER:
        result = _integer(value)
        if not 0 < result <= MAX_USER_ID:
            raise ValueError("Must be the id of a person in this workspace.")
    else:  # pragma: no cover - every type is handled above
        raise ValueError(f"Unknown type {kind}.")
    if rules:
        check_rules(column, result)
    return result


def check_rules(column: Column, value: Any) -> None:
    """Raise ValueError when a stored value breaks the column's validation rules."""
    rules = column.rules
    if rules.min is not None or rules.max is not None:
        if column.type in (ColumnType.INTEGER, ColumnType.DECIMAL):
            number = Decimal(str(value))
            if rules.min is not None and number < Decimal(rules.min):
                raise ValueError(f"Must be at least {rules.min}.")
            if rules.max is not None and number > Decimal(rules.max):
                raise ValueError(f"Must be at most {rules.max}.")
        else:
            if rules.min is not None and value < rules.min:
                raise ValueError(f"Must be on or after {rules.min}.")
            if rules.max is not None and value > rules.max:
                raise ValueError(f"Must be on or before {rules.max}.")
    if isinstance(value, str):
        if rules.min_length is not None and len(value) < rules.min_length:
            raise ValueError(f"At least {rules.min_length} characters.")
        if rules.max_length is not None and len(value) > rules.max_length:
            raise ValueError(f"At most {rules.max_length} characters.")
        if rules.pattern is not None and not _matches(rules.pattern, value):
            raise ValueError("Does not match the required pattern.")


PATTERN_TIMEOUT_SECONDS = 0.05


def _matches(pattern: str, value: str) -> bool:
    """Tenant-written patterns run with a time limit, so no pattern can stall a request."""
    try:
        return regex.fullmatch(pattern, value, timeout=PATTERN_TIMEOUT_SECONDS) is not None
    except TimeoutError:
        raise ValueError("The pattern took too long to check on this value.") from None
