"""Process data as JSON, exactly: decimals, dates, date-times and durations survive the trip.

The same encoding carries data to and from the script sandbox and into stored flow instances, so
a value a script computed is the value the entity receives, digit for digit.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

_TAG = "$"


def encode(value: Any) -> Any:
    """``value`` as plain JSON types; tagged objects for the types JSON lacks."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("Numbers must be finite.")
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("Numbers must be finite.")
        return {"$decimal": str(value)}
    if isinstance(value, datetime):  # before date: every datetime is a date
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, timedelta):
        return {"$duration": [value.days, value.seconds, value.microseconds]}
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    if isinstance(value, set | frozenset):
        return {"$set": [encode(v) for v in sorted(value, key=repr)]}
    if isinstance(value, dict):
        for key in value:
            if not isinstance(key, str):
                raise ValueError(f"Keys must be text, not {type(key).__name__}.")
        encoded = {k: encode(v) for k, v in value.items()}
        if len(encoded) == 1 and next(iter(encoded)).startswith(_TAG):
            return {"$dict": encoded}  # a data dict that would read as a tag
        return encoded
    raise ValueError(f"A value of type {type(value).__name__} cannot be kept in a flow.")


def decode(value: Any) -> Any:
    """The inverse of ``encode``."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        ((key, inner),) = value.items()
        if key == "$decimal":
            return Decimal(inner)
        if key == "$datetime":
            return datetime.fromisoformat(inner)
        if key == "$date":
            return date.fromisoformat(inner)
        if key == "$duration":
            return timedelta(days=inner[0], seconds=inner[1], microseconds=inner[2])
        if key == "$set":
            return {decode(v) for v in inner}
        if key == "$dict":
            return {k: decode(v) for k, v in inner.items()}
    return {k: decode(v) for k, v in value.items()}


def dumps(value: Any) -> str:
    return json.dumps(encode(value), separators=(",", ":"), allow_nan=False)


def loads(text: str | bytes) -> Any:
    return decode(json.loads(text))
