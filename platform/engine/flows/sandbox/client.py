"""Running scripts in sandbox processes: limits per run and per transition, one workspace per process.

A ``Sandbox`` belongs to one thread. It keeps the process it took from its ``Pool`` while the same
workspace's scripts succeed, and ends it (taking a fresh spare next time) when another workspace's
script comes, after a failure that may have left anything behind (time, memory, recursion, crash,
size), after ``runs_per_process`` runs, or when the process grew past a quarter of its memory limit.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import threading
import time
import weakref
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from engine.flows import codec
from engine.flows.sandbox.pool import Pool, StartFailed, close_all
from engine.flows.sandbox.worker import Lost, Worker

# Failures after which the process is ended: the script's own errors and refusals leave nothing.
_KEEPS_PROCESS = frozenset({"invalid", "error", "declined"})
_TIME_SIGNALS = frozenset({signal.SIGPROF, signal.SIGXCPU})


class ScriptError(Exception):
    """A script or condition failed; ``kind`` says why: invalid (it cannot compile), error (its own
    exception), declined (``refuse(reason)``: the script turned the step down), timeout, budget (the
    step's scripts together), memory, recursion, crash, size, refused (a system call the sandbox does
    not allow)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass
class Budget:
    """What the scripts of one transition may spend together: processor seconds, and wall seconds
    counted from its first script."""

    cpu_seconds: float
    wall_seconds: float
    cpu_used: float = 0.0
    started: float | None = field(default=None)

    def begin(self) -> None:
        if self.started is None:
            self.started = time.monotonic()

    def wall_left(self) -> float:
        self.begin()
        assert self.started is not None
        return self.wall_seconds - (time.monotonic() - self.started)

    def cpu_message(self) -> str:
        return f"The scripts of this step used more than {self.cpu_seconds:g} s of processor time."

    def wall_message(self) -> str:
        return f"The scripts of this step ran longer than {self.wall_seconds:g} s and were stopped."


