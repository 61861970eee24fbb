"""Reading ``LOOM_*`` environment variables: an unset or empty variable takes the default, and a
value that is not of the field's type is a ``ConfigError`` naming the variable."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import MISSING, fields
from typing import Any, TypeVar

from core.config_checks import ConfigError

T = TypeVar("T")


def env(name: str, default: str | None = None) -> str | None:
    """``LOOM_<name>``, or ``default`` when it is unset or empty."""
    value = os.environ.get(f"LOOM_{name}")
    return value if value not in (None, "") else default


def env_str(name: str, default: str) -> str:
    """``LOOM_<name>`` as a text that always has a value."""
    return env(name) or default


def _parsed(name: str, default: T, parse: Callable[[str], T], expected: str) -> T:
    value = env(name)
    if value is None:
        return default
    try:
        return parse(value)
    except ValueError as exc:
        raise ConfigError(f"LOOM_{name} must be {expected}, not {value!r}") from exc


def _boolean(value: str) -> bool:
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ValueError(value)


def env_bool(name: str, default: bool) -> bool:
    return _parsed(name, default, _boolean, "true or false")


def env_int(name: str, default: int) -> int:
    return _parsed(name, default, int, "an integer")


def env_float(name: str, default: float) -> float:
    return _parsed(name, default, float, "a number")


# The reader of each type a plain field may have, by the field's annotation.
_READERS: dict[str, Callable[[str, Any], Any]] = {
    "int": env_int,
    "float": env_float,
    "bool": env_bool,
    "str": env_str,
    "str | None": env,
}


def read_declared(settings_class: type[Any]) -> dict[str, Any]:
    """Every field of the dataclass ``settings_class`` with a default and a plain type, read from
    ``LOOM_<FIELD NAME>``: such a setting is declared once, on its group's class."""
    return {
        f.name: _READERS[str(f.type)](f.name.upper(), f.default)
        for f in fields(settings_class)
        if str(f.type) in _READERS and f.default is not MISSING
    }
