"""What went wrong in a step of a flow, said as Loom's refusal naming the element.

A script's or a condition's own failure reaches people with the script's message (the sandbox
wrote it for them: "Line 3: ZeroDivisionError: division by zero", a ``refuse(...)`` reason, a
budget); a gateway with no way out says so. Anything else the engine raises is SpiffWorkflow's
or Python's business: people get ``flow.step.failed`` naming the element, and the raw text goes
to the log for whoever keeps the service running.
"""

from __future__ import annotations

import logging

from SpiffWorkflow.exceptions import SpiffWorkflowException

from engine.flows.errors import FlowError
from engine.flows.refusals import refusal
from engine.flows.sandbox import ScriptError

log = logging.getLogger(__name__)
# The sandbox's own refusals of a script (its budgets, its rules): its message says it whole.
_STOPPED = frozenset({"budget", "timeout", "memory", "refused", "size"})
_NO_WAY_OUT = ("No conditions satisfied",)


def step_failure(exc: BaseException, element: str | None) -> FlowError:
    """``exc``, raised while the engine ran ``element`` (its BPMN id, if known), as a refusal."""
    if isinstance(exc, FlowError):
        return exc
    if isinstance(exc, SpiffWorkflowException):
        spec = exc.task.task_spec if getattr(exc, "task", None) is not None else getattr(exc, "task_spec", None)
        element = getattr(spec, "bpmn_id", None) or element
    script = _script_error(exc)
    text = str(exc.args[0]) if exc.args else ""
    if script is not None:
        if script.kind == "declined":
            return refusal("flow.script.declined", element, reason=script.message)
        if script.kind in _STOPPED:
            return refusal("flow.script.stopped", element, reason=script.message)
        part = "condition" if text.startswith("Error evaluating expression") else "script"
        return refusal("flow.script.failed", element, part=part, reason=script.message)
    if text.startswith(_NO_WAY_OUT):
        return refusal("flow.gateway.no_way", element)
    log.warning("The flow could not go on at %s: %r", element, exc, exc_info=exc)
    return refusal("flow.step.failed", element)


def _script_error(exc: BaseException) -> ScriptError | None:
    """The script's own error behind ``exc``: SpiffWorkflow raises its error while handling it."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, ScriptError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None
