"""A steps table as BPMN 2.0 that Loom runs, with a generated layout (DI) people can read.

The shape::

    start -> [set the initial state] -> route --(state == S)--> sub-process S --> route
                                           \\--(default)--> end (no way out)

Sub-process S waits for every way out of S at once: after a parallel split, each button is a
user task followed by its script (condition check, updates, ``state = to``) and a terminate end
event; each timer is a timer catch event followed by its script and a terminate end event. The
first to finish ends the sub-process, which takes back every other button and timer; the flow
goes back to route, which sends it to the new state's sub-process. Every element lists its
connections (``incoming``, ``outgoing``), as drawing tools write and read them. The shape stays the
same however many ways out a state has (a split and terminate ends even for one), so a state that
gains or loses one keeps its elements and waiting records move to the next version; the designer's
drawing checks leave out the three rules this shape trips (webapp/src/designer/lintConfig.ts).

The table itself is kept in the process's ``extensionElements`` (``<loom:steps>``, with the basis
it was checked against in ``<loom:basis>``), so the diagram reads back (read.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from engine.flows.parser import LOOM_NS

from . import scripts
from .dump import basis_json, to_json
from .model import Steps, Timer, Transition

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
DI_NS = "http://www.omg.org/spec/BPMN/20100524/DI"
DC_NS = "http://www.omg.org/spec/DD/20100524/DC"
DD_NS = "http://www.omg.org/spec/DD/20100524/DI"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {"bpmn": BPMN_NS, "bpmndi": DI_NS, "dc": DC_NS, "di": DD_NS, "xsi": XSI_NS, "loom": LOOM_NS}

# Layout, in diagram units.
TOP = 160  # top of the state boxes
CENTER = TOP + 60  # the main line: start, initial state, route
ROUTE_X = 290
FIRST_STATE_X = 460
STATE_GAP = 100
STATE_WIDTH = 540
ROW = 110  # one button or timer per row inside a state box
ROWS_TOP = 50
TASK = (100, 80)
EVENT = 36
GATEWAY = 50
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(value: str) -> str:
    """A name fit for XML: control characters become spaces."""
    return _CONTROL.sub(" ", value)


def slugs(states: tuple[str, ...]) -> dict[str, str]:
    """A short, unique id part for each state (``In stock`` -> ``in_stock``)."""
    found: dict[str, str] = {}
    used: set[str] = set()
    for state in states:
        base = re.sub(r"[^a-z0-9]+", "_", state.lower()).strip("_")[:40] or "state"
        slug, number = base, 2
        while slug in used:
            slug, number = f"{base}_{number}", number + 1
        used.add(slug)
        found[state] = slug
    return found


def transition_elements(steps: Steps) -> dict[str, list[str]]:
    """The user task ids of each transition (one per state it is offered in)."""
    slug = slugs(steps.basis.states)
    return {t.id: [_task_id(t, s, slug) for s in t.from_] for t in steps.transitions}


def state_elements(steps: Steps) -> dict[str, str]:
    """The state each waiting element stands in: every button's user task and every timer's event."""
    slug = slugs(steps.basis.states)
    found = {_task_id(t, state, slug): state for t in steps.transitions for state in t.from_}
    found.update({f"timer_{timer.id}": timer.state for timer in steps.timers})
    return found


def _task_id(transition: Transition, state: str, slug: dict[str, str]) -> str:
    return f"t_{transition.id}" if len(transition.from_) == 1 else f"t_{transition.id}-{slug[state]}"


@dataclass
class _Diagram:
    process: Any
    shapes: list[tuple[str, float, float, float, float, bool]] = field(default_factory=list)
    edges: list[tuple[str, list[tuple[float, float]]]] = field(default_factory=list)
    flow_ids: set[str] = field(default_factory=set)

    def element(self, parent: Any, tag: str, element_id: str, label: str | None, **attributes: str) -> Any:
        node = etree.SubElement(parent, f"{{{BPMN_NS}}}{tag}", id=element_id)
        if label is not None:
            node.set("name", clean(label))
        for key, value in attributes.items():
            node.set(key, value)
        return node

    def shape(self, element_id: str, x: float, y: float, size: tuple[float, float], expanded: bool = False) -> None:
        self.shapes.append((element_id, x, y, size[0], size[1], expanded))

    def flow(
        self, parent: Any, source: Any, target: Any, points: list[tuple[float, float]], label: str | None = None
    ) -> Any:
        flow_id = f"f-{source.get('id')}-{target.get('id')}"
        if flow_id in self.flow_ids:
            raise ValueError(f"Two flows from {source.get('id')} to {target.get('id')}.")
        self.flow_ids.add(flow_id)
        flow = self.element(parent, "sequenceFlow", flow_id, label, sourceRef=source.get("id"))
        flow.set("targetRef", target.get("id"))
        _link(source, "outgoing", flow_id)
        _link(target, "incoming", flow_id)
        self.edges.append((flow_id, points))
        return flow


# What comes before an element's incoming and outgoing references, in the order BPMN's schema sets.
_BEFORE = {
    "incoming": ("documentation", "extensionElements", "incoming"),
    "outgoing": ("documentation", "extensionElements", "incoming", "outgoing"),
}


def _link(node: Any, kind: str, flow_id: str) -> None:
    """Names the flow in the node's ``incoming`` or ``outgoing`` list, where BPMN puts it: before
    the node's own content (its script, timer or inner elements). Drawing tools and bpmnlint read
    the connections from these lists, not from the flows' ends."""
    before = {f"{{{BPMN_NS}}}{tag}" for tag in _BEFORE[kind]}
    index = next((i for i in range(len(node) - 1, -1, -1) if node[i].tag in before), -1) + 1
    reference = etree.Element(f"{{{BPMN_NS}}}{kind}")
    reference.text = flow_id
    node.insert(index, reference)


