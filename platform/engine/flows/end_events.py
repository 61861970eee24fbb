"""End events as BPMN defines them: SpiffWorkflow's parser reads a signal end event as a plain
end (its list of end triggers leaves signals out), so the signal would never be thrown. Loom's
end event parser reads the same triggers plus the signal."""

from __future__ import annotations

from typing import Any

from SpiffWorkflow.bpmn.parser.event_parsers import (
    CANCEL_EVENT_XPATH,
    ERROR_EVENT_XPATH,
    ESCALATION_EVENT_XPATH,
    MESSAGE_EVENT_XPATH,
    SIGNAL_EVENT_XPATH,
    TERMINATION_EVENT_XPATH,
)
from SpiffWorkflow.spiff.parser.event_parsers import SpiffEndEventParser

END_TRIGGERS = [
    MESSAGE_EVENT_XPATH,
    SIGNAL_EVENT_XPATH,
    CANCEL_EVENT_XPATH,
    ERROR_EVENT_XPATH,
    ESCALATION_EVENT_XPATH,
    TERMINATION_EVENT_XPATH,
]


class EndEventParser(SpiffEndEventParser):  # type: ignore[misc]
    """``bpmn:endEvent`` with every trigger an end event may throw, the signal included."""

    def create_task(self) -> Any:
        task = self._create_task(self.get_event_definition(END_TRIGGERS))
        task.connect(self.spec.end)
        return task
