"""SpiffWorkflow's script engine, with every script and condition sent to the sandbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from SpiffWorkflow.bpmn.script_engine.python_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.script_engine.python_environment import BasePythonScriptEngineEnvironment

from engine.flows.sandbox import Sandbox, ScriptError


class SandboxEnvironment(BasePythonScriptEngineEnvironment):  # type: ignore[misc]
    """Evaluates conditions and runs scripts in ``sandbox`` at the moment ``now`` of one transition."""

    def __init__(self, sandbox: Sandbox, now: datetime, zone: str) -> None:
        super().__init__({})
        self.sandbox, self.now, self.zone = sandbox, now, zone

    def evaluate(self, expression: str, context: dict[str, Any], external_context: Any = None) -> Any:
        return self.sandbox.evaluate(expression, context, now=self.now, zone=self.zone)

    def execute(self, script: str, context: dict[str, Any], external_context: Any = None) -> bool:
        result = self.sandbox.execute(script, context, now=self.now, zone=self.zone)
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


def script_engine(sandbox: Sandbox, now: datetime, zone: str) -> PythonScriptEngine:
    return PythonScriptEngine(environment=SandboxEnvironment(sandbox, now, zone))


def inert_engine() -> PythonScriptEngine:
    return PythonScriptEngine(environment=InertEnvironment())
