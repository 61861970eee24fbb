"""Tenant scripts and conditions, run where they can do no harm.

RestrictedPython compiles every script with Loom's policy (``policy``: no imports, no underscore
names or attributes, guarded item and attribute access, a short list of helpers); the compiled
code runs in a separate interpreter (``host``) behind resource limits per run, another user, its
own network namespace, no_new_privs and a seccomp allow-list (``walls``). Spare processes wait
ready (``pool``); a ``Sandbox`` gives each workspace fresh ones and measures every run and every
transition (``client``). docs/decisions/0014-sandbox-layers.md says what each layer stops.
"""

from engine.flows.sandbox.client import Budget, Sandbox, ScriptError
from engine.flows.sandbox.pool import Pool

__all__ = ["Budget", "Pool", "Sandbox", "ScriptError"]
