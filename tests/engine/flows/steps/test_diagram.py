"""The generated diagram: a readable layout, read back after layout edits only; the state picture."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from engine.flows.steps import explain, from_bpmn, parse, states_report, to_bpmn

from .cases import COLUMNS, busy_steps, delivery_steps

DI = "{http://www.omg.org/spec/BPMN/20100524/DI}"
DC = "{http://www.omg.org/spec/DD/20100524/DC}"
DD = "{http://www.omg.org/spec/DD/20100524/DI}"
BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
EXAMPLES = Path(__file__).resolve().parents[4] / "bpmn" / "examples"
OPTIONS = ["PENDING", "IN_PROGRESS", "DELIVERED", "CANCELLED"]


def _xml(data=None) -> str:
    steps = parse(data or busy_steps(), COLUMNS)
    return to_bpmn(steps, process_id="delivery_flow", name="Delivery", blueprint="delivery")


def _boxes(xml: str) -> dict[str, tuple[float, float, float, float]]:
    document = etree.fromstring(xml.encode())
    boxes = {}
    for shape in document.iter(f"{DI}BPMNShape"):
        bounds = shape.find(f"{DC}Bounds")
        boxes[shape.get("bpmnElement")] = tuple(float(bounds.get(k)) for k in ("x", "y", "width", "height"))
    return boxes


def test_every_element_has_a_shape_and_no_two_shapes_overlap():
    xml = _xml()
    document = etree.fromstring(xml.encode())
    boxes = _boxes(xml)
    parents = {}
    for node in document.iter(f"{BPMN}*"):
        parent = node.getparent()
        kinds = (f"{BPMN}sequenceFlow", f"{BPMN}process", f"{BPMN}definitions")
        if node.get("id") and node.tag not in kinds and parent is not None and parent.tag != f"{BPMN}definitions":
            assert node.get("id") in boxes, node.get("id")
            parents[node.get("id")] = parent.get("id")
    edges = {e.get("bpmnElement"): e.findall(f"{DD}waypoint") for e in document.iter(f"{DI}BPMNEdge")}
    flows = [f.get("id") for f in document.iter(f"{BPMN}sequenceFlow")]
    assert sorted(edges) == sorted(flows) and all(len(points) >= 2 for points in edges.values())

    def inside(inner, outer):
        x, y, w, h = boxes[inner]
        ox, oy, ow, oh = boxes[outer]
        return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh

    names = sorted(boxes)
    for index, first in enumerate(names):
        for second in names[index + 1 :]:
            if parents.get(first) == second:
                assert inside(first, second), (first, second)
                continue
            if parents.get(second) == first:
                assert inside(second, first), (second, first)
                continue
            x1, y1, w1, h1 = boxes[first]
            x2, y2, w2, h2 = boxes[second]
            assert x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1, (first, second)


def test_every_element_lists_its_connections_where_bpmn_puts_them():
    """Drawing tools and their checks (bpmnlint's no-disconnected, no-implicit-start/-end) read an
    element's connections from its incoming and outgoing lists, which come before its own content."""
    document = etree.fromstring(_xml().encode())
    flows = list(document.iter(f"{BPMN}sequenceFlow"))
    nodes = {n.get("id"): n for n in document.iter(f"{BPMN}*") if n.get("id") and n.tag != f"{BPMN}sequenceFlow"}
    for kind, end in (("incoming", "targetRef"), ("outgoing", "sourceRef")):
        for element_id, node in nodes.items():
            listed = sorted(ref.text for ref in node.findall(f"{BPMN}{kind}"))
            assert listed == sorted(f.get("id") for f in flows if f.get(end) == element_id), (kind, element_id)
    for node in nodes.values():
        tags = [etree.QName(child).localname for child in node if isinstance(child.tag, str)]
        refs = [i for i, tag in enumerate(tags) if tag in ("incoming", "outgoing")]
        if refs:
            assert tags[: refs[0]] in ([], ["extensionElements"]), (node.get("id"), tags)
            assert tags[refs[0] : refs[-1] + 1] == sorted(tags[refs[0] : refs[-1] + 1]), (node.get("id"), tags)
            assert all(tag not in ("incoming", "outgoing") for tag in tags[refs[-1] + 1 :]), (node.get("id"), tags)
    assert len(nodes["route"].findall(f"{BPMN}incoming")) == 3  # from the start and back from both states


def test_a_diagram_made_before_its_elements_listed_their_connections_still_reads_back():
    listed = re.compile(r"\s*<bpmn:(incoming|outgoing)>[^<]*</bpmn:\1>")
    older = listed.sub("", _xml())
    assert "<bpmn:incoming>" not in older
    assert from_bpmn(older) == parse(busy_steps(), COLUMNS) and explain(older) == ""


def test_the_example_the_webapp_checks_is_what_the_steps_editor_makes():
    """bpmn/examples/steps.bpmn is linted by webapp/src/designer/lintConfig.test.ts; after a change to
    the generator, write it again with ``(EXAMPLES / "steps.bpmn").write_text(_xml())``."""
    assert (EXAMPLES / "steps.bpmn").read_text() == _xml()


def test_states_stand_left_to_right_in_the_order_of_the_options_each_expanded():
    xml = _xml()
    boxes = _boxes(xml)
    assert boxes["s_pending"][0] < boxes["s_in_progress"][0]
    document = etree.fromstring(xml.encode())
    expanded = {s.get("bpmnElement") for s in document.iter(f"{DI}BPMNShape") if s.get("isExpanded") == "true"}
    assert expanded == {"s_pending", "s_in_progress"}


def test_a_diagram_moved_around_in_the_diagram_editor_still_reads_back():
    xml = _xml()
    steps = parse(busy_steps(), COLUMNS)
    moved = xml.replace('<dc:Bounds x="460"', '<dc:Bounds x="470"').replace('name="Start"', 'name="  Start "')
    assert moved != xml
    assert from_bpmn(moved) == steps and explain(moved) == ""


def test_a_diagram_changed_beyond_layout_opens_in_the_diagram_editor_with_a_note():
    xml = _xml()
    changed = xml.replace('status = "IN_PROGRESS"', 'status = "DELIVERED"', 1)
    assert from_bpmn(changed) is None
    assert explain(changed) == (
        "The diagram was changed in the diagram editor: "
        "the script task 'Start: apply' (t_start-do): its script changed."
    )
    end = re.search(r'<bpmn:endEvent id="end" name="No way out">.*?</bpmn:endEvent>', xml, re.S)
    assert end is not None
    added = xml.replace(end[0], end[0] + '<bpmn:task id="extra" name="Call the customer"/>')
    assert from_bpmn(added) is None
    assert "the task 'Call the customer' (extra) was added" in explain(added)
    removed = xml.replace(end[0], "")
    assert "the end event 'No way out' (end) was removed" in explain(removed)


def test_a_diagram_not_made_from_steps_says_so():
    drawn = (EXAMPLES / "delivery.bpmn").read_text()
    assert from_bpmn(drawn) is None
    assert "not made with the steps editor" in explain(drawn)
    assert "cannot be read" in explain("<not-xml")
    broken = _xml().replace('"state":"status"', '"state":"nothing"')
    assert from_bpmn(broken) is None and "steps kept in this diagram cannot be read" in explain(broken)


def test_the_state_picture_finds_unreachable_states_and_dead_ends():
    steps = parse(delivery_steps(), COLUMNS)
    assert states_report(steps, OPTIONS) == {"unreachable": ["CANCELLED"], "dead_ends": ["DELIVERED", "CANCELLED"]}
    busy = parse(busy_steps(), COLUMNS)
    assert states_report(busy, OPTIONS) == {"unreachable": ["DELIVERED"], "dead_ends": ["DELIVERED", "CANCELLED"]}
    data = delivery_steps()
    data["initial"] = None
    no_start = parse(data, COLUMNS)
    assert states_report(no_start, ["IN_PROGRESS", *OPTIONS[:1], *OPTIONS[2:]])["unreachable"] == [
        "PENDING",
        "CANCELLED",
    ]
