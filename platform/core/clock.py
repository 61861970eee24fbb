"""The one source of "now" for Loom, so tests can move time instead of waiting.

``travel`` shifts the clock for the whole process; only the testing stage uses it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

_offset = timedelta(0)


def now() -> datetime:
    """Timezone-aware current time in UTC."""
    return datetime.now(UTC) + _offset


def naive_utcnow() -> datetime:
    """Current UTC time without tzinfo, the form Flask-Security-Too stores and compares."""
    return now().replace(tzinfo=None)


def travel(delta: timedelta) -> None:
    """Move the clock by ``delta`` (tests only)."""
    global _offset
    _offset += delta


def reset() -> None:
    """Put the clock back to real time."""
    global _offset
    _offset = timedelta(0)
