"""`loom run` (runtime/devstack), the development stack in one command."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class RunSettings:
    # On Ctrl-C each group of its processes gets this many seconds to stop (the worker to finish
    # its tasks), then what still runs is killed.
    run_stop_seconds: int = 30
    # At start it waits this long for /api/health to answer before it gives up.
    run_start_seconds: int = 120
