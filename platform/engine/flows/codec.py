"""Process data as JSON, exactly: every value it accepts comes back equal and of the same type.

Decimals keep their digits, date-times their offset, durations their microseconds; tuples, sets
and frozensets stay what they were, and so does a dict whose only key starts with ``$``. The
same encoding carries data to and from the script sandbox and keeps it in stored flow instances
(``engine.flows.run``), so a value a script computed is the value the record receives.

Everything else is refused with ValueError saying why, on the way in and on the way out: text
with NUL or a lone surrogate, numbers that are not finite or lie outside the bounds of
``engine.schema.bounds`` (judged before any conversion), set members that are not hashable.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from engine.schema.bounds import CARRY_DIGITS, CARRY_EXPONENT, check_decimal, check_text

_TAG = "$"
MAX_INTEGER = 10**CARRY_DIGITS - 1  # whole numbers with at most CARRY_DIGITS digits
_FINITE = "Numbers must be finite."
MAX_DEPTH = 50  # lists, sets and objects inside each other (the sandbox's own stack is short)


def encode(value: Any, depth: int = 0) -> Any:
    """``value`` as plain JSON types; tagged objects for the types JSON lacks."""
    if isinstance(value, _SCALARS):
        return _scalar(value)
    if isinstance(value, Decimal):
        return {"$decimal": str(_decimal(value))}
    if isinstance(value, datetime):  # before date: every datetime is a date
        if isinstance(value.tzinfo, ZoneInfo) and value.tzinfo.key:  # the zone itself, not one offset of it
            return {"$zoned": [value.replace(tzinfo=None).isoformat(), value.tzinfo.key, value.fold]}
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, timedelta):
        return {"$duration": [value.days, value.seconds, value.microseconds]}
    depth = _deeper(depth)
    if isinstance(value, list):
        return [encode(v, depth) for v in value]
    if isinstance(value, tuple):
        return {"$tuple": [encode(v, depth) for v in value]}
    if isinstance(value, frozenset):
        return {"$frozenset": [encode(v, depth) for v in sorted(value, key=repr)]}
    if isinstance(value, set):
        return {"$set": [encode(v, depth) for v in sorted(value, key=repr)]}
    if isinstance(value, dict):
        for key in value:
            if not isinstance(key, str):
                raise ValueError(f"Keys must be text, not {type(key).__name__}.")
            check_text(key)
        encoded = {k: encode(v, depth) for k, v in value.items()}
        if len(encoded) == 1 and next(iter(encoded)).startswith(_TAG):
            return {"$dict": encoded}  # a data dict that would read as a tag
        return encoded
    raise ValueError(f"A value of type {type(value).__name__} cannot be kept in a flow.")


def decode(value: Any, depth: int = 0) -> Any:
    """The inverse of ``encode``; ValueError for anything ``encode`` would not have made."""
    if isinstance(value, _SCALARS):
        return _scalar(value)
    depth = _deeper(depth)
    if isinstance(value, list):
        return [decode(v, depth) for v in value]
    if not isinstance(value, dict):
        raise ValueError(f"A value of type {type(value).__name__} cannot be kept in a flow.")
    if len(value) == 1:
        ((key, inner),) = value.items()
        if key in _TAGS:
            return _TAGS[key](inner, depth)
    return _decode_dict(value, depth)


def dumps(value: Any) -> str:
    return json.dumps(encode(value), separators=(",", ":"), allow_nan=False)


def loads(text: str | bytes) -> Any:
    """Read JSON made by ``dumps``; numbers are judged from their text, before Python builds them."""
    return decode(json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_no_constant))


_SCALARS = (type(None), bool, int, float, str)


def _scalar(value: bool | int | float | str | None) -> Any:
    """A value JSON has a type for, the same both ways, once checked: a whole number's digits, a
    float's finiteness, a text's characters."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return _integer(value)
    if isinstance(value, float):
        return _float(value)
    return check_text(value)


def _deeper(depth: int) -> int:
    if depth >= MAX_DEPTH:
        raise ValueError(f"Data nested more than {MAX_DEPTH} levels deep cannot be kept.")
    return depth + 1


