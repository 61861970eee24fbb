"""Flow use cases: create, save the draft, publish a version, delete. They flush.

A draft is always saved when it is well-formed XML, so a half-drawn flow is never lost; what
stops it from being published comes back as ``problems``, each naming its BPMN element.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from sqlalchemy.orm import Session

from core import clock
from core.audit.operations import record_definition
from core.errors import Conflict, Invalid
from core.events import emit
from core.identity.models import TenantRole
from designer.blueprints.models import Blueprint
from designer.blueprints.operations import add_column, key_from_name
from designer.flows.decisions import documents, draft_differs, field_problems
from designer.flows.models import Flow, FlowVersion
from designer.flows.steps import state_owner, steps_xml
from designer.flows.templates import EMPTY, bind_blueprint, template, template_of
from designer.versioned import operations as versioned
from designer.versioned.queries import next_number
from engine.flows.checks import publish_problems
from engine.flows.connectors import problems as connector_problems
from engine.flows.errors import FlowError
from engine.flows.parser import check, read_xml
from engine.flows.refusals import refusal
from engine.flows.steps import DEFAULT_LIMITS, Limits, fit_problems, from_bpmn
from engine.schema import Schema
from engine.schema.columns import ColumnType

log = logging.getLogger(__name__)
ROLES = {role.value for role in TenantRole}


def problem(error: FlowError) -> dict[str, Any]:
    """A refusal as the API lists it: the English ``message`` for API clients, and the ``code`` and
    ``params`` the webapp shows it from in the user's language."""
    return error.to_dict()


