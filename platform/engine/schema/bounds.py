"""The limits every kept value stays within, checked before any costly conversion.

One boundary for records (``engine.schema.values``: API input, CSV import, script and timer
writes, version changes) and for flow data (``engine.flows.codec``), so a value a script hands back
meets the same rules as one a person typed:

- text holds no NUL character and no lone UTF-16 surrogate (PostgreSQL's JSON cannot keep either,
  and a surrogate pair split into two characters would come back as one);
- whole numbers in records lie within ±(2^53 - 1), the range a browser shows exactly;
- decimals have at most ``digits`` significant digits and a power of ten within ±``exponent``
  (so PostgreSQL's numeric, which sorts and filters them, takes every one), judged from the
  number's own digits and exponent, never by computing its value;
- dates and date-times lie in years 1 to 9999, also after conversion to UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

SAFE_INTEGER = 2**53 - 1  # JavaScript's Number.MAX_SAFE_INTEGER
# Decimals and whole numbers that flow data may carry at all: settings can only narrow these.
CARRY_DIGITS = 100
CARRY_EXPONENT = 1000

_UNSAFE_TEXT = re.compile("[\x00\ud800-\udfff]")
_WHOLE_TEXT = re.compile(r"\s*[-+]?\d+\s*")
_TEXT_DIGITS = 30  # a whole number written with more digits is too large without reading it


@dataclass
class DecimalBounds:
    digits: int = 38
    exponent: int = 1000


DECIMALS = DecimalBounds()


def configure(digits: int, exponent: int) -> None:
    """Set the decimal bounds for this process (``LOOM_DECIMAL_MAX_DIGITS`` / ``_EXPONENT``)."""
    if not 1 <= digits <= CARRY_DIGITS:
        raise ValueError(f"Decimal digits must lie between 1 and {CARRY_DIGITS}.")
    if not 0 <= exponent <= CARRY_EXPONENT:
        raise ValueError(f"The decimal exponent must lie between 0 and {CARRY_EXPONENT}.")
    DECIMALS.digits, DECIMALS.exponent = digits, exponent


def check_text(text: str) -> str:
    """``text`` itself, or ValueError when it holds a character no store keeps."""
    found = _UNSAFE_TEXT.search(text)
    if found is None:
        return text
    if found.group() == "\x00":
        raise ValueError("Text cannot contain the NUL character (\\u0000).")
    raise ValueError("Text cannot contain a lone surrogate (\\ud800 to \\udfff); send whole characters.")


def check_decimal(number: Decimal, digits: int | None = None, exponent: int | None = None) -> Decimal:
    """``number`` itself when finite and within the bounds (the process's unless given)."""
    digits = DECIMALS.digits if digits is None else digits
    exponent = DECIMALS.exponent if exponent is None else exponent
    if not number.is_finite():
        raise ValueError("Must be a number.")
    if len(number.as_tuple().digits) > digits:
        raise ValueError(f"At most {digits} digits.")
    if not -exponent <= number.adjusted() <= exponent:
        raise ValueError(f"Must lie between 1E-{exponent} and 1E+{exponent}.")
    return number


def whole_number(value: object, limit: int = SAFE_INTEGER) -> int:
    """``value`` as an int within ±``limit``; its size is judged before any conversion."""
    if isinstance(value, bool):
        raise ValueError("Must be a whole number.")
    if isinstance(value, str):
        if _WHOLE_TEXT.fullmatch(value) is None:
            raise ValueError("Must be a whole number.")
        if len(value.strip().lstrip("+-").lstrip("0")) > _TEXT_DIGITS:
            raise ValueError("This number is too large.")
        value = int(value)
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueError("Must be a whole number.")
        if abs(value) > limit:
            raise ValueError("This number is too large.")
        value = int(value)
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("Must be a whole number.")
        if value.is_zero():
            value = 0
        elif value.adjusted() >= len(str(limit)):  # ten times the limit or more: never int() it
            raise ValueError("This number is too large.")
        elif value.adjusted() < 0 or value != value.to_integral_value():
            raise ValueError("Must be a whole number.")
        else:
            value = int(value)
    if not isinstance(value, int):
        raise ValueError("Must be a whole number.")
    if not -limit <= value <= limit:
        raise ValueError("This number is too large.")
    return value


def check_moment(value: datetime) -> datetime:
    """``value`` (aware) in UTC, or ValueError when that falls outside years 1 to 9999."""
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError("Must lie between the years 1 and 9999 in UTC.") from None
