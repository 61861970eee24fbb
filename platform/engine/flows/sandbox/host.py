"""The sandbox process: reads one request at a time from stdin, runs it, answers on stdout.

Started by ``worker.Worker`` with an empty environment, cwd ``/`` and its memory limit as its one
argument. Before reading anything it loads everything a script can need, then raises its walls
(``walls.lock_down``); after that it only ever runs code compiled by ``policy``.

Each run gets its own processor allowance (``cpu`` in the request): an interval timer on the
process's CPU time ends the process with SIGPROF when it is spent, and RLIMIT_CPU is set to the
time used so far plus the allowance, as a second stop. The answer says how much CPU the run used
and the process's peak memory, so the caller can replace a process that grew.

Frames: a 4-byte big-endian length, then that many bytes. A request is one JSON frame; an answer
is a JSON frame (``ok``, ``kind``, ``error``, ``cpu``, ``rss``) followed, when ``ok``, by a frame
with the result in ``codec`` form.
"""

from __future__ import annotations

import json
import math
import os
import resource
import signal
import struct
import sys
import time
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from types import CodeType
from typing import Any, BinaryIO

from engine.flows import codec
from engine.flows.sandbox import policy, walls

RECURSION_LIMIT = 200
ERROR_CHARS = 2000  # a script's error message is cut here
READY = b"ready"
PAGE = os.sysconf("SC_PAGE_SIZE")
# A run that keeps the processor longer than this drops to the lowest scheduling priority for the
# rest of the process's life (the process is replaced after a failure or another workspace's run):
# quick scripts, every workspace's usual case, keep their priority beside a script that spins.
DEMOTE_AFTER = 0.05  # seconds of processor time in one run
LOWEST_PRIORITY = 19
TOO_DEEP = "The script's data contains itself or is nested too deeply to be kept"  # no full stop: see _run


class FrameTooLarge(ValueError):
    """The other side announced more bytes than the reader accepts (nothing of it was read)."""


def read_frame(stream: BinaryIO, limit: int | None = None) -> bytes | None:
    """The next frame, or None at the end of the stream; FrameTooLarge before reading an oversized one."""
    header = stream.read(4)
    if len(header) < 4:
        return None
    (size,) = struct.unpack(">I", header)
    if limit is not None and size > limit:
        raise FrameTooLarge(size)
    data = stream.read(size)
    return data if len(data) == size else None


def write_frame(stream: BinaryIO, payload: bytes) -> None:
    stream.write(struct.pack(">I", len(payload)) + payload)
    stream.flush()


@lru_cache(maxsize=256)
def _compiled(source: str, mode: str) -> CodeType:
    return policy.compile_script(source, mode)


def _failed(kind: str, error: str) -> tuple[dict[str, Any], None]:
    return {"ok": False, "kind": kind, "error": error[:ERROR_CHARS]}, None


def answer(request: dict[str, Any]) -> tuple[dict[str, Any], bytes | None]:
    """Run one script or expression: what came out (encoded), or why it failed."""
    try:
        return _run(request)
    except MemoryError:
        return _failed("memory", "The script used more memory than it may.")


