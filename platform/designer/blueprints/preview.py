"""What publishing a blueprint's draft would do, shown before it is done: the columns added,
removed and changed against the last published version, what stops it (the very checks
``publish_blueprint`` refuses with), and warnings that do not stop it: the flows of the blueprint
that use a column this version removes or gives another type (they cannot be published again
until they are adapted).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from designer.blueprints.models import Blueprint, BlueprintVersion
from designer.blueprints.operations import publish_problems
from designer.flows.models import Flow
from engine.flows.checks import assigned_names
from engine.flows.errors import FlowError
from engine.flows.parser import check
from engine.flows.steps import fit_problems, from_bpmn
from engine.flows.steps.fit import compatible
from engine.schema import Schema, SchemaError
from engine.schema.changes import column_changes


def preview_publish(db_session: Session, blueprint: Blueprint) -> dict[str, Any]:
    """``{"number", "first", "changes", "problems", "warnings"}`` for the draft of ``blueprint``."""
    problems = publish_problems(db_session, blueprint)
    current = blueprint.current_version
    old = Schema.parse(current.columns) if current is not None else None
    try:
        new = Schema.parse(blueprint.draft_columns)
    except SchemaError:
        new = None
    empty: dict[str, list[dict[str, Any]]] = {"added": [], "removed": [], "changed": []}
    form_changed = current is not None and current.form != blueprint.draft_form
    changes = column_changes(old, new, form_changed=form_changed) if new is not None else empty
    warnings = _flow_warnings(db_session, blueprint, old, new) if new is not None and old is not None else []
    last = db_session.scalar(
        select(func.max(BlueprintVersion.number)).where(BlueprintVersion.blueprint_id == blueprint.id)
    )
    return {
        "number": (last or 0) + 1,
        "first": current is None,
        "changes": changes,
        "problems": problems,
        "warnings": warnings,
    }


def _flow_warnings(db_session: Session, blueprint: Blueprint, old: Schema, new: Schema) -> list[str]:
    """One line per flow of the blueprint using a column that is gone or retyped in ``new``."""
    gone = {c.key for c in old.columns if (n := new.column(c.key)) is None or not compatible(c.type, n.type)}
    options_gone = any(
        set(c.option_values()) - set(n.option_values()) for c in old.columns if (n := new.column(c.key)) is not None
    )
    if not gone and not options_gone:
        return []
    query = select(Flow).where(Flow.blueprint_id == blueprint.id, Flow.deleted_at.is_(None)).order_by(Flow.name)
    found = []
    for flow in db_session.scalars(query):
        xml = flow.current_version.xml if flow.current_version is not None else flow.draft_xml
        decisions = flow.current_version.decisions if flow.current_version is not None else flow.draft_decisions
        steps = from_bpmn(xml)
        if steps is not None:
            reasons = [p.message for p in fit_problems(steps, new.columns, blueprint.name)]
        else:
            try:
                used = sorted(assigned_names(check(xml, [str(d["xml"]) for d in decisions])[0]) & gone)
            except FlowError:
                used = []
            reasons = [f"It writes '{key}', which this version removes or gives another type." for key in used]
        if reasons:
            found.append(f"The flow “{flow.name}” will need changes before it can be published again: {reasons[0]}")
    return found
