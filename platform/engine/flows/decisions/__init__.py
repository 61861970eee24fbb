"""Decision tables (DMN) that business-rule tasks call: reading them, their FEEL, and deciding."""

from engine.flows.decisions.tables import DMN_VERSIONS, Decision, read_decision
from engine.flows.decisions.task import (
    TAG,
    DecisionTask,
    DecisionTaskConverter,
    DecisionTaskParser,
    decided_fields,
    decision_tasks,
    use_decisions,
)

__all__ = [
    "DMN_VERSIONS",
    "TAG",
    "Decision",
    "DecisionTask",
    "DecisionTaskConverter",
    "DecisionTaskParser",
    "decided_fields",
    "decision_tasks",
    "read_decision",
    "use_decisions",
]