def _run(request: dict[str, Any]) -> tuple[dict[str, Any], bytes | None]:
    mode = request["mode"]
    try:
        code = _compiled(request["source"], mode)
    except SyntaxError as exc:
        return _failed("invalid", str(exc.msg if exc.msg else exc))
    except RecursionError:
        return _failed("invalid", "The script is nested too deeply to be read.")
    try:
        context: dict[str, Any] = codec.decode(request["context"])
    except RecursionError:
        return _failed("recursion", "The data is nested too deeply for a script.")
    scope = policy.script_globals(datetime.fromisoformat(request["now"]), date.fromisoformat(request["today"]))
    names = {**scope, **context}
    try:
        if mode == "eval":
            value = eval(code, names)  # noqa: S307 - compiled by RestrictedPython with Loom's policy
        else:
            exec(code, names)  # noqa: S102 - compiled by RestrictedPython with Loom's policy
            value = {
                k: v
                for k, v in names.items()
                if k in context or (k not in scope and not k.startswith("_") and not callable(v))
            }
    except RecursionError:
        return _failed("recursion", "The script called itself too deeply.")
    except MemoryError:
        raise
    except policy.Declined as exc:  # refuse("…"): the author's words alone, no exception name
        return _failed("declined", str(exc))
    except Exception as exc:  # the script's own error, reported to the person who wrote it
        return _failed("error", f"{type(exc).__name__}: {exc}")
    try:
        body = codec.dumps(value).encode()
    except RecursionError:
        return _failed("recursion", TOO_DEEP)
    except (ValueError, TypeError) as exc:  # a result that cannot be kept (a function, a huge int...)
        if "nested" in str(exc):  # the codec's depth limit, below the interpreter's own
            return _failed("recursion", f"{TOO_DEEP}: {exc}")
        return _failed("error", str(exc))
    if len(body) > int(request["size"]):
        return _failed("size", "The script produced more data than a record may hold.")
    return {"ok": True}, body


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _allow(seconds: float, used: float) -> None:
    """At most ``seconds`` more of processor time, from ``used`` (the time spent so far)."""
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = math.ceil(used + seconds) + 1
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    signal.setitimer(signal.ITIMER_PROF, max(seconds, 0.001))
    signal.setitimer(signal.ITIMER_VIRTUAL, DEMOTE_AFTER)


def _demote(_signal: int, _frame: object) -> None:
    os.setpriority(os.PRIO_PROCESS, 0, LOWEST_PRIORITY)


def warm_up() -> None:
    """Load, while files can still be opened, everything a script or its answer may need later:
    unicodedata (names outside ASCII are normalised on compile), the local time zone, and every
    type the codec handles."""
    import unicodedata  # noqa: F401 - the compiler imports it lazily for non-ASCII names

    time.localtime()
    sample = (
        "größe = 1\nnote = str(1.5) + 'x'.upper()\namount = Decimal('1.10') * 2\nwhen = now() + days(1)\n"
        "day = today()\nspan = hours(1)\nkinds = {1, 2}\npairs = [(1, 'a')]\nf = '%s %d' % ('a', 1)\n"
        "try:\n    x = 1 / 0\nexcept ZeroDivisionError as e:\n    msg = str(e)"
    )
    request = {"context": codec.encode({"qty": Decimal(1)}), "now": datetime.now().astimezone().isoformat()}
    for mode, source in (("exec", sample), ("eval", "qty > 0 and 'x' in 'xy'"), ("exec", "x = 1 / 0")):
        _meta, body = answer({**request, "mode": mode, "source": source, "today": "2026-01-01", "size": 1 << 20})
        if body is not None:
            codec.loads(body)
    _compiled.cache_clear()


def _resident(statm: int) -> int:
    """The bytes of memory the process holds now (its ``ru_maxrss`` would count Loom's own, from
    before the interpreter started)."""
    return int(os.pread(statm, 256, 0).split()[1]) * PAGE


def main(memory_mb: int) -> None:
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    warm_up()
    signal.signal(signal.SIGVTALRM, _demote)
    statm = os.open("/proc/self/statm", os.O_RDONLY)
    walls.lock_down(memory_mb * 1024 * 1024, readable=statm)
    sys.setrecursionlimit(RECURSION_LIMIT)
    write_frame(stdout, READY)  # start-up is not part of any script's time budget
    while (frame := read_frame(stdin)) is not None:
        started = _cpu()
        request = json.loads(frame)
        _allow(float(request["cpu"]), started)
        meta, body = answer(request)
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        meta["cpu"] = _cpu() - started
        meta["rss"] = _resident(statm)
        write_frame(stdout, json.dumps(meta).encode())
        if body is not None:
            write_frame(stdout, body)
