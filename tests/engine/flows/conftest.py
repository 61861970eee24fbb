"""The sandbox the engine's tests run scripts in: one per test module, closed after it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from engine.flows.sandbox import Sandbox


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    box = Sandbox()
    yield box
    box.close()
