"""JSON on the hot paths (API answers, JSON columns) through orjson, exact where it differs.

A grid page decodes fifty records' data and encodes them again; a flow step decodes and encodes
the instance's state: with the standard library that was a tenth of the request. orjson is about
ten times faster, but differs from ``json`` in a few places, and where it does the standard
library is used, so nothing changes but the speed:

- integers beyond 64 bits: orjson refuses to encode them and decodes them as floats (losing
  digits). Encoding falls back to ``json``; decoding goes to ``json`` when the text holds a run of
  19 or more digits (PostgreSQL writes numbers out in full, never with an exponent);
- strings with lone surrogates (half a UTF-16 pair): orjson refuses them; ``json`` writes them
  escaped, as before;
- anything else orjson cannot encode goes to the caller's ``default``, as with ``json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import orjson

_LONG_NUMBER = re.compile(rb"\d{19}")
_OPTIONS = orjson.OPT_NON_STR_KEYS


def dumps(obj: Any, *, default: Callable[[Any], Any] | None = None, options: int = 0) -> bytes:
    """``obj`` as UTF-8 JSON; ``json.dumps``'s output (the same JSON value) where orjson cannot."""
    try:
        return orjson.dumps(obj, default=default, option=_OPTIONS | options)
    except orjson.JSONEncodeError:
        indent = 2 if options & orjson.OPT_INDENT_2 else None
        sort = bool(options & orjson.OPT_SORT_KEYS)
        separators = None if indent else (",", ":")
        text = json.dumps(obj, default=default, indent=indent, sort_keys=sort, separators=separators)
        return text.encode("utf-8", "surrogatepass")


def dumps_text(obj: Any) -> str:
    """``dumps`` as text (psycopg takes either; SQLAlchemy's serializer hook expects text)."""
    return dumps(obj).decode("utf-8", "surrogatepass")


def loads(data: bytes | bytearray | memoryview | str) -> Any:
    """Parse JSON exactly as ``json.loads`` would: long integers keep every digit."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
    if _LONG_NUMBER.search(raw) is None:
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass  # what orjson refuses (a lone surrogate escaped in a string), json may read
    return json.loads(raw)
