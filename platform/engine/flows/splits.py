"""Several sequence flows leaving a task or an event, with no gateway: BPMN's implicit split.

BPMN lets an activity or an event fork by itself: every flow without a condition takes a token
(a parallel split), every flow with a condition takes one when it holds, and the element's
``default`` flow takes one when none of the conditions holds. SpiffWorkflow refuses several
flows out of a task ("Multiple outgoing flows are not supported for tasks of type"), forks a
start event's flows without reading their conditions, and ignores a condition on a task's only
flow. So before the diagram is read the split is drawn as BPMN defines it, with gateways:

- flows without conditions only: a parallel gateway;
- conditions (with a default, or not): an inclusive gateway, which takes every flow whose
  condition holds and else the default; with no default and no condition holding, the step
  stops with an error naming the element, as in other engines;
- both: a parallel gateway that takes the flows without conditions, and one more into such an
  inclusive gateway (whose default, without the element's, ends quietly: no condition need hold).

Several flows *into* an element are BPMN's uncontrolled merge: each token that arrives runs
it. SpiffWorkflow runs that too, but its look-ahead recurses without end when such an element
sits in a loop (start → catch → task → back to the catch), so the merge is drawn as an exclusive
gateway in front of the element, which passes each token on alone, just the same.

The gateways carry the element's id once read (``name_origins``), so every problem and every
step names the element the diagram has.

An end event's flows are refused: an end event ends its path.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from SpiffWorkflow.bpmn.specs.bpmn_process_spec import BpmnProcessSpec

from engine.flows.errors import FlowError
from engine.flows.refusals import refusal

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
# The gateways' ids: the element's, with a suffix no modeler writes (an id may hold dots).
PARALLEL, INCLUSIVE, NONE, MERGE = ".loom-split", ".loom-choice", ".loom-none", ".loom-merge"
_GATEWAYS = {"exclusiveGateway", "inclusiveGateway", "parallelGateway", "eventBasedGateway", "complexGateway"}
_CONTAINERS = ("process", "subProcess", "transaction", "adHocSubProcess")


def explicit_splits(document: Any) -> list[FlowError]:
    """Draw every gateway-less split of ``document`` (lxml) as gateways, in place; the splits
    that cannot be drawn (which stay as they are, and are refused)."""
    refused: list[FlowError] = []
    for kind in _CONTAINERS:
        for container in document.iter(f"{{{BPMN}}}{kind}"):
            nodes = {child.get("id"): child for child in container if isinstance(child.tag, str)}
            leaving: dict[str, list[Any]] = defaultdict(list)
            for flow in container.findall(f"{{{BPMN}}}sequenceFlow"):
                leaving[flow.get("sourceRef", "")].append(flow)
            for source, flows in leaving.items():
                node = nodes.get(source)
                if node is None or _local(node) in _GATEWAYS:
                    continue
                problem = _split(container, node, flows)
                if problem is not None:
                    refused.append(problem)
            _merge(container, nodes)
    return refused


def _merge(container: Any, nodes: dict[str, Any]) -> None:
    """An exclusive gateway in front of every element (not a gateway) that several flows enter."""
    entering: dict[str, list[Any]] = defaultdict(list)
    for flow in container.findall(f"{{{BPMN}}}sequenceFlow"):
        entering[flow.get("targetRef", "")].append(flow)
    for target, flows in entering.items():
        node = nodes.get(target)
        if node is None or len(flows) < 2 or _local(node) in _GATEWAYS:
            continue
        merge = _gateway(container, node, "exclusiveGateway", target + MERGE, node)
        for flow in flows:
            flow.set("targetRef", merge.get("id"))
        _flow(container, target + MERGE + "-out", merge.get("id"), target)


def name_origins(specs: list[BpmnProcessSpec]) -> None:
    """Give the gateways drawn by ``explicit_splits`` the id of the element that splits."""
    for spec in specs:
        for task_spec in spec.task_specs.values():
            name = str(task_spec.name)
            for suffix in (PARALLEL, INCLUSIVE, NONE, MERGE):
                if name.endswith(suffix):
                    task_spec.bpmn_id = name.removesuffix(suffix)


def _split(container: Any, node: Any, flows: list[Any]) -> FlowError | None:
    """Draw one element's split; a refusal when it cannot be (the diagram is then made readable
    anyway, so that every other problem is found too)."""
    element = str(node.get("id"))
    if _local(node) == "endEvent":
        for flow in flows:
            container.remove(flow)
        return refusal("flow.split.end_event", element)
    default = node.get("default")
    default_flow = next((f for f in flows if f.get("id") == default), None)
    problem = None
    if default_flow is not None and _conditioned(default_flow):
        problem = refusal("flow.split.default_condition", element, flow=default)
        default_flow.remove(default_flow.find(f"{{{BPMN}}}conditionExpression"))
    conditioned = [f for f in flows if _conditioned(f) and f is not default_flow]
    if len(flows) < 2 and not conditioned:
        return problem
    plain = [f for f in flows if f not in conditioned and (f is not default_flow or not conditioned)]
    after = node.getnext()
    if conditioned:
        choice = _gateway(container, after, "inclusiveGateway", element + INCLUSIVE, node)
        for flow in [*conditioned, *([default_flow] if default_flow is not None else [])]:
            flow.set("sourceRef", choice.get("id"))
        if default_flow is not None:
            choice.set("default", default)
            del node.attrib["default"]
        if plain:
            plain.append(_flow(container, element + PARALLEL + "-choice", element + PARALLEL, choice.get("id")))
            if default_flow is None:  # the flows without conditions ran: no condition need hold
                _gateway(container, after, "endEvent", element + NONE, node)
                choice.set(
                    "default", _flow(container, element + NONE + "-in", choice.get("id"), element + NONE).get("id")
                )
    if plain:
        split = _gateway(container, after, "parallelGateway", element + PARALLEL, node)
        for flow in plain:
            flow.set("sourceRef", split.get("id"))
        _flow(container, element + ".loom-out", element, split.get("id"))
    else:
        _flow(container, element + ".loom-out", element, element + INCLUSIVE)
    return problem


def _gateway(container: Any, after: Any, kind: str, gateway_id: str, node: Any) -> Any:
    """A gateway (or the end of an unneeded choice) drawn for ``node``, named as it is."""
    gateway = container.makeelement(f"{{{BPMN}}}{kind}", {"id": gateway_id})
    if node.get("name"):
        gateway.set("name", node.get("name"))
    if after is not None:
        after.addprevious(gateway)
    else:
        container.append(gateway)
    return gateway


def _flow(container: Any, flow_id: str, source: str, target: str) -> Any:
    flow = container.makeelement(f"{{{BPMN}}}sequenceFlow", {"id": flow_id, "sourceRef": source, "targetRef": target})
    container.append(flow)
    return flow


def _conditioned(flow: Any) -> bool:
    condition = flow.find(f"{{{BPMN}}}conditionExpression")
    return condition is not None and bool((condition.text or "").strip())


def _local(node: Any) -> str:
    return str(node.tag).rsplit("}", 1)[-1]
