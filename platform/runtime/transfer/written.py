"""Values of a CSV cell as the file's locale writes them, turned into what a column takes.

"en": 1,234.5, 2026-11-01 or 11/01/2026, 11/01/2026 09:00. "de": 1.234,5, 01.11.2026,
01.11.2026 09:00. ISO dates and times (2026-11-01, 2026-11-01 09:00, 2026-11-01T09:00:00+01:00)
are read in both. A date and time without an offset is read in the workspace's timezone
(``engine.schema.values.in_zone``: a time the clocks skipped is refused, a repeated one is its
first occurrence). Columns of other types take the text as it is.
"""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo
from typing import Any

from engine.schema.columns import Column, ColumnType
from engine.schema.values import coerce_datetime

LOCALES = ("en", "de")
CURRENCY = "€$£¥"
_SPACES = re.compile(r"[\s\u00a0\u202f]")
# Grouped (1,234,567.5) or plain (1234567.5); the separators are the locale's.
_NUMBER = {
    "en": re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$"),
    "de": re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$"),
}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATE = {"en": re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), "de": re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")}
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_EXAMPLES = {
    "en": ("1,234.5", "2026-11-01 or 11/01/2026", "2026-11-01 09:00 or 11/01/2026 09:00", "1,234"),
    "de": ("1.234,5", "01.11.2026", "01.11.2026 09:00", "1.234"),
}


def read_cell(column: Column, text: str, locale: str, zone: tzinfo) -> Any:
    """``text`` as ``column`` takes it; ValueError with a reason for people when it cannot be read."""
    value = text.strip()
    if not value:
        return text
    kind = column.type
    if kind in (ColumnType.INTEGER, ColumnType.DECIMAL):
        return _number(value, locale, whole=kind == ColumnType.INTEGER)
    if kind == ColumnType.DATE:
        return _date(value, locale).isoformat()
    if kind == ColumnType.DATETIME:
        return _datetime(value, locale, zone)
    return text


def _number(value: str, locale: str, *, whole: bool) -> str:
    plain = _SPACES.sub("", value).strip(CURRENCY)
    if not _NUMBER[locale].match(plain):
        examples = _EXAMPLES[locale]
        kind = f"a whole number like {examples[3]}" if whole else f"a number like {examples[0]}"
        raise ValueError(f"Must be {kind}.")
    if locale == "de":
        return plain.replace(".", "").replace(",", ".")
    return plain.replace(",", "")


def _date(value: str, locale: str) -> date:
    iso = _ISO_DATE.match(value)
    written = _DATE[locale].match(value)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if written and locale == "de":
            return date(int(written[3]), int(written[2]), int(written[1]))
        if written:
            return date(int(written[3]), int(written[1]), int(written[2]))
    except ValueError:
        raise ValueError(f"{value} is not a day of the calendar.") from None
    raise ValueError(f"Use a date like {_EXAMPLES[locale][1]}.")


def _datetime(value: str, locale: str, zone: tzinfo) -> str:
    day_text, _, time_text = value.partition(" ")
    if _ISO_DATE.match(day_text.split("T")[0]):
        return coerce_datetime(value, zone)  # ISO 8601, with or without an offset
    try:
        day = _date(day_text, locale)
    except ValueError:
        raise ValueError(f"Use a date and time like {_EXAMPLES[locale][2]}.") from None
    clock = _TIME.match(time_text.strip()) if time_text.strip() else None
    if time_text.strip() and clock is None:
        raise ValueError(f"Use a date and time like {_EXAMPLES[locale][2]}.")
    hour, minute, second = (int(clock[1]), int(clock[2]), int(clock[3] or 0)) if clock else (0, 0, 0)
    try:
        wall = datetime(day.year, day.month, day.day, hour, minute, second)
    except ValueError:
        raise ValueError(f"Use a date and time like {_EXAMPLES[locale][2]}.") from None
    return coerce_datetime(wall, zone)