def to_bpmn(steps: Steps, *, process_id: str, name: str, blueprint: str) -> str:
    """The BPMN 2.0 XML of ``steps``, bound to ``blueprint``, with its layout and the table inside."""
    root = etree.Element(f"{{{BPMN_NS}}}definitions", nsmap=NSMAP)
    root.set("id", f"{process_id}_definitions")
    root.set("targetNamespace", "http://loom.dev/steps")
    process = etree.SubElement(root, f"{{{BPMN_NS}}}process", id=process_id, isExecutable="true")
    process.set("name", clean(name))
    process.set(f"{{{LOOM_NS}}}blueprint", blueprint)
    extensions = etree.SubElement(process, f"{{{BPMN_NS}}}extensionElements")
    _cdata(extensions, "steps", to_json(steps))
    _cdata(extensions, "basis", basis_json(steps.basis))
    diagram = _Diagram(process)
    _main_line(diagram, steps)
    _picture(root, process_id, diagram)
    text: str = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode()
    return text


def _cdata(parent: Any, tag: str, data: dict[str, Any]) -> None:
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":")).replace("]]>", "]]\\u003e")
    etree.SubElement(parent, f"{{{LOOM_NS}}}{tag}").text = etree.CDATA(text)


def _main_line(diagram: _Diagram, steps: Steps) -> None:
    process = diagram.process
    label = steps.basis.field(steps.state)
    state_label = label.label if label is not None else steps.state
    start = diagram.element(process, "startEvent", "start", "Record created")
    diagram.shape("start", 40, CENTER - EVENT / 2, (EVENT, EVENT))
    previous, previous_right = start, 40.0 + EVENT
    if steps.initial is not None:
        init = diagram.element(process, "scriptTask", "init", "Set the initial state", scriptFormat="python")
        etree.SubElement(init, f"{{{BPMN_NS}}}script").text = scripts.initial_script(steps.state, steps.initial)
        diagram.shape("init", 120, CENTER - TASK[1] / 2, TASK)
        diagram.flow(process, start, init, [(previous_right, CENTER), (120, CENTER)])
        previous, previous_right = init, 120.0 + TASK[0]
    route = diagram.element(process, "exclusiveGateway", "route", f"Route by {state_label}")
    diagram.shape("route", ROUTE_X, CENTER - GATEWAY / 2, (GATEWAY, GATEWAY))
    diagram.flow(process, previous, route, [(previous_right, CENTER), (ROUTE_X, CENTER)])
    end = diagram.element(process, "endEvent", "end", "No way out")
    end_x = ROUTE_X + GATEWAY + 40
    diagram.shape("end", end_x, CENTER - EVENT / 2, (EVENT, EVENT))
    default = diagram.flow(process, route, end, [(ROUTE_X + GATEWAY, CENTER), (end_x, CENTER)])
    route.set("default", default.get("id"))
    slug = slugs(steps.basis.states)
    states = steps.ways_out()
    bottoms = [TOP + _height(steps, s) for s in states]
    lane = max(bottoms, default=TOP) + 50
    gate_x = ROUTE_X + GATEWAY / 2
    for index, state in enumerate(states):
        x = FIRST_STATE_X + index * (STATE_WIDTH + STATE_GAP)
        box = diagram.element(process, "subProcess", f"s_{slug[state]}", state)
        diagram.shape(box.get("id"), x, TOP, (STATE_WIDTH, _height(steps, state)), expanded=True)
        middle = x + STATE_WIDTH / 2
        above = TOP - 40 - 10 * (index % 3)
        into = [(gate_x, CENTER - GATEWAY / 2), (gate_x, above), (middle, above), (middle, TOP)]
        flow = diagram.flow(process, route, box, into, state)
        expression = etree.SubElement(flow, f"{{{BPMN_NS}}}conditionExpression")
        expression.set(f"{{{XSI_NS}}}type", "bpmn:tFormalExpression")
        expression.text = scripts.route_condition(steps.state, state)
        below = lane + 10 * (index % 3)
        back = [(middle, bottoms[index]), (middle, below), (gate_x, below), (gate_x, CENTER + GATEWAY / 2)]
        diagram.flow(process, box, route, back)
        _state(diagram, steps, box, state, x, slug)