def _integer(value: int) -> int:
    if not -MAX_INTEGER <= value <= MAX_INTEGER:
        raise ValueError(f"Whole numbers may have at most {CARRY_DIGITS} digits.")
    return value


def _float(value: float) -> float:
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(_FINITE)
    return value


def _decimal(value: Decimal) -> Decimal:
    return check_decimal(value, CARRY_DIGITS, CARRY_EXPONENT)


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > CARRY_DIGITS:
        raise ValueError(f"Whole numbers may have at most {CARRY_DIGITS} digits.")
    return int(text)


def _parse_float(text: str) -> float:
    return _float(float(text))


def _no_constant(text: str) -> Any:
    raise ValueError(_FINITE)


# The longest text ``str`` gives a decimal ``encode`` allows: CARRY_DIGITS digits, a sign, a point,
# up to five leading zeros, or an exponent such as "E+1000".
DECIMAL_TEXT = CARRY_DIGITS + 16


def _text(inner: Any, tag: str, limit: int = 64) -> str:
    if not isinstance(inner, str) or len(inner) > limit:
        raise ValueError(f"A {tag} must be given as short text.")
    return inner


def _items(inner: Any, tag: str, depth: int) -> list[Any]:
    if not isinstance(inner, list):
        raise ValueError(f"A {tag} must be given as a list.")
    return [decode(v, depth) for v in inner]


def _decode_decimal(inner: Any, depth: int) -> Decimal:
    text = _text(inner, "decimal", DECIMAL_TEXT)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"Not a decimal number: {text!r}.") from None
    return _decimal(number)


def _decode_datetime(inner: Any, depth: int) -> datetime:
    return datetime.fromisoformat(_text(inner, "date and time"))


def _decode_zoned(inner: Any, depth: int) -> datetime:
    if not (isinstance(inner, list) and len(inner) == 3 and inner[2] in (0, 1)):
        raise ValueError("A zoned date and time must be given as [local time, zone, fold].")
    try:
        zone = ZoneInfo(_text(inner[1], "time zone"))
    except (KeyError, ValueError):  # no such zone, or not a zone's name
        raise ValueError(f"Not a time zone: {inner[1]!r}.") from None
    local = datetime.fromisoformat(_text(inner[0], "date and time"))
    if local.tzinfo is not None:
        raise ValueError("A zoned date and time gives the local time without an offset.")
    return local.replace(tzinfo=zone, fold=inner[2])


def _decode_date(inner: Any, depth: int) -> date:
    return date.fromisoformat(_text(inner, "date"))


def _decode_duration(inner: Any, depth: int) -> timedelta:
    if not (isinstance(inner, list) and len(inner) == 3 and all(type(v) is int for v in inner)):
        raise ValueError("A duration must be given as [days, seconds, microseconds].")
    try:
        return timedelta(days=inner[0], seconds=inner[1], microseconds=inner[2])
    except OverflowError:
        raise ValueError("A duration must be shorter than 999999999 days.") from None


def _members(inner: Any, tag: str, depth: int) -> list[Any]:
    members = _items(inner, tag, depth)
    for member in members:
        try:
            hash(member)
        except TypeError:
            raise ValueError(
                f"A {tag} can hold only values that cannot change (numbers, text, dates, tuples), "
                f"not a {type(member).__name__}."
            ) from None
    return members


def _decode_dict(inner: Any, depth: int) -> dict[str, Any]:
    if not isinstance(inner, dict):
        raise ValueError("A $dict must hold an object.")
    return {check_text(k): decode(v, depth) for k, v in inner.items()}


_TAGS: dict[str, Any] = {
    "$decimal": _decode_decimal,
    "$datetime": _decode_datetime,
    "$zoned": _decode_zoned,
    "$date": _decode_date,
    "$duration": _decode_duration,
    "$tuple": lambda inner, depth: tuple(_items(inner, "tuple", depth)),
    "$set": lambda inner, depth: set(_members(inner, "set", depth)),
    "$frozenset": lambda inner, depth: frozenset(_members(inner, "frozenset", depth)),
    "$dict": _decode_dict,
}
