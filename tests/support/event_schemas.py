"""Every domain event any test makes is checked against its published JSON Schema (docs/hooks.md).

The catalogue (runtime/hooks/catalogue.py) is what receivers are promised; a payload that drifts
from it fails the test that produced it, whatever that test was about.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from core.events import listening


def _validators() -> dict[str, Draft202012Validator]:
    from runtime.hooks.catalogue import DATA_SCHEMAS

    return {name: Draft202012Validator(schema, format_checker=FormatChecker()) for name, schema in DATA_SCHEMAS.items()}


_cache: dict[str, Draft202012Validator] = {}


def problems(event_type: str, data: Any) -> list[str]:
    """What is wrong with ``data`` as the payload of ``event_type`` (as it goes out: JSON)."""
    if not _cache:
        _cache.update(_validators())
    sent = json.loads(json.dumps(data, default=str))
    return [f"{event_type} {list(e.absolute_path)}: {e.message}" for e in _cache[event_type].iter_errors(sent)]


@contextmanager
def checked_events() -> Iterator[None]:
    with listening() as heard:
        yield
    found = [problem for event in heard for problem in problems(event.type, event.data)]
    assert found == [], "events that do not match docs/hooks.md:\n" + "\n".join(found)
