"""Tenant scripts and conditions, run where they can do no harm.

Two walls: RestrictedPython compiles every script with Loom's policy (no imports, no underscore
names or attributes, guarded item and attribute access, a short list of helpers), and the compiled
code runs in a separate interpreter (``host``) started with an empty environment, a memory limit
and a CPU limit, which ``Sandbox`` kills when a script overruns its time budget.
"""

from engine.flows.sandbox.client import Sandbox, ScriptError

__all__ = ["Sandbox", "ScriptError"]
