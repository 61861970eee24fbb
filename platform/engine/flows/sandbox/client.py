"""Talking to the sandbox process: one per Loom process, started on first use, replaced when killed."""

from __future__ import annotations

import select
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from engine.flows import codec
from engine.flows.sandbox.host import READY, FrameTooLarge, read_frame, write_frame

PLATFORM = str(Path(__file__).resolve().parents[3])
STARTUP_BUDGET = 20.0  # seconds for a new interpreter to start, on top of the scripts' budget
_BOOT = f"import sys; sys.path.insert(0, {PLATFORM!r}); from engine.flows.sandbox.host import main; main()"


class ScriptError(Exception):
    """A script or condition failed: ``kind`` is invalid, error, timeout, memory or size."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


class Sandbox:
    """Runs scripts in the sandbox process, each within ``time_budget`` seconds and ``size_budget`` bytes."""

    def __init__(self, time_budget: float = 1.0, size_budget: int = 256 * 1024) -> None:
        self.time_budget = time_budget
        self.size_budget = size_budget
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def execute(self, source: str, context: dict[str, Any], *, now: datetime, zone: str) -> dict[str, Any]:
        """Run ``source`` over ``context``; the data afterwards (``context`` itself is left alone)."""
        answer = self._ask({"mode": "exec", "source": source, "context": context, "now": now.isoformat(), "zone": zone})
        result: dict[str, Any] = codec.decode(answer["context"])
        return result

    def evaluate(self, source: str, context: dict[str, Any], *, now: datetime, zone: str) -> Any:
        """The value of the expression ``source`` over ``context``."""
        answer = self._ask({"mode": "eval", "source": source, "context": context, "now": now.isoformat(), "zone": zone})
        return codec.decode(answer["value"])

    def process_id(self) -> int:
        """The sandbox process's id (started if need be), for health checks and tests."""
        with self._lock:
            return self._running().pid

    def close(self) -> None:
        with self._lock:
            self._kill()

    def __del__(self) -> None:  # nobody holds it any more (its thread ended): its process ends too
        self._kill()

    def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        try:
            payload = codec.dumps(request).encode()
        except ValueError as exc:
            raise ScriptError("error", f"The data cannot be handed to a script: {exc}") from exc
        if len(payload) > self.size_budget:
            raise ScriptError("size", "The data is larger than a script may work on.")
        with self._lock:
            process = self._running()
            assert process.stdin is not None and process.stdout is not None
            try:
                write_frame(process.stdin, payload)  # type: ignore[arg-type]
            except BrokenPipeError:
                self._kill()
                raise ScriptError("error", "The script runner stopped; try again.") from None
            ready, _, _ = select.select([process.stdout], [], [], self.time_budget)
            if not ready:
                self._kill()
                raise ScriptError("timeout", f"The script ran longer than {self.time_budget:g} s and was stopped.")
            try:
                # The size is checked from the frame's header: an oversized answer is never read in.
                frame = read_frame(process.stdout, self.size_budget)  # type: ignore[arg-type]
            except FrameTooLarge:
                self._kill()  # the rest of the answer is still in the pipe: start afresh
                raise ScriptError("size", "The script produced more data than a record may hold.") from None
            if frame is None:  # killed by a limit (memory, CPU) before it could answer
                self._kill()
                raise ScriptError("memory", "The script was stopped for using too much memory or time.")
        answer: dict[str, Any] = codec.loads(frame)
        if not answer["ok"]:
            raise ScriptError(answer["kind"], answer["error"])
        return answer

    def _running(self) -> subprocess.Popen[bytes]:
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen(
                [sys.executable, "-I", "-c", _BOOT],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env={},  # no secrets: the sandbox sees no configuration at all
                cwd="/",
                close_fds=True,
            )
            assert self._process.stdout is not None
            ready, _, _ = select.select([self._process.stdout], [], [], STARTUP_BUDGET)
            if not ready or read_frame(self._process.stdout, len(READY)) != READY:  # type: ignore[arg-type]
                self._kill()
                raise ScriptError("error", "The script runner did not start; try again.")
        return self._process

    def _kill(self) -> None:
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait()
            self._process = None
