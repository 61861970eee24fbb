"""Diagrams with several pools: each pool that runs becomes a flow of its own.

A collaboration drawn in Camunda Modeler, Signavio or bpmn.io has a pool (participant) per party,
each with its process, and message flows between them. Loom runs one process per flow, so an
import splits such a diagram: every pool whose process has something to run becomes its own
diagram (``split``), and each message flow between two pools becomes a named message both ends
share, so the sender's throw reaches the receiver's catch through Loom's message delivery.
A diagram saved as one flow with several such pools is refused (``several_pools``): the other
pools would otherwise be silently ignored.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from lxml import etree

from engine.flows.errors import FlowError
from engine.flows.refusals import refusal

MAX_POOLS = 20  # pools one import makes flows of (LOOM_FLOW_IMPORT_MAX_POOLS)

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
# Elements that make a process something to run (a pool of only lanes or text runs nothing).
_FLOW_NODES = {
    "startEvent",
    "task",
    "userTask",
    "manualTask",
    "scriptTask",
    "serviceTask",
    "sendTask",
    "receiveTask",
    "businessRuleTask",
    "callActivity",
    "subProcess",
    "intermediateCatchEvent",
    "intermediateThrowEvent",
}
# Where a message flow may start (it sends) and end (it receives), as BPMN defines them.
_SENDERS = {"intermediateThrowEvent", "endEvent", "sendTask"}
_RECEIVERS = {"startEvent", "intermediateCatchEvent", "boundaryEvent", "receiveTask"}


@dataclass(frozen=True)
class Pool:
    """A pool that runs: its process, the name people gave it, and the blueprint it names, if any."""

    process_id: str
    name: str
    blueprint: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"process": self.process_id, "name": self.name, "blueprint": self.blueprint}


def _tag(element: Any) -> str:
    return str(etree.QName(element).localname) if isinstance(element.tag, str) else ""


def _called(document: Any) -> set[str]:
    return {str(c.get("calledElement")) for c in document.iter(f"{{{BPMN}}}callActivity") if c.get("calledElement")}


def pools(document: Any) -> list[Pool]:
    """The diagram's processes that would run on their own, in document order: not called by another,
    with at least one flow node; named by their pool (participant) where there is one."""
    names = {p.get("processRef"): p.get("name") for p in document.iter(f"{{{BPMN}}}participant")}
    called = _called(document)
    found = []
    for process in document.findall(f"{{{BPMN}}}process"):
        process_id = str(process.get("id"))
        if process_id in called or not any(_tag(child) in _FLOW_NODES for child in process):
            continue
        name = names.get(process_id) or process.get("name") or process_id
        blueprint = process.get("{http://loom.dev/schema/bpmn/1.0}blueprint")
        found.append(Pool(process_id, str(name), blueprint))
    return found


def several_pools(document: Any, main: str) -> FlowError | None:
    """The refusal for a diagram with more than one pool that runs, naming the first one that is not ``main``."""
    found = pools(document)
    if len(found) < 2:
        return None
    other = next(p for p in found if p.process_id != main)
    names = ", ".join(p.name for p in found)
    return refusal("flow.pools.several", other.process_id, count=len(found), names=names)


def _owned(document: Any) -> dict[str, set[str]]:
    """Each process id → the ids of the elements inside it (sub-processes included)."""
    owned: dict[str, set[str]] = {}
    for process in document.findall(f"{{{BPMN}}}process"):
        ids = owned.setdefault(str(process.get("id")), set())
        ids |= {str(e.get("id")) for e in process.iter() if isinstance(e.tag, str) and e.get("id")}
    return owned


def _message_definition(element: Any) -> Any:
    return element.find(f"{{{BPMN}}}messageEventDefinition")


def _link_message_flows(document: Any) -> list[FlowError]:
    """Each message flow between two ends that send and receive gets one message both ends name
    (``messageRef``); a message flow whose ends cannot send or receive is reported, not dropped silently."""
    by_id = {str(e.get("id")): e for e in document.iter() if isinstance(e.tag, str) and e.get("id")}
    messages = {str(m.get("id")) for m in document.findall(f"{{{BPMN}}}message")}
    warnings = []
    roots = _first_process_index(document)
    for flow in document.iter(f"{{{BPMN}}}messageFlow"):
        source, target = by_id.get(str(flow.get("sourceRef"))), by_id.get(str(flow.get("targetRef")))
        if source is None or target is None or _tag(source) == "participant" or _tag(target) == "participant":
            continue  # to or from a pool drawn closed: a partner outside Loom (the API or an inbound hook)
        if _tag(source) not in _SENDERS or _tag(target) not in _RECEIVERS:
            name = str(flow.get("name") or flow.get("id"))
            warnings.append(refusal("flow.pools.message_flow_ends", str(flow.get("id")), name=name))
            continue
        ends = [source, target]
        refs = [_message_ref(end) for end in ends]
        ref = next((r for r in refs if r in messages), None)
        if ref is None:
            ref = f"Message_{flow.get('id')}"
            message = etree.Element(f"{{{BPMN}}}message", id=ref, name=str(flow.get("name") or flow.get("id")))
            document.insert(roots, message)
            messages.add(ref)
        for end in ends:
            _set_message_ref(end, ref)
    return warnings


def _message_ref(end: Any) -> str | None:
    holder = end if _tag(end) in {"sendTask", "receiveTask"} else _message_definition(end)
    ref = holder.get("messageRef") if holder is not None else None
    return str(ref) if ref else None


def _set_message_ref(end: Any, ref: str) -> None:
    if _tag(end) in {"sendTask", "receiveTask"}:
        end.set("messageRef", ref)
        return
    definition = _message_definition(end)
    if definition is None:  # a plain start, end or catch: it becomes a message one
        definition = etree.Element(f"{{{BPMN}}}messageEventDefinition", id=f"{end.get('id')}_message")
        outgoing = [i for i, child in enumerate(end) if _tag(child) in {"incoming", "outgoing", "extensionElements"}]
        end.insert(max(outgoing) + 1 if outgoing else 0, definition)
    definition.set("messageRef", ref)


def _first_process_index(document: Any) -> int:
    for index, child in enumerate(document):
        if _tag(child) in {"process", "collaboration"}:
            return index
    return len(document)


def split(document: Any, max_pools: int = MAX_POOLS) -> tuple[dict[str, str], list[FlowError]]:
    """One diagram per pool that runs (process id → XML text), with message flows turned into
    messages, and the message flows that could not be (to show at import). More than
    ``max_pools`` pools are refused before anything is copied (each pool copies the document)."""
    found = pools(document)
    if len(found) > max_pools:
        raise refusal("flow.pools.too_many", found[max_pools].process_id, count=len(found), limit=max_pools)
    document = copy.deepcopy(document)
    warnings = _link_message_flows(document)
    owned = _owned(document)
    result = {}
    for pool in found:
        keep = _needed_processes(document, pool.process_id)
        result[pool.process_id] = etree.tostring(_only(document, keep, owned), encoding="unicode")
    return result, warnings


def _needed_processes(document: Any, process_id: str) -> set[str]:
    """The process and every process its call activities reach."""
    by_id = {str(p.get("id")): p for p in document.findall(f"{{{BPMN}}}process")}
    needed, todo = set(), [process_id]
    while todo:
        current = todo.pop()
        if current in needed or current not in by_id:
            continue
        needed.add(current)
        todo += [str(c.get("calledElement")) for c in by_id[current].iter(f"{{{BPMN}}}callActivity")]
    return needed


def _only(document: Any, keep: set[str], owned: dict[str, set[str]]) -> Any:
    """A copy of the document with only the processes in ``keep``, their pools and their shapes."""
    result = copy.deepcopy(document)
    dropped: set[str] = set()
    for process in result.findall(f"{{{BPMN}}}process"):
        if process.get("id") not in keep:
            dropped.add(str(process.get("id")))
            dropped |= owned.get(str(process.get("id")), set())
            result.remove(process)
    for collaboration in result.findall(f"{{{BPMN}}}collaboration"):
        for child in list(collaboration):
            other_pool = _tag(child) == "participant" and child.get("processRef") not in keep
            if other_pool or _tag(child) in {"messageFlow", "conversation", "conversationLink"}:
                dropped.add(str(child.get("id")))
                collaboration.remove(child)
    for shape in [*result.iter(f"{{{BPMNDI}}}BPMNShape"), *result.iter(f"{{{BPMNDI}}}BPMNEdge")]:
        if shape.get("bpmnElement") in dropped:
            shape.getparent().remove(shape)
    return result
