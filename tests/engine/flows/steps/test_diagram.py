"""The generated diagram: a readable layout, read back after layout edits only; the state picture."""

from __future__ import annotations

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
    added = xml.replace(
        '<bpmn:endEvent id="end" name="No way out"/>',
        '<bpmn:endEvent id="end" name="No way out"/><bpmn:task id="extra" name="Call the customer"/>',
    )
    assert from_bpmn(added) is None
    assert "the task 'Call the customer' (extra) was added" in explain(added)
    removed = xml.replace('<bpmn:endEvent id="end" name="No way out"/>', "")
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
