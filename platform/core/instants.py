"""Instants taken from requests: aware date-times that exist in UTC.

``0001-01-01T00:00:00+23:59`` and ``9999-12-31T23:59:59-05:00`` are valid ISO 8601 but fall
outside years 1 to 9999 once converted to UTC: Python cannot hold them, and PostgreSQL stores
a year 10000 it then cannot give back. Such a value is refused where it comes in.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from marshmallow import ValidationError, fields

OUT_OF_RANGE = "Must lie between the years 1 and 9999 in UTC."


class Instant(fields.AwareDateTime):
    """An aware date-time (or a naive one with ``default_timezone``), given back in UTC."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> datetime:
        moment: datetime = super()._deserialize(value, attr, data, **kwargs)
        try:
            return moment.astimezone(UTC)
        except OverflowError:
            raise ValidationError(OUT_OF_RANGE) from None
