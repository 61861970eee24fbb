"""Reading a diagram back as steps: the table kept inside it, if the diagram still is what it makes.

A diagram generated from steps keeps the table (``<loom:steps>``) and its basis. It fits the table
when generating the table again gives the same elements (by id and type), names (whitespace
aside), connections, scripts, conditions, timers and Loom's extensions; the layout may differ.
"""

from __future__ import annotations

import json
from typing import Any

from lxml import etree

from engine.flows.element_content import attributes, bpmn_elements, details, kind_words, words
from engine.flows.errors import FlowError
from engine.flows.parser import LOOM_NS, read_xml

from .bpmn import BPMN_NS, to_bpmn
from .dump import basis_from_json
from .model import Steps
from .parse import StepsInvalid, load

SKIPPED = frozenset({"incoming", "outgoing", "documentation"})
KINDS = {
    "scriptTask": "its script",
    "sequenceFlow": "its connection or condition",
    "userTask": "its button, who may press it or its form",
    "intermediateCatchEvent": "its timer",
    "exclusiveGateway": "its default way",
}
Element = tuple[str, str, str, tuple[tuple[str, str], ...], Any]


def from_bpmn(xml: str | bytes) -> Steps | None:
    """The steps ``xml`` was generated from, or None when it does not (any more) fit the table."""
    steps, differences = _read(xml)
    return steps if steps is not None and not differences else None


def explain(xml: str | bytes) -> str:
    """Why ``xml`` does not open as steps, in plain words; empty when it does."""
    try:
        _steps, differences = _compare(xml)
    except _Unfit as exc:
        return str(exc)
    if not differences:
        return ""
    shown = "; ".join(differences[:3])
    more = len(differences) - 3
    extra = f"; and {more} more change{'s' if more != 1 else ''}" if more > 0 else ""
    return f"The diagram was changed in the diagram editor: {shown}{extra}."


class _Unfit(Exception):
    pass


def _read(xml: str | bytes) -> tuple[Steps | None, list[str]]:
    try:
        return _compare(xml)
    except _Unfit:
        return None, []


def _compare(xml: str | bytes) -> tuple[Steps, list[str]]:
    try:
        document = read_xml(xml)
    except FlowError as exc:
        raise _Unfit(f"This diagram cannot be read: {exc.message}") from exc
    process, kept, basis_node = None, None, None
    for candidate in document.findall(f"{{{BPMN_NS}}}process"):
        kept = candidate.find(f"{{{BPMN_NS}}}extensionElements/{{{LOOM_NS}}}steps")
        basis_node = candidate.find(f"{{{BPMN_NS}}}extensionElements/{{{LOOM_NS}}}basis")
        if kept is not None:
            process = candidate
            break
    if process is None or kept is None or basis_node is None:
        raise _Unfit("This diagram was not made with the steps editor, so it opens in the diagram editor.")
    try:
        basis = basis_from_json(json.loads(basis_node.text or ""))
        steps = load(json.loads(kept.text or ""), basis)
        again = to_bpmn(
            steps,
            process_id=str(process.get("id")),
            name=process.get("name") or "",
            blueprint=process.get(f"{{{LOOM_NS}}}blueprint") or "",
        )
    except (ValueError, StepsInvalid, TypeError, KeyError, ArithmeticError) as exc:
        raise _Unfit("The steps kept in this diagram cannot be read, so it opens in the diagram editor.") from exc
    regenerated = etree.fromstring(again.encode()).find(f"{{{BPMN_NS}}}process")
    return steps, _differences(_elements(process), _elements(regenerated))


def _differences(given: dict[str, Element], expected: dict[str, Element]) -> list[str]:
    found = [f"{_called(given[key])} was added" for key in given if key not in expected]
    found += [f"{_called(expected[key])} was removed" for key in expected if key not in given]
    for key, element in given.items():
        other = expected.get(key)
        if other is None or other == element:
            continue
        if element[0] != other[0]:
            found.append(f"{_called(element)} became another kind of element")
        elif element[1] != other[1]:
            found.append(f"{_called(other)} was renamed")
        elif element[2] != other[2]:
            found.append(f"{_called(element)} was moved into another part")
        else:
            found.append(f"{_called(element)}: {KINDS.get(element[0], 'its settings')} changed")
    return found


def _called(element: Element) -> str:
    name = f" '{element[1]}'" if element[1] else ""
    return f"the {kind_words(element[0])}{name} ({element[4][0]})"


def _elements(process: Any) -> dict[str, Element]:
    """Each element of the process by id: (kind, name, container, attributes, (id, content))."""
    found: dict[str, Element] = {}

    def visit(container: Any) -> None:
        for node, local in bpmn_elements(container):
            if local in SKIPPED or (local == "extensionElements" and container is process):
                continue
            element_id = node.get("id")
            if element_id is None:
                continue
            found[element_id] = (
                local,
                words(node.get("name")),
                str(container.get("id")),
                attributes(node, "id", "name"),
                (element_id, details(node, _is_detail)),
            )
            if local == "subProcess":
                visit(node)

    visit(process)
    return found


def _is_detail(qname: etree.QName, node: Any) -> bool:
    """A part of an element's meaning: not its connections' lists, notes, or (in a sub-process) its elements."""
    if qname.namespace != BPMN_NS:
        return True
    if qname.localname in SKIPPED:
        return False
    inside = etree.QName(node.getparent()).localname == "subProcess"
    return not (inside and node.get("id") is not None and not qname.localname.endswith("EventDefinition"))
