"""Timing helpers the benchmarks share: samples with p50/p95/max, and the time a request spends in SQL."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event


@dataclass
class Samples:
    """Durations in seconds; figures in milliseconds."""

    values: list[float] = field(default_factory=list)

    def add(self, seconds: float) -> None:
        self.values.append(seconds)

    def pct(self, q: float) -> float:
        """The q-th percentile (nearest rank), in ms."""
        ordered = sorted(self.values)
        if not ordered:
            return math.nan
        return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)] * 1000

    @property
    def p50(self) -> float:
        return self.pct(50)

    @property
    def p95(self) -> float:
        return self.pct(95)

    @property
    def max(self) -> float:
        return max(self.values) * 1000 if self.values else math.nan

    def __len__(self) -> int:
        return len(self.values)


def timed(fn: Callable[[], object], runs: int, warmup: int = 0) -> Samples:
    for _ in range(warmup):
        fn()
    samples = Samples()
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.add(time.perf_counter() - start)
    return samples


class SqlClock:
    """Time between the driver's cursor events (the database's own time and the driver's), and
    the statements sent, for one engine. ``reset`` before each request."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.seconds = 0.0
        self.statements: list[tuple[str, Any]] = []
        self._started = 0.0
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def reset(self) -> None:
        self.seconds, self.statements = 0.0, []

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._before)
        event.remove(self.engine, "after_cursor_execute", self._after)

    def _before(self, conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: bool) -> None:
        self.statements.append((statement, params))
        self._started = time.perf_counter()

    def _after(self, conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: bool) -> None:
        self.seconds += time.perf_counter() - self._started


FLOOR_PATH = "/api/auth/me"  # signed in, reads nothing the cache does not hold, answers a few fields


def request_floor(client: Any, headers: dict[str, str], runs: int = 300) -> float:
    """Median CPU milliseconds of this process for a signed-in request that does next to nothing
    (``FLOOR_PATH``): what every API request costs before its own work (Flask, the token and user
    checks, the request hooks, the answer), measured beside a benchmark's own figures."""
    samples = []
    for attempt in range(runs + 30):
        start = time.process_time()
        response = client.get(FLOOR_PATH, headers=headers)
        used = time.process_time() - start
        assert response.status_code == 200, response.status_code
        if attempt >= 30:  # after a warm-up
            samples.append(used)
    samples.sort()
    return samples[len(samples) // 2] * 1000
