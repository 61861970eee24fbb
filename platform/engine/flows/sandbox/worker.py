"""One sandbox process, seen from Loom: start it, hand it a request, read its answer, end it."""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from engine.flows.sandbox.host import READY, FrameTooLarge, read_frame, write_frame

PLATFORM = str(Path(__file__).resolve().parents[3])
META_LIMIT = 64 * 1024  # the answer's first frame: a verdict and a short message
# Lower priority first of all (start-up included): a sandbox process yields the processor to Loom's own.
BOOT = (
    "import os; os.nice({nice}); import sys; sys.path.insert(0, {path!r}); "
    "from engine.flows.sandbox.host import main; main({memory_mb})"
)


class Lost(Exception):
    """The process answered nothing usable; ``reason`` says why: wall (it ran out of wall time and
    was ended), size (its answer was too large), or the signal or exit status it ended with."""

    def __init__(self, reason: str, signal_number: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.signal_number = signal_number


class Worker:
    """A started sandbox process; ``tenant`` is whose scripts it has run (None: nobody's yet)."""

    def __init__(self, memory_mb: int, nice: int = 10) -> None:
        self.owner = os.getpid()  # a forked copy of Loom must never end its parent's processes
        self.tenant: object = None
        self.runs = 0
        self.process = subprocess.Popen(
            [sys.executable, "-I", "-c", BOOT.format(path=PLATFORM, memory_mb=int(memory_mb), nice=int(nice))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={},  # no secrets: the sandbox sees no configuration at all
            cwd="/",
            close_fds=True,
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_ready(self, timeout: float) -> bool:
        """Whether the process started and raised its walls within ``timeout`` seconds."""
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        try:
            return bool(ready) and read_frame(self.process.stdout, len(READY)) == READY  # type: ignore[arg-type]
        except FrameTooLarge:
            return False

    def alive(self) -> bool:
        return self.process.poll() is None

    def ask(self, payload: bytes, timeout: float, size_limit: int) -> tuple[dict[str, Any], bytes | None]:
        """The answer to one request: its verdict and, when it succeeded, the result frame.

        Raises Lost when the process ended or overran ``timeout`` (it is ended then).
        """
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        self.runs += 1
        try:
            write_frame(stdin, payload)  # type: ignore[arg-type]
        except (BrokenPipeError, OSError):
            raise self._ended() from None
        ready, _, _ = select.select([stdout], [], [], max(timeout, 0.0))
        if not ready:
            self.kill()
            raise Lost("wall")
        try:
            meta = read_frame(stdout, META_LIMIT)  # type: ignore[arg-type]
            if meta is None:
                raise self._ended()
            verdict: dict[str, Any] = json.loads(meta)
            body = read_frame(stdout, size_limit) if verdict.get("ok") else None  # type: ignore[arg-type]
        except FrameTooLarge:
            self.kill()  # the rest of the answer is still in the pipe: this process is done
            raise Lost("size") from None
        if verdict.get("ok") and body is None:
            raise self._ended()
        return verdict, body

    def _ended(self) -> Lost:
        """Why the process stopped answering: the signal that ended it, or its exit status."""
        try:
            code = self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()
            return Lost("stuck")
        if code < 0:
            return Lost(signal.Signals(-code).name if -code in signal.valid_signals() else "signal", -code)
        return Lost(f"exit {code}")

    def kill(self) -> None:
        if os.getpid() != self.owner:
            return
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.abandon()

    def abandon(self) -> None:
        """Let go of the process's pipes without ending it (in a forked copy of Loom: not ours)."""
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
