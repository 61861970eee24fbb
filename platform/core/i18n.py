"""Languages Loom speaks completely, and the IANA timezones it accepts."""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import available_timezones

LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch"}


@lru_cache(maxsize=1)
def timezones() -> tuple[str, ...]:
    """Canonical IANA zone names (Area/Location plus UTC), sorted."""
    zones = {
        name
        for name in available_timezones()
        if ("/" in name and not name.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/")))
    }
    zones.add("UTC")
    return tuple(sorted(zones))


def is_timezone(name: str) -> bool:
    return name in set(timezones())
