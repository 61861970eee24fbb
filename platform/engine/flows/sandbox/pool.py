"""Spare sandbox processes, started ahead of need so that replacing one costs a request nothing.

One ``Pool`` per Loom process (each web process and each Celery worker process has its own):
a background thread keeps ``spares`` started and walled processes ready, and ``take`` hands
one out. A process handed out never comes back: its ``Sandbox`` ends it when it is done with it
(another workspace's turn, a failure, or ``runs_per_process`` runs). Thread-safe.
"""

from __future__ import annotations

import os
import threading
import weakref
from collections import deque

from engine.flows.sandbox.worker import Worker

STARTUP_SECONDS = 20.0  # for a new interpreter to start and raise its walls on a loaded machine
RETRY_SECONDS = 1.0  # after a process failed to start, before the next try


class StartFailed(Exception):
    """A sandbox process did not start."""


class Pool:
    """Ready sandbox processes for every ``Sandbox`` of this Loom process."""

    def __init__(
        self,
        spares: int = 2,
        memory_mb: int = 512,
        runs_per_process: int = 200,
        nice: int = 10,
        startup_seconds: float = STARTUP_SECONDS,
    ) -> None:
        self.spares, self.memory_mb, self.nice = max(spares, 0), memory_mb, nice
        self.runs_per_process, self.startup_seconds = max(runs_per_process, 1), startup_seconds
        self.owner = os.getpid()
        self._ready: deque[Worker] = deque()
        self._changed = threading.Condition()
        self._closed = False
        self._thread: threading.Thread | None = None
        _pools.add(self)
        if self.spares:
            self._thread = threading.Thread(target=self._refill, name="sandbox-spares", daemon=True)
            self._thread.start()

    def take(self) -> Worker:
        """A ready process: a spare when one is there, else one started now."""
        with self._changed:
            while self._ready:
                worker = self._ready.popleft()
                self._changed.notify_all()
                if worker.alive():
                    return worker
                worker.kill()
        return self.start()

    def start(self) -> Worker:
        worker = Worker(self.memory_mb, self.nice)
        if not worker.wait_ready(self.startup_seconds):
            worker.kill()
            raise StartFailed("The script runner did not start.")
        return worker

    def spare_ids(self) -> list[int]:
        """The process ids of the spares ready now (for health checks and tests)."""
        with self._changed:
            return [worker.pid for worker in self._ready]

    def wait_for_spares(self, timeout: float) -> bool:
        """Whether ``spares`` processes are ready within ``timeout`` seconds."""
        with self._changed:
            return self._changed.wait_for(lambda: len(self._ready) >= self.spares or self._closed, timeout)

    def close(self) -> None:
        """End every spare and stop refilling (processes handed out are their Sandbox's to end)."""
        with self._changed:
            self._closed = True
            workers = list(self._ready)
            self._ready.clear()
            self._changed.notify_all()
        for worker in workers:
            worker.kill()

    def forget(self) -> None:
        """In a forked copy of Loom: let go of the parent's processes without ending them (and
        without the lock, which the fork may have caught held)."""
        self._changed = threading.Condition()
        self._closed = True
        for worker in self._ready:
            worker.abandon()
        self._ready = deque()

    def _refill(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._closed or len(self._ready) < self.spares)
                if self._closed:
                    return
            try:
                worker = self.start()
            except (StartFailed, OSError):
                with self._changed:
                    self._changed.wait(RETRY_SECONDS)
                continue
            with self._changed:
                if not self._closed:
                    self._ready.append(worker)
                    self._changed.notify_all()
                    continue
            worker.kill()
            return


_pools: weakref.WeakSet[Pool] = weakref.WeakSet()


def close_all() -> None:
    """End every spare process of this Loom process (at exit)."""
    for pool in list(_pools):
        if pool.owner == os.getpid():
            pool.close()


def _forget_all() -> None:
    for pool in list(_pools):
        pool.forget()


os.register_at_fork(after_in_child=_forget_all)
