"""Diagram ids that SpiffWorkflow keeps for its own bookkeeping, and how a diagram may use them anyway.

SpiffWorkflow keys the task specs of a process by their BPMN id, and adds its own beside them:
``Start`` (where every instance begins), ``End``, ``<process>.EndJoin``, and
``<activity>.BoundaryEventSplit`` / ``.BoundaryEventJoin``; it also drops a spec called ``Root``
when it restores a stored instance. An element with such an id (a start event called ``Start`` is
common) would take the place of SpiffWorkflow's own, and instances could not start or be restored.

So SpiffWorkflow reads a copy of the diagram in which each such element has a free internal id
(every reference to it follows), and afterwards each task spec gets the diagram's id back as its
``bpmn_id``: refusals, the inbox and the timer table show the diagram's id; only the spec's
``name``, SpiffWorkflow's key, is the internal one (stored instances keep both).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from SpiffWorkflow.bpmn.specs.bpmn_process_spec import BpmnProcessSpec

from engine.flows.errors import FlowError

RESERVED = frozenset({"Start", "End", "Root"})
RESERVED_ENDINGS = (".EndJoin", ".BoundaryEventSplit", ".BoundaryEventJoin")
BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
_REFERENCE_ATTRIBUTES = ("sourceRef", "targetRef", "attachedToRef", "activityRef", "bpmnElement")
_REFERENCE_TEXTS = frozenset(f"{{{BPMN}}}{tag}" for tag in ("flowNodeRef", "sourceRef", "targetRef"))


def is_reserved(element: str) -> bool:
    """Whether SpiffWorkflow uses ``element`` as the name of one of its own task specs."""
    return element in RESERVED or element.endswith(RESERVED_ENDINGS)


def renamed(document: Any, node_tags: Iterable[str]) -> tuple[Any, dict[str, str]]:
    """``document`` as SpiffWorkflow may read it, and the internal id of each renamed element.

    Only elements that become task specs (their tag is one of ``node_tags``) are renamed; with
    none to rename, ``document`` itself comes back.
    """
    tags = frozenset(node_tags)
    clashing = [node for node in document.iter(*tags) if is_reserved(str(node.get("id") or ""))]
    if not clashing:
        return document, {}
    taken = {str(node.get("id")) for node in document.iter() if node.get("id") is not None}
    internal: dict[str, str] = {}
    for node in clashing:
        original = str(node.get("id"))
        if original in internal:
            continue
        name = original.replace(".", "_") + "_"
        while name in taken or is_reserved(name):
            name += "_"
        taken.add(name)
        internal[original] = name
    copied = copy.deepcopy(document)
    for node in copied.iter():
        if node.tag in tags and node.get("id") in internal:
            node.set("id", internal[node.get("id")])
        for attribute in _REFERENCE_ATTRIBUTES:
            value = node.get(attribute)
            if value in internal:
                node.set(attribute, internal[value])
        if node.tag in _REFERENCE_TEXTS and (node.text or "").strip() in internal:
            node.text = internal[(node.text or "").strip()]
    return copied, internal


def give_back(specs: Iterable[BpmnProcessSpec], internal: dict[str, str]) -> None:
    """Each renamed element's task spec shows the diagram's id again (its name stays internal)."""
    original = {name: element for element, name in internal.items()}
    for spec in specs:
        for task_spec in spec.task_specs.values():
            element = getattr(task_spec, "bpmn_id", None)
            if element in original:
                task_spec.bpmn_id = original[element]


def as_in_diagram(error: FlowError, internal: dict[str, str]) -> FlowError:
    """``error`` naming the diagram's id where SpiffWorkflow named an internal one."""
    original = {name: element for element, name in internal.items()}
    if error.element not in original:
        return error
    return FlowError(error.message, original[error.element], error.line, code=error.code, params=error.params)
