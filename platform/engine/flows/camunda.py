"""What Camunda Modeler writes on a user task, read where it means something in Loom.

Camunda 7 (``camunda:`` attributes) and Camunda 8 (``zeebe:`` elements) say who does a task and
which fields its form shows; Loom's transition says the same (``engine.flows.parser``), so:

- the assignee (``camunda:assignee``, ``zeebe:assignmentDefinition assignee``) is who may press:
  an email is a member, an expression naming a field (``${driver}``, ``=driver``) is the person in
  that team member field;
- else one candidate user (``camunda:candidateUsers``, ``zeebe:... candidateUsers``), read the same;
- else the candidate groups, when each is a tenant role that may move records: the weakest of them
  (a role lets stronger roles press too). Camunda's assignee is the one person who does the task,
  so candidates only count when there is none;
- the form's fields: ``camunda:formData/camunda:formField``, or the keys of a Camunda 8 form
  embedded in the diagram (``zeebe:formDefinition formKey="camunda-forms:bpmn:ID"`` with
  ``zeebe:userTaskForm id="ID"``); a form deployed apart (``formId``) cannot be read here.

Anything else (a group that is no role, a user name that is no email, an expression that is no
field name) is refused at publish, naming the task and what to use instead. A task that carries
Loom's own ``<loom:transition>`` is Loom's: what Camunda says about it is not read.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from engine.flows.errors import FlowError
from engine.flows.refusals import refusal

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn"
ZEEBE_NS = "http://camunda.org/schema/zeebe/1.0"
LOOM_NS = "http://loom.dev/schema/bpmn/1.0"  # as engine.flows.parser, which imports this module
# The tenant roles (core.identity's TenantRole) that may move records, weakest first: viewers may not.
ROLES = ("editor", "admin", "owner")
_NAMESPACES = {"bpmn": BPMN, "camunda": CAMUNDA_NS, "zeebe": ZEEBE_NS, "loom": LOOM_NS}
_EMAIL = re.compile(r"[^@\s,]+@[^@\s,]+\.[^@\s,]+")
_FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_EMBEDDED_FORM = "camunda-forms:bpmn:"
_NO_DATA = frozenset({"button", "text", "html", "image", "spacer", "separator", "iframe", "table", "documentPreview"})


@dataclass(frozen=True)
class Reading:
    """Who may do a user task and the fields its form shows, as Camunda says; and what Loom refuses."""

    role: str | None = None
    member: str | None = None
    field: str | None = None
    fields: tuple[str, ...] = ()
    problems: tuple[FlowError, ...] = ()


def read_user_task(node: Any) -> Reading:
    """What Camunda 7 or 8 says about the user task ``node`` (lxml); nothing for Loom's own."""
    if node.xpath("./bpmn:extensionElements/loom:transition", namespaces=_NAMESPACES):
        return Reading()
    element = str(node.get("id"))
    zeebe = node.find(f"./{{{BPMN}}}extensionElements/{{{ZEEBE_NS}}}assignmentDefinition")
    zeebe_attributes = zeebe.attrib if zeebe is not None else {}

    def given(name: str) -> str | None:
        value = node.get(f"{{{CAMUNDA_NS}}}{name}") or zeebe_attributes.get(name)
        return value.strip() if value and value.strip() else None

    fields = _form_fields(node)
    assignee, users, groups = given("assignee"), given("candidateUsers"), given("candidateGroups")
    if assignee is not None:
        return _person(element, "flow.camunda.assignee", assignee, fields)
    if users is not None:
        return _person(element, "flow.camunda.candidate", users, fields)
    if groups is not None:
        return _groups(element, groups, fields)
    return Reading(fields=fields)


def problems(document: Any) -> list[FlowError]:
    """What Loom refuses in the Camunda assignments of ``document``'s user tasks."""
    found: list[FlowError] = []
    for node in document.iter(f"{{{BPMN}}}userTask"):
        found.extend(read_user_task(node).problems)
    return found


def _person(element: str, code: str, value: str, fields: tuple[str, ...]) -> Reading:
    """An email is a member; ``${name}`` / ``=name`` the person in that field; else refused."""
    if _EMAIL.fullmatch(value):
        return Reading(member=value, fields=fields)
    name = _expression_name(value)
    if name is not None:
        return Reading(field=name, fields=fields)
    return Reading(fields=fields, problems=(refusal(code, element, value=value),))


def _expression_name(value: str) -> str | None:
    """The field a one-name expression reads: ``${driver}``, ``#{driver}``, ``=driver``."""
    if value.startswith(("${", "#{")) and value.endswith("}"):
        inner = value[2:-1].strip()
    elif value.startswith("="):
        inner = value[1:].strip()
    else:
        return None
    return inner if _FIELD.fullmatch(inner) and inner not in ("true", "false", "null") else None


_FEEL_LIST = re.compile(r'=\s*\[\s*("[^"\\]*"(?:\s*,\s*"[^"\\]*")*)?\s*\]\s*')


def _groups(element: str, value: str, fields: tuple[str, ...]) -> Reading:
    """Candidate groups as Camunda 7 writes them (``editor, admin``) or as a FEEL list of text
    literals, as Camunda 8 may (``=["editor", "admin"]``); each must be a Loom role."""
    listed = _FEEL_LIST.fullmatch(value.strip())
    if listed:
        value = ",".join(item.strip().strip('"') for item in (listed.group(1) or "").split(","))
    groups = [g.strip() for g in value.split(",") if g.strip()]
    if not groups:  # an empty list names nobody in particular
        return Reading(fields=fields)
    unknown = [g for g in groups if g.lower() not in ROLES]
    if unknown:
        error = refusal("flow.camunda.group", element, group=unknown[0], roles=", ".join(ROLES))
        return Reading(fields=fields, problems=(error,))
    weakest = min((g.lower() for g in groups), key=ROLES.index)
    return Reading(role=weakest, fields=fields)


def _form_fields(node: Any) -> tuple[str, ...]:
    """The fields the task's Camunda form shows, in order."""
    camunda = node.xpath("./bpmn:extensionElements/camunda:formData/camunda:formField/@id", namespaces=_NAMESPACES)
    if camunda:
        return tuple(dict.fromkeys(str(key) for key in camunda))
    definition = node.find(f"./{{{BPMN}}}extensionElements/{{{ZEEBE_NS}}}formDefinition")
    key = (definition.get("formKey") or "") if definition is not None else ""
    if not key.startswith(_EMBEDDED_FORM):
        return ()
    form_id = key.removeprefix(_EMBEDDED_FORM)
    for form in node.getroottree().iter(f"{{{ZEEBE_NS}}}userTaskForm"):
        if form.get("id") == form_id:
            try:
                schema = json.loads(form.text or "")
            except ValueError:
                return ()
            return tuple(dict.fromkeys(_form_keys(schema)))
    return ()


def _form_keys(component: Any) -> list[str]:
    """The keys of a form-js schema's input components, nested groups included."""
    if not isinstance(component, dict):
        return []
    keys: list[str] = []
    key = component.get("key")
    if isinstance(key, str) and key and component.get("type") not in _NO_DATA:
        keys.append(key)
    for child in component.get("components") or []:
        keys.extend(_form_keys(child))
    return keys
