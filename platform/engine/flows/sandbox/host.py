"""The sandbox process: reads one request at a time from stdin, runs it, answers on stdout.

Started by ``client.Sandbox`` with an empty environment. Before reading anything it limits its
own memory and CPU time and, where the system allows, leaves the network namespace and drops
root; then it only ever runs code compiled by ``policy``.

Frames: a 4-byte big-endian length, then that many bytes of JSON (``codec``).
"""

from __future__ import annotations

import os
import resource
import struct
import sys
from datetime import datetime
from functools import lru_cache
from types import CodeType
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

from engine.flows import codec
from engine.flows.sandbox import policy

MEMORY_LIMIT = 512 * 1024 * 1024  # address space: a runaway allocation fails with MemoryError
CPU_SECONDS = 60  # a last resort; the client kills a script long before (its time budget)
NOBODY = 65534


def lock_down() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # no file can grow
    _leave_network()
    if os.getuid() == 0:
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)
    resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))  # no new processes


def _leave_network() -> None:
    """A new, empty network namespace where the system allows it (root, or user namespaces)."""
    clone_newuser, clone_newnet = 0x10000000, 0x40000000
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.unshare(clone_newnet) != 0:
            libc.unshare(clone_newuser | clone_newnet)
    except (OSError, AttributeError):
        pass  # the other walls still stand: RestrictedPython has no way to reach a socket


@lru_cache(maxsize=256)
def _compiled(source: str, mode: str) -> CodeType:
    return policy.compile_script(source, mode)


def handle(request: dict[str, Any]) -> dict[str, Any]:
    """Run one script or expression; the answer says what came out or why it failed."""
    context: dict[str, Any] = codec.decode(request["context"])
    scope = policy.script_globals(datetime.fromisoformat(request["now"]), ZoneInfo(request["zone"]))
    try:
        code = _compiled(request["source"], request["mode"])
    except SyntaxError as exc:
        return {"ok": False, "kind": "invalid", "error": str(exc.msg if exc.msg else exc)}
    names = {**scope, **context}
    try:
        if request["mode"] == "eval":
            value = eval(code, names)  # noqa: S307 - compiled by RestrictedPython with Loom's policy
            return {"ok": True, "value": codec.encode(value)}
        exec(code, names)  # noqa: S102 - compiled by RestrictedPython with Loom's policy
    except MemoryError:
        return {"ok": False, "kind": "memory", "error": "The script used more memory than it may."}
    except RecursionError:
        return {"ok": False, "kind": "error", "error": "The script called itself too deeply."}
    except Exception as exc:  # the script's own error, reported to the person who wrote it
        return {"ok": False, "kind": "error", "error": f"{type(exc).__name__}: {exc}"}
    result = {
        k: v for k, v in names.items() if k in context or (k not in scope and not k.startswith("_") and not callable(v))
    }
    return {"ok": True, "context": codec.encode(result)}


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
    return stream.read(size)


READY = b"ready"


def write_frame(stream: BinaryIO, payload: bytes) -> None:
    stream.write(struct.pack(">I", len(payload)) + payload)
    stream.flush()


def main() -> None:
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    lock_down()
    sys.setrecursionlimit(200)
    write_frame(stdout, READY)  # start-up is not part of any script's time budget
    while (frame := read_frame(stdin)) is not None:
        try:
            answer = handle(codec.loads(frame))
            payload = codec.dumps(answer).encode()
        except MemoryError:
            payload = codec.dumps({"ok": False, "kind": "memory", "error": "The script used too much memory."}).encode()
        except (ValueError, TypeError) as exc:  # a result that cannot be kept (a function, a huge int...)
            payload = codec.dumps({"ok": False, "kind": "error", "error": str(exc)}).encode()
        write_frame(stdout, payload)


if __name__ == "__main__":
    main()
