"""``bpmn:task``, the plain task: BPMN gives it no behaviour, so it passes straight through.

SpiffWorkflow makes it wait for a person (its NoneTask is manual, and says so again whenever an
instance is restored). Loom's plain task waits only when Loom's transition marks it as a person's
step (``<loom:transition label=… role=…/>``), and keeps that choice when it is stored.
Instances stored before keep SpiffWorkflow's class, and so their waiting step.
"""

from __future__ import annotations

from typing import Any

from SpiffWorkflow.spiff.specs.defaults import NoneTask


class PlainTask(NoneTask):  # type: ignore[misc]
    def __init__(self, wf_spec: Any, bpmn_id: str, manual: bool = False, **kwargs: Any) -> None:
        super().__init__(wf_spec, bpmn_id, **kwargs)
        self.manual = manual
