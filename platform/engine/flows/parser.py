"""Reading BPMN 2.0 XML into a flow Loom can run, with Loom's extensions (``bpmn/loom.json``).

Loom's extensions live in the namespace ``LOOM_NS``:

- ``<bpmn:process loom:blueprint="delivery">`` binds the flow to a blueprint (by key);
- inside a user task's ``extensionElements``, ``<loom:transition label=".." role=".." member=".."/>``
  makes it a transition (the button's label, and who may press it: a tenant role or a member's
  email; ``field=".."`` names a user column of the record, whose person may press it) and
  ``<loom:field key=".."/>`` lists the fields its form shows, in order.

Diagrams from other modelers parse too (SpiffWorkflow's and Camunda's extensions are read or
ignored); anything Loom cannot run is refused by ``check`` with the element it concerns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from SpiffWorkflow.bpmn.parser.BpmnParser import full_tag
from SpiffWorkflow.bpmn.parser.node_parser import DEFAULT_NSMAP
from SpiffWorkflow.bpmn.specs.bpmn_process_spec import BpmnProcessSpec
from SpiffWorkflow.bpmn.specs.defaults import EndEvent, StartEvent
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.spiff.parser.task_spec import UserTaskParser
from SpiffWorkflow.spiff.specs.defaults import UserTask

from engine.flows.camunda import problems as camunda_problems
from engine.flows.camunda import read_user_task
from engine.flows.catches import timer_of
from engine.flows.condition_documents import translate_conditions
from engine.flows.connector_task import ConnectorTask, ConnectorTaskParser
from engine.flows.correlation import Correlations, name_unnamed
from engine.flows.correlation import read as read_correlations
from engine.flows.decisions import TAG as DECISION_TAG
from engine.flows.decisions import DecisionTask, DecisionTaskParser, use_decisions
from engine.flows.diagram_errors import translate
from engine.flows.end_events import EndEventParser
from engine.flows.errors import FlowError
from engine.flows.plain_task import PlainTask
from engine.flows.pools import several_pools
from engine.flows.refusals import refusal
from engine.flows.reserved_ids import as_in_diagram, give_back, renamed
from engine.flows.splits import explicit_splits, name_origins
from engine.flows.subprocess_events import EventStartParser
from engine.flows.support import problems
from engine.flows.task_parsing import LoomTaskParser
from engine.flows.timer_clock import on_loom_clock
from engine.flows.timers import quote_iso_timers
from engine.flows.timers import unrecognised as unrecognised_timers

LOOM_NS = "http://loom.dev/schema/bpmn/1.0"
NAMESPACES = {**DEFAULT_NSMAP, "loom": LOOM_NS}
MAX_XML_BYTES = 2 * 1024 * 1024
_DECLARED_ENCODING = re.compile(r"""(\A\s*<\?xml[^>]*?\bencoding\s*=\s*["'])[A-Za-z0-9._-]+(["'])""")


@dataclass(frozen=True)
class Transition:
    """A user task as people see it: a button with a label, a form, and who may press it."""

    element: str
    label: str
    fields: tuple[str, ...] = ()
    role: str | None = None
    member: str | None = None
    field: str | None = None  # a user column: the person it holds may press (owners and admins too)

    def to_dict(self) -> dict[str, Any]:
        return {
            "element": self.element,
            "label": self.label,
            "fields": list(self.fields),
            "role": self.role,
            "member": self.member,
            "field": self.field,
        }


@dataclass
class Flow:
    """A parsed diagram: the process to run, the processes it calls, and Loom's bindings."""

    process_id: str
    spec: BpmnProcessSpec
    subprocess_specs: dict[str, BpmnProcessSpec]
    blueprint: str | None
    transitions: dict[str, Transition] = field(default_factory=dict)
    has_timers: bool = False  # any timer event: instances of flows without one never touch the timer table
    correlations: Correlations = field(default_factory=Correlations)  # message correlation (correlation.py)

    def element_name(self, element: str | None) -> str | None:
        """The name the diagram gives a BPMN element (its id when unnamed); None for no element."""
        if element is None:
            return None
        for spec in (self.spec, *self.subprocess_specs.values()):
            for task_spec in spec.task_specs.values():
                if task_spec.bpmn_id == element:
                    return str(task_spec.bpmn_name or element)
        return element


def _loom_transition(node: Any, always: bool) -> dict[str, Any] | None:
    """Loom's transition on a task node (label, who may do it, its fields); None on a plain task
    that has none (``always`` is for user tasks, which are a person's step anyway)."""
    transition = node.xpath("./bpmn:extensionElements/loom:transition", namespaces=NAMESPACES)
    if not transition and not always:
        return None
    fields = node.xpath("./bpmn:extensionElements/loom:field", namespaces=NAMESPACES)
    attributes = transition[0].attrib if transition else {}
    found = {
        "label": attributes.get("label") or node.get("name") or node.get("id"),
        "role": attributes.get("role") or None,
        "member": attributes.get("member") or None,
        "field": attributes.get("field") or None,
        "fields": [f.get("key") for f in fields if f.get("key")],
    }
    if not transition:  # a user task as Camunda Modeler writes it; Loom's own transition wins
        camunda = read_user_task(node)
        found.update(role=camunda.role, member=camunda.member, field=camunda.field)
        found["fields"] = found["fields"] or list(camunda.fields)
    return found


class LoomUserTaskParser(LoomTaskParser, UserTaskParser):  # type: ignore[misc]
    """Spiff's user task, plus Loom's transition and fields."""

    def loom_extensions(self, node: Any) -> dict[str, Any]:
        return {"loom": _loom_transition(node, always=True)}


class PlainTaskParser(LoomTaskParser):
    """``bpmn:task``: passes straight through, unless Loom's transition makes it a person's step."""

    def loom_extensions(self, node: Any) -> dict[str, Any]:
        transition = _loom_transition(node, always=False)
        return {} if transition is None else {"loom": transition}

    def create_task(self) -> PlainTask:
        extensions = self.parse_extensions()
        return self.scripted(PlainTask, extensions, manual="loom" in extensions)


class LoomParser(SpiffBpmnParser):  # type: ignore[misc]
    OVERRIDE_PARSER_CLASSES = {
        **SpiffBpmnParser.OVERRIDE_PARSER_CLASSES,
        full_tag("userTask"): (LoomUserTaskParser, UserTask),
        full_tag("task"): (PlainTaskParser, PlainTask),
        full_tag("serviceTask"): (ConnectorTaskParser, ConnectorTask),
        DECISION_TAG: (DecisionTaskParser, DecisionTask),
        full_tag("startEvent"): (EventStartParser, StartEvent),
        full_tag("endEvent"): (EndEventParser, EndEvent),
    }

    def __init__(self) -> None:
        super().__init__(namespaces=NAMESPACES, validator=None)


_NODE_TAGS = frozenset({*LoomParser.PARSER_CLASSES, *LoomParser.OVERRIDE_PARSER_CLASSES})  # what becomes a task spec


def parse(xml: bytes | str, decisions: list[str] | None = None) -> Flow:
    """The diagram's executable process, or FlowError naming what is wrong and where."""
    flow, found = check(xml, decisions)
    if found:
        raise found[0]
    return flow


def read_xml(xml: bytes | str) -> Any:
    """The XML document (lxml), read safely: no entities, no network, bounded size."""
    # Text was decoded already (a JSON body): its declaration's encoding no longer holds.
    data = _DECLARED_ENCODING.sub(r"\1UTF-8\2", xml, count=1).encode() if isinstance(xml, str) else xml
    if len(data) > MAX_XML_BYTES:
        raise refusal("flow.diagram.too_large", limit=MAX_XML_BYTES // (1024 * 1024))
    try:
        parser_options = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        return etree.fromstring(data, parser=parser_options)
    except etree.XMLSyntaxError as exc:
        raise refusal("flow.diagram.not_xml", reason=exc.msg, line_number=exc.lineno) from exc


def check(xml: bytes | str, decisions: list[str] | None = None) -> tuple[Flow, list[FlowError]]:
    """The diagram and every element of it Loom cannot run; FlowError when it cannot be read at all.

    ``decisions`` are the flow's decision tables (DMN XML texts) its business-rule tasks call."""
    document = read_xml(xml)
    parser = LoomParser()
    decision_problems = use_decisions(parser, decisions)
    readable, internal = document, dict[str, str]()
    try:
        process_id = _main_process(parser, document)
        _mark_executable(document)
        quote_iso_timers(document)
        name_unnamed(document)  # messages and signals (correlation.py)
        refused = [*translate_conditions(document), *camunda_problems(document)]
        refused.extend(explicit_splits(document))  # after the conditions are Loom's expressions
        readable, internal = renamed(document, _NODE_TAGS)  # ids SpiffWorkflow keeps for itself (reserved_ids.py)
        parser.add_bpmn_xml(etree.ElementTree(readable), filename="diagram.bpmn")
        spec = parser.get_spec(process_id)
        subprocesses = parser.get_subprocess_specs(process_id)
        give_back([spec, *subprocesses.values()], internal)
        on_loom_clock([spec, *subprocesses.values()])  # timers fire by Loom's clock only (timer_clock.py)
        name_origins([spec, *subprocesses.values()])
    except FlowError:
        raise
    except Exception as exc:  # SpiffWorkflow's ValidationException, and plain errors for some malformed parts
        raise as_in_diagram(translate(exc, readable), internal) from exc
    # Found by comparing ids, never by a path with the id in it: an id may hold a quote.
    process = next((p for p in document.findall(f"{{{NAMESPACES['bpmn']}}}process") if p.get("id") == process_id), None)
    blueprint = process.get(f"{{{LOOM_NS}}}blueprint") if process is not None else None
    flow = Flow(process_id, spec, subprocesses, blueprint)
    flow.correlations, unclear = read_correlations(document, [spec, *subprocesses.values()])
    refused.extend(unclear)
    for task_spec in [*spec.task_specs.values(), *(t for s in subprocesses.values() for t in s.task_specs.values())]:
        if timer_of(task_spec) is not None:  # an event-based gateway's timer too
            flow.has_timers = True
        loom = getattr(task_spec, "extensions", {}).get("loom")
        if loom is not None:
            flow.transitions[task_spec.name] = Transition(
                task_spec.bpmn_id,
                loom["label"],
                tuple(loom["fields"]),
                loom["role"],
                loom["member"],
                loom.get("field"),
            )
    pools = several_pools(document, process_id)
    timers = unrecognised_timers([spec, *subprocesses.values()])
    return flow, [*([pools] if pools else []), *refused, *problems(spec, subprocesses), *timers, *decision_problems]


def _mark_executable(document: Any) -> None:
    """Every process of the diagram runs when Loom runs it: modelers write ``isExecutable="false"``
    by default (bpmn-js, Signavio) or ``"True"``, and the designer sets the flag on save anyway."""
    for process in document.findall(f"{{{NAMESPACES['bpmn']}}}process"):
        process.set("isExecutable", "true")


def _main_process(parser: LoomParser, document: Any) -> str:
    """The process to run: the one marked executable (in any case), else the first one."""
    processes = document.findall(f"{{{NAMESPACES['bpmn']}}}process")
    if not processes:
        raise refusal("flow.diagram.no_process")
    executable = [p for p in processes if p.get("isExecutable", "true").strip().lower() == "true"]
    candidates = executable or processes
    called = {c.get("calledElement") for c in document.iter(f"{{{NAMESPACES['bpmn']}}}callActivity")}
    top = [p for p in candidates if p.get("id") not in called] or candidates
    return str(top[0].get("id"))