def _ways(steps: Steps, state: str) -> list[Transition | Timer]:
    found: list[Transition | Timer] = [t for t in steps.transitions if state in t.from_]
    return found + [t for t in steps.timers if t.state == state]


def _height(steps: Steps, state: str) -> float:
    return ROWS_TOP + len(_ways(steps, state)) * ROW


def _state(diagram: _Diagram, steps: Steps, box: Any, state: str, x: float, slug: dict[str, str]) -> None:
    ways = _ways(steps, state)
    base = box.get("id")
    middle = TOP + ROWS_TOP + (len(ways) * ROW - (ROW - TASK[1])) / 2
    start = diagram.element(box, "startEvent", f"{base}-start", f"In {state}")
    diagram.shape(start.get("id"), x + 30, middle - EVENT / 2, (EVENT, EVENT))
    split = diagram.element(box, "parallelGateway", f"{base}-split", None)
    diagram.shape(split.get("id"), x + 100, middle - GATEWAY / 2, (GATEWAY, GATEWAY))
    diagram.flow(box, start, split, [(x + 30 + EVENT, middle), (x + 100, middle)])
    for row, way in enumerate(ways):
        y = TOP + ROWS_TOP + row * ROW
        center = y + TASK[1] / 2
        side = middle + (GATEWAY / 2 if center > middle else -GATEWAY / 2)
        fork = [(x + 100 + GATEWAY, middle)] if center == middle else [(x + 125, side), (x + 125, center)]
        if isinstance(way, Transition):
            first = _button(diagram, steps, box, way, state, slug)
            diagram.shape(first.get("id"), x + 190, y, TASK)
            diagram.flow(box, split, first, [*fork, (x + 190, center)])
            words, first_right = f"{way.label}: apply", x + 190 + TASK[0]
            code = scripts.transition_script(way, steps.state, steps.basis)
            done_id, end_id = f"{first.get('id')}-do", f"{first.get('id')}-end"
        else:
            first = diagram.element(box, "intermediateCatchEvent", f"timer_{way.id}", "After " + _after(way))
            definition = etree.SubElement(first, f"{{{BPMN_NS}}}timerEventDefinition")
            duration = etree.SubElement(definition, f"{{{BPMN_NS}}}timeDuration")
            duration.set(f"{{{XSI_NS}}}type", "bpmn:tFormalExpression")
            duration.text = json.dumps(way.after.iso())
            diagram.shape(first.get("id"), x + 190 + 32, center - EVENT / 2, (EVENT, EVENT))
            diagram.flow(box, split, first, [*fork, (x + 190 + 32, center)])
            words, first_right = f"After {_after(way)}: apply", x + 190 + 32 + EVENT
            code = scripts.timer_script(way, steps.state, steps.basis)
            done_id, end_id = f"timer_{way.id}-do", f"timer_{way.id}-end"
        done = diagram.element(box, "scriptTask", done_id, words, scriptFormat="python")
        etree.SubElement(done, f"{{{BPMN_NS}}}script").text = code
        diagram.shape(done_id, x + 330, y, TASK)
        diagram.flow(box, first, done, [(first_right, center), (x + 330, center)])
        end = diagram.element(box, "endEvent", end_id, f"Now {way.to}")
        etree.SubElement(end, f"{{{BPMN_NS}}}terminateEventDefinition")
        diagram.shape(end_id, x + 470, center - EVENT / 2, (EVENT, EVENT))
        diagram.flow(box, done, end, [(x + 330 + TASK[0], center), (x + 470, center)])


