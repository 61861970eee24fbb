"""The script sandbox (engine/flows/sandbox, docs/bpmn.md): processor seconds and memory per
script, processor and wall seconds for all scripts of one step, spare processes kept ready per
Loom process, and runs before a sandbox process is replaced."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class SandboxSettings:
    flow_script_seconds: float = 1.0
    flow_script_memory_mb: int = 512
    flow_script_data_kb: int = 256  # the data handed to a script, and what it hands back
    flow_transition_cpu_seconds: float = 5.0
    flow_transition_wall_seconds: float = 30.0
    sandbox_spares: int = 2
    sandbox_runs_per_process: int = 200
    sandbox_nice: int = 10  # sandbox processes' scheduling priority below Loom's (0 to 19)