class Sandbox:
    """Runs scripts in sandbox processes: each within ``time_budget`` processor seconds, its data
    within ``size_budget`` bytes, and all of one transition (``Budget``) within ``transition_cpu``
    processor seconds and ``transition_wall`` seconds. ``tenant`` is whose scripts come next."""

    def __init__(
        self,
        time_budget: float = 1.0,
        size_budget: int = 256 * 1024,
        *,
        transition_cpu: float = 5.0,
        transition_wall: float = 30.0,
        pool: Pool | None = None,
        tenant: object = None,
    ) -> None:
        self.time_budget, self.size_budget = time_budget, size_budget
        self.transition_cpu, self.transition_wall = transition_cpu, transition_wall
        self._own_pool = pool is None
        self.pool = pool if pool is not None else Pool(spares=1)
        self.tenant = tenant
        self._worker: Worker | None = None
        self._lock = threading.Lock()
        _sandboxes.add(self)

    def bound(self, tenant: object) -> Sandbox:
        """This sandbox, for ``tenant``'s scripts from now on."""
        self.tenant = tenant
        return self

    def budget(self) -> Budget:
        """A fresh budget for one transition."""
        return Budget(self.transition_cpu, self.transition_wall)

    def execute(
        self, source: str, context: dict[str, Any], *, now: datetime, zone: str, budget: Budget | None = None
    ) -> dict[str, Any]:
        """Run ``source`` over ``context``; the data afterwards (``context`` itself is left alone)."""
        result: dict[str, Any] = self._ask("exec", source, context, now, zone, budget)
        return result

    def evaluate(
        self, source: str, context: dict[str, Any], *, now: datetime, zone: str, budget: Budget | None = None
    ) -> Any:
        """The value of the expression ``source`` over ``context``."""
        return self._ask("eval", source, context, now, zone, budget)

    def process_id(self) -> int:
        """The id of the process this sandbox's next script runs in (taken if need be)."""
        with self._lock:
            return self._current().pid

    def close(self) -> None:
        with self._lock:
            self._drop()
        if self._own_pool:
            self.pool.close()

    def __del__(self) -> None:  # nobody holds it any more (its thread ended): its process ends too
        with contextlib.suppress(Exception):  # at interpreter exit the modules may be gone already
            self.close()

    def _ask(
        self, mode: str, source: str, context: dict[str, Any], now: datetime, zone: str, budget: Budget | None
    ) -> Any:
        budget = budget if budget is not None else self.budget()
        cpu_left, wall_left = budget.cpu_seconds - budget.cpu_used, budget.wall_left()
        if cpu_left <= 0:
            raise ScriptError("budget", budget.cpu_message())
        if wall_left <= 0:
            raise ScriptError("budget", budget.wall_message())
        allowance = min(self.time_budget, cpu_left)
        request = {
            "mode": mode,
            "source": source,
            "context": context,
            "now": now.isoformat(),
            "today": now.astimezone(ZoneInfo(zone)).date().isoformat(),
            "cpu": allowance,
            "size": self.size_budget,
        }
        try:
            payload = codec.dumps(request).encode()
        except RecursionError:
            raise ScriptError("recursion", "The data is nested too deeply to be handed to a script.") from None
        except ValueError as exc:
            raise ScriptError("error", f"The data cannot be handed to a script: {exc}") from exc
        if len(payload) > self.size_budget:
            raise ScriptError("size", "The data is larger than a script may work on.")
        with self._lock:
            worker = self._current()
            started = time.monotonic()
            try:
                verdict, body = worker.ask(payload, wall_left, self.size_budget)
            except Lost as lost:
                self._drop()
                raise self._lost(lost, budget, allowance, time.monotonic() - started) from None
            budget.cpu_used += float(verdict.get("cpu", 0.0))
            if not verdict["ok"]:
                if verdict["kind"] not in _KEEPS_PROCESS:
                    self._drop()
                raise ScriptError(str(verdict["kind"]), str(verdict["error"]))
            if worker.runs >= self.pool.runs_per_process or int(verdict.get("rss", 0)) > self._grown():
                self._drop()
        assert body is not None
        return codec.loads(body)

    def _lost(self, lost: Lost, budget: Budget, allowance: float, spent: float) -> ScriptError:
        """The true reason a process ended without an answer, charged to the budget."""
        if lost.reason == "wall":
            budget.cpu_used += spent
            return ScriptError("budget", budget.wall_message())
        if lost.reason == "size":
            return ScriptError("size", "The script produced more data than a record may hold.")
        number = lost.signal_number
        if number in _TIME_SIGNALS:
            budget.cpu_used += allowance
            if allowance < self.time_budget:
                return ScriptError("budget", budget.cpu_message())
            return ScriptError("timeout", f"The script ran longer than {self.time_budget:g} s and was stopped.")
        if number == signal.SIGKILL:  # not ended by us: the system ran out of memory
            return ScriptError("memory", f"The script used more memory than it may ({self.pool.memory_mb} MB).")
        if number == signal.SIGSYS:
            return ScriptError("refused", "The script tried something scripts may not do and was stopped.")
        return ScriptError(
            "crash", "The script crashed the script runner (often a chain of calls nested too deeply) and was stopped."
        )

    def _grown(self) -> int:
        return self.pool.memory_mb * 1024 * 1024 // 4

    def _current(self) -> Worker:
        worker = self._worker
        if worker is not None and (not worker.alive() or (worker.runs and worker.tenant != self.tenant)):
            self._drop()  # another workspace's turn: a fresh process, with nothing left behind
            worker = None
        if worker is None:
            try:
                worker = self.pool.take()
            except (StartFailed, OSError):
                raise ScriptError("error", "The script runner did not start; try again.") from None
            self._worker = worker
        worker.tenant = self.tenant
        return worker

    def _drop(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.kill()


_sandboxes: weakref.WeakSet[Sandbox] = weakref.WeakSet()


def _after_fork() -> None:
    """In a forked copy of Loom (a Celery worker process): the parent's sandbox processes stay the
    parent's; this process starts its own when it needs them."""
    for box in list(_sandboxes):
        box._lock = threading.Lock()
        worker, box._worker = box._worker, None
        if worker is not None:
            worker.abandon()


os.register_at_fork(after_in_child=_after_fork)


@atexit.register
def _close_all() -> None:
    for box in list(_sandboxes):
        box._drop()
    close_all()