def _after(timer: Timer) -> str:
    return f"{scripts.duration_words(timer.after)} in {timer.state}"


def _button(diagram: _Diagram, steps: Steps, box: Any, transition: Transition, state: str, slug: dict[str, str]) -> Any:
    task = diagram.element(box, "userTask", _task_id(transition, state, slug), transition.label)
    extensions = etree.SubElement(task, f"{{{BPMN_NS}}}extensionElements")
    mark = etree.SubElement(extensions, f"{{{LOOM_NS}}}transition", label=clean(transition.label))
    who = transition.who
    if who.kind == "role" and who.role:
        mark.set("role", who.role)
    elif who.kind == "member" and who.email:
        mark.set("member", who.email)
    elif who.kind == "field" and who.field:
        mark.set("field", who.field)
    else:
        mark.set("role", "editor")
    for key in transition.form:
        etree.SubElement(extensions, f"{{{LOOM_NS}}}field", key=key)
    return task


def _picture(root: Any, process_id: str, diagram: _Diagram) -> None:
    picture = etree.SubElement(root, f"{{{DI_NS}}}BPMNDiagram", id=f"{process_id}_diagram")
    plane = etree.SubElement(picture, f"{{{DI_NS}}}BPMNPlane", id=f"{process_id}_plane", bpmnElement=process_id)
    for element_id, x, y, width, height, expanded in diagram.shapes:
        shape = etree.SubElement(plane, f"{{{DI_NS}}}BPMNShape", id=f"{element_id}_di", bpmnElement=element_id)
        if expanded:
            shape.set("isExpanded", "true")
        etree.SubElement(shape, f"{{{DC_NS}}}Bounds", x=_n(x), y=_n(y), width=_n(width), height=_n(height))
    for flow_id, points in diagram.edges:
        edge = etree.SubElement(plane, f"{{{DI_NS}}}BPMNEdge", id=f"{flow_id}_di", bpmnElement=flow_id)
        for px, py in points:
            etree.SubElement(edge, f"{{{DD_NS}}}waypoint", x=_n(px), y=_n(py))


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
