"""What publishing a flow's draft would do, shown before it is done: what changes against the last
published version (buttons and timers of a flow designed as steps, else the diagram's elements),
what stops it (the very checks ``publish_flow`` refuses with), and warnings that do not stop it:
states nobody can reach, states with no way out, and records still running on older versions.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from designer.blueprints.models import Blueprint
from designer.flows.models import Flow, FlowVersion
from designer.flows.operations import publish_refusals
from designer.flows.usage import instance_counts
from engine.flows.changes import flow_changes
from engine.flows.steps import Steps, from_bpmn, states_report
from engine.schema import Schema


def preview_publish(db_session: Session, flow: Flow, blueprint: Blueprint) -> dict[str, Any]:
    """``{"number", "first", "changes", "problems", "warnings"}`` for the draft of ``flow``."""
    current = flow.current_version
    last = db_session.scalar(select(func.max(FlowVersion.number)).where(FlowVersion.flow_id == flow.id))
    warnings: list[str] = []
    steps = from_bpmn(flow.draft_xml)
    if steps is not None:
        warnings += _state_warnings(steps, blueprint)
    running = instance_counts(db_session, "flow", [flow.id]).get(flow.id, (0, 0))[1]
    if running and current is not None:
        warnings.append(
            f"{running} record{'s are' if running != 1 else ' is'} still moving through earlier versions; "
            "they stay on them until you move them to the new version."
        )
    return {
        "number": (last or 0) + 1,
        "first": current is None,
        "changes": flow_changes(current.xml if current is not None else None, flow.draft_xml),
        "problems": publish_refusals(db_session, flow, blueprint),
        "warnings": warnings,
    }


def _state_warnings(steps: Steps, blueprint: Blueprint) -> list[str]:
    """States nobody can reach and states with no way out, by the state column's option labels."""
    schema = Schema.parse(blueprint.current_version.columns) if blueprint.current_version else Schema(())
    column = schema.column(steps.state)
    if column is not None and column.options:
        options = list(column.option_values())
        labels = {o.value: o.label or o.value for o in column.options}
    else:
        options, labels = list(steps.basis.states), {}
    report = states_report(steps, options)
    found = [f"Nobody can reach {labels.get(s, s)}: no button or timer leads there." for s in report["unreachable"]]
    found += [
        f"Records in {labels.get(s, s)} stay there: no button or timer leads out."
        for s in report["dead_ends"]
        if s not in report["unreachable"]
    ]
    return found
