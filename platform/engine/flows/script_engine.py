"""SpiffWorkflow's script engine, with every script and condition sent to the sandbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from SpiffWorkflow.bpmn.script_engine.python_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.script_engine.python_environment import BasePythonScriptEngineEnvironment

from engine.flows.sandbox import Sandbox, ScriptError


class SandboxEnvironment(BasePythonScriptEngineEnvironment):  # type: ignore[misc]
    """Evaluates conditions and runs scripts in ``sandbox`` at the moment ``now`` of one transition.

    ``record``, when given, is the record's columns as variables, kept current through the step:
    every script and condition sees them (whatever its branch's copy of the data says), and a
    script's writes to them land in it. Each branch of a flow carries its own copy of the data,
    so without this a branch that waited while people edited the record would compute with old
    values, and a timer branch's writes would never reach the record.

    One environment serves one transition, so it keeps the transition's ``budget``: the processor
    time all its scripts and conditions may use together, and the wall time from its first one.
    """

    def __init__(self, sandbox: Sandbox, now: datetime, zone: str, record: dict[str, Any] | None = None) -> None:
        super().__init__({})
        self.sandbox, self.now, self.zone = sandbox, now, zone
        self.record = record
        self.budget = sandbox.budget()

    def evaluate(self, expression: str, context: dict[str, Any], external_context: Any = None) -> Any:
        if self.record is not None:
            context = {**context, **self.record}
        return self.sandbox.evaluate(expression, context, now=self.now, zone=self.zone, budget=self.budget)

    def execute(self, script: str, context: dict[str, Any], external_context: Any = None) -> bool:
        if self.record is not None:
            context.update(self.record)
        result = self.sandbox.execute(script, context, now=self.now, zone=self.zone, budget=self.budget)
        if self.record is not None:
            for key in self.record.keys() & result.keys():
                self.record[key] = result[key]
        context.clear()
        context.update(result)
        return True

    def call_service(self, context: dict[str, Any], **kwargs: Any) -> Any:
        raise NotImplementedError("Service tasks are not supported.")


class InertEnvironment(BasePythonScriptEngineEnvironment):  # type: ignore[misc]
    """Runs nothing: what a restored instance has until a step gives it the sandbox.

    SpiffWorkflow's own default would ``exec`` tenant code in this process.
    """

    def __init__(self) -> None:
        super().__init__({})

    def evaluate(self, expression: str, context: dict[str, Any], external_context: Any = None) -> Any:
        raise ScriptError("error", "Scripts run only inside a step of the flow.")

    def execute(self, script: str, context: dict[str, Any], external_context: Any = None) -> bool:
        raise ScriptError("error", "Scripts run only inside a step of the flow.")


def script_engine(
    sandbox: Sandbox, now: datetime, zone: str, record: dict[str, Any] | None = None
) -> PythonScriptEngine:
    return PythonScriptEngine(environment=SandboxEnvironment(sandbox, now, zone, record))


def inert_engine() -> PythonScriptEngine:
    return PythonScriptEngine(environment=InertEnvironment())