def diagram_problems(
    xml: str, blueprint: Blueprint, decisions: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """What stops ``xml`` (with its ``decisions``) from running on ``blueprint``'s records, each with its element."""
    try:
        flow, found = check(xml, documents(decisions or []))
    except FlowError as exc:
        return [problem(exc)]
    result = [problem(e) for e in found]
    if flow.blueprint and flow.blueprint != blueprint.key:
        bound = refusal("flow.bind.other_blueprint", flow.process_id, bound=flow.blueprint, blueprint=blueprint.name)
        result.append(problem(bound))
    version = blueprint.current_version
    if version is None:
        result.append(problem(refusal("flow.bind.unpublished_blueprint", blueprint=blueprint.name)))
        return result
    schema = Schema.parse(version.columns)
    for transition in flow.transitions.values():
        for key in transition.fields:
            if schema.column(key) is None:
                shown = {"label": transition.label, "field": key, "blueprint": blueprint.name}
                result.append(problem(refusal("flow.transition.unknown_field", transition.element, **shown)))
        if transition.field is not None:
            named = schema.column(transition.field)
            if named is None or named.type != ColumnType.USER:
                who = {"label": transition.label, "field": transition.field, "blueprint": blueprint.name}
                result.append(problem(refusal("flow.transition.no_user_field", transition.element, **who)))
        if transition.role and transition.role not in ROLES:
            roles = ", ".join(sorted(ROLES))
            result.append(
                problem(refusal("flow.transition.unknown_role", transition.element, role=transition.role, roles=roles))
            )
    result.extend(_steps_problems(xml, flow.process_id, schema, blueprint))
    result.extend(problem(e) for e in field_problems(flow, schema, blueprint.name))
    result.extend(problem(e) for e in publish_problems(flow, schema, blueprint.name))
    result.extend(problem(e) for e in connector_problems(flow, schema, blueprint.name))
    return result


def _steps_problems(xml: str, process_id: str, schema: Schema, blueprint: Blueprint) -> list[dict[str, Any]]:
    """A flow designed as steps: each field it uses is still there with its type; one started from
    a template that no longer fits the blueprint names the template and what it needs."""
    steps = from_bpmn(xml)
    if steps is None:
        return []
    found = [problem(e) for e in fit_problems(steps, schema.columns, blueprint.name)]
    started_from = template_of(steps)
    if found and started_from is not None:
        needs = started_from.missing(blueprint.name, schema.columns)
        found[:0] = [problem(refusal("flow.template.unfit", process_id, reason=message)) for message in needs]
    return found


def publish_refusals(db_session: Session, flow: Flow, blueprint: Blueprint) -> list[dict[str, Any]]:
    """Everything that stops the draft from being published, each with its element: the preview
    lists them, and ``publish_flow`` refuses with them."""
    owner = state_owner(db_session, blueprint, flow.id, flow.draft_xml)
    found = [problem(refusal("flow.state.owned", reason=owner))] if owner is not None else []
    found += diagram_problems(flow.draft_xml, blueprint, flow.draft_decisions)
    current = flow.current_version
    if current is not None and not draft_differs(flow):
        found.append(problem(refusal("flow.publish.unchanged", version=current.number)))
    return found


def _well_formed(xml: str) -> str:
    try:
        read_xml(xml)
    except FlowError as exc:
        raise Invalid({"xml": [exc.message]}, extra={"line": exc.line, "code": exc.code, "params": exc.params}) from exc
    return xml


def create_flow(
    db_session: Session,
    tenant_id: uuid.UUID,
    blueprint: Blueprint,
    data: dict[str, Any],
    limits: Limits = DEFAULT_LIMITS,
    user_id: int | None = None,
) -> Flow:
    """A new flow: empty, from steps, from imported XML or from a template (which may add its state
    field to the blueprint, publishing it; ``user_id`` is who does so)."""
    name = versioned.given_name(data["name"], "flow")
    key = data.get("key") or key_from_name(name)
    versioned.check_unique(db_session, Flow, "flow", name, key)
    if data.get("steps") is not None:
        xml = steps_xml(db_session, blueprint, data["steps"], flow=None, key=key, name=name, limits=limits)
    elif data.get("xml"):
        xml = _well_formed(data["xml"])
    elif data.get("template"):
        xml = _template_xml(db_session, blueprint, data["template"], key=key, name=name, limits=limits, user_id=user_id)
    else:
        xml = bind_blueprint(EMPTY, blueprint.key)
    flow = Flow(
        tenant_id=tenant_id,
        key=key,
        name=name,
        description=data.get("description", ""),
        blueprint_id=blueprint.id,
        draft_xml=xml,
    )
    db_session.add(flow)
    db_session.flush()
    log.info("flow created", extra={"flow_id": str(flow.id), "tenant_id": str(tenant_id)})
    return flow


def _template_xml(
    db_session: Session, blueprint: Blueprint, key_: str, *, key: str, name: str, limits: Limits, user_id: int | None
) -> str:
    """The diagram of template ``key_`` for ``blueprint``. It is refused by name when the blueprint
    lacks the columns it uses; a template with a state field of its own (Stock) adds it to a blueprint
    without one and publishes the blueprint, unless its draft has unpublished changes."""
    found = template(key_)
    if found is None:
        raise Invalid({"template": ["No such template."]})
    version = blueprint.current_version
    if version is None:
        raise Invalid({"template": [f"Publish {blueprint.name} before starting its flow from a template."]})
    columns = Schema.parse(version.columns).columns
    missing = found.missing(blueprint.name, columns)
    if missing:
        raise Invalid({"template": missing})
    if found.state_column is not None and found.state_for(columns) is None:
        if user_id is None:
            raise Invalid({"template": [f"The {found.name} template needs a signed-in person to add its field."]})
        why = f"The {found.name} template adds a field {found.state_column['label']} to {blueprint.name}, but"
        added = add_column(db_session, blueprint, found.state_column, user_id, "template", why)
        columns = Schema.parse(added.columns).columns
    return steps_xml(db_session, blueprint, found.table(columns), flow=None, key=key, name=name, limits=limits)


def update_flow(db_session: Session, flow: Flow, data: dict[str, Any]) -> Flow:
    versioned.check_lock(flow, data["lock_version"], "flow")
    versioned.edit_name_and_description(db_session, flow, data, "flow")
    if "xml" in data:
        flow.draft_xml = _well_formed(data["xml"])
        flow.draft_changed = draft_differs(flow)
    flow.updated_at = clock.now()
    db_session.flush()
    return flow


def save_steps(
    db_session: Session, flow: Flow, blueprint: Blueprint, data: dict[str, Any], limits: Limits = DEFAULT_LIMITS
) -> Flow:
    """Save the steps table as the draft (its generated diagram); 409 when lock_version is stale."""
    versioned.check_lock(flow, data["lock_version"], "flow")
    xml = steps_xml(db_session, blueprint, data["steps"], flow=flow, key=flow.key, name=flow.name, limits=limits)
    flow.draft_xml = xml
    flow.draft_changed = draft_differs(flow)
    flow.updated_at = clock.now()
    db_session.flush()
    return flow


def publish_flow(db_session: Session, flow: Flow, blueprint: Blueprint, lock_version: int, user_id: int) -> FlowVersion:
    """Freeze the draft as the next immutable version; new records start on it."""
    versioned.check_lock(flow, lock_version, "flow")
    found = publish_refusals(db_session, flow, blueprint)
    if found:
        raise Invalid(
            {"xml": [p["message"] for p in found]},
            f"The flow cannot be published yet: {found[0]['message']}",
            extra={
                "element": found[0]["element"],
                "code": found[0]["code"],
                "params": found[0]["params"],
                "problems": found,
            },
        )
    number = next_number(db_session, FlowVersion, FlowVersion.flow_id, flow.id)
    version = FlowVersion(
        tenant_id=flow.tenant_id,
        flow_id=flow.id,
        number=number,
        xml=flow.draft_xml,
        decisions=list(flow.draft_decisions or []),
        published_at=clock.now(),
        published_by=user_id,
    )
    versioned.make_current(db_session, flow, version, "flow", user_id)
    data = {
        "flow": {"id": str(flow.id), "key": flow.key, "name": flow.name},
        "blueprint": {"id": str(blueprint.id), "key": blueprint.key},
        "version": number,
    }
    emit(db_session, "flow.published", flow.tenant_id, data, user_id=user_id, blueprint_id=blueprint.id)
    return version


def delete_flow(db_session: Session, flow: Flow, running: int, user_id: int | None) -> None:
    if running:
        raise Conflict(f"{running} records are still moving through {flow.name}; let them finish first.")
    flow.deleted_at = clock.now()
    db_session.flush()
    record_definition(db_session, "flow.deleted", "flow", flow, user_id)
