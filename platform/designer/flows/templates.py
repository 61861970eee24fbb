"""Ready-made flows offered when creating a flow, and the empty starting diagram.

Both templates are steps tables: they open in the steps editor, and their diagram is generated
from the table for the chosen blueprint. Delivery uses the columns it names and is refused, naming
each, on a blueprint that lacks them. Stock moves records through a state field with In stock,
Reserved and Out: it uses the blueprint's choice field with those options, or adds one ("Stock
state") when the blueprint has none (see ``operations._template_xml``); it stamps the times into
the date and time fields it knows by key, only where the blueprint has them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from engine.flows.parser import LOOM_NS, NAMESPACES, read_xml
from engine.flows.steps import Steps, parse, to_bpmn
from engine.schema import Schema
from engine.schema.columns import TYPE_LABELS, Column, ColumnType


@dataclass(frozen=True)
class Template:
    key: str
    name: str
    description: str
    steps: dict[str, Any]  # the table it is made from, on the state column ``steps["state"]``
    columns: list[dict[str, Any]] = field(default_factory=list)  # the columns the table needs
    needs: str = ""  # what the blueprint needs, in plain words
    adds: str | None = None  # what the template adds to a blueprint that lacks it, in plain words
    # The state column added when the blueprint has no choice field with the table's states (Stock).
    state_column: dict[str, Any] | None = None
    # Transition id -> date and time fields it sets to now when the blueprint has one (the first found).
    stamps: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def states(self) -> list[str]:
        if self.state_column is None:
            return []
        return [o if isinstance(o, str) else o["value"] for o in self.state_column["options"]]

    @property
    def xml(self) -> str:
        """The diagram, for a blueprint ``<key>`` with just the columns the template uses."""
        columns = Schema.parse(self.columns + ([self.state_column] if self.state_column else [])).columns
        steps = parse(self.table(columns), columns)
        return to_bpmn(steps, process_id=f"{self.key}_flow", name=self.name, blueprint=self.key)

    def state_for(self, columns: tuple[Column, ...]) -> Column | None:
        """The blueprint's choice field that holds the template's states (its own key first), else None."""
        if self.state_column is None:
            return None
        fits = [c for c in columns if c.type == ColumnType.CHOICE and set(self.states) <= set(c.option_values())]
        return next((c for c in fits if c.key == self.state_column["key"]), fits[0] if fits else None)

    def table(self, columns: tuple[Column, ...]) -> dict[str, Any]:
        """The steps table for a blueprint with ``columns``: on its state field, with the stamps it can take."""
        state = self.state_for(columns)
        have = {c.key for c in columns if c.type == ColumnType.DATETIME}
        transitions = []
        for transition in self.steps["transitions"]:
            stamp = next((key for key in self.stamps.get(transition["id"], ()) if key in have), None)
            if stamp is not None:
                transition = dict(transition, updates=[{"field": stamp, "value": {"kind": "now"}}])
            transitions.append(transition)
        return dict(self.steps, state=state.key if state else self.steps["state"], transitions=transitions)

    def missing(self, blueprint_name: str, columns: tuple[Column, ...]) -> list[str]:
        """What the blueprint lacks for this template (and cannot be added), one plain sentence each."""
        have = {c.key: c for c in columns}
        reasons = []
        if self.state_column is not None and self.state_for(columns) is None:
            taken = have.get(self.state_column["key"])
            if taken is not None:
                reasons.append(
                    f"The {self.name} template adds a choice field {self.state_column['key']} with "
                    f"{_listed(self.states)}; {blueprint_name} already has a field {taken.key} "
                    f"({TYPE_LABELS[taken.type].lower()}{self._lacking(taken)}). Add those options to it, "
                    "or rename it."
                )
        for needed in Schema.parse(self.columns).columns:
            found = have.get(needed.key)
            options = [o.value for o in needed.options]
            what = f"a {TYPE_LABELS[needed.type].lower()} field {needed.key}"
            if options:
                what += f" with {_listed(options)}"
            if found is None or found.type != needed.type:
                reasons.append(f"The {self.name} template needs {what}; {blueprint_name} has none.")
                continue
            lacking = [o for o in options if o not in {o.value for o in found.options}]
            if lacking:
                reasons.append(
                    f"The {self.name} template needs {what}; {blueprint_name}'s {needed.key} lacks {_listed(lacking)}."
                )
        return reasons

    def _lacking(self, column: Column) -> str:
        lacking = [s for s in self.states if s not in column.option_values()]
        return f" without {_listed(lacking)}" if column.type == ColumnType.CHOICE and lacking else ""


def _listed(words: list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _button(transition: str, label: str, sources: list[str], target: str, stamp: str | None = None) -> dict[str, Any]:
    return {
        "id": transition,
        "label": label,
        "from": sources,
        "to": target,
        "who": {"kind": "role", "role": "editor"},
        "form": [],
        "updates": [{"field": stamp, "value": {"kind": "now"}}] if stamp else [],
        "condition": None,
    }


DELIVERY = Template(
    "delivery",
    "Delivery",
    "Two steps: 'Delivery started' sets the status to IN_PROGRESS and started_at to now; "
    "'Delivered' sets it to DELIVERED and delivered_at to now.",
    steps={
        "version": 1,
        "state": "status",
        "initial": None,
        "transitions": [
            _button("delivery_started", "Delivery started", ["PENDING"], "IN_PROGRESS", "started_at"),
            _button("delivered", "Delivered", ["IN_PROGRESS"], "DELIVERED", "delivered_at"),
        ],
        "timers": [],
    },
    columns=[
        {"key": "status", "label": "Status", "type": "choice", "options": ["PENDING", "IN_PROGRESS", "DELIVERED"]},
        {"key": "started_at", "label": "Started at", "type": "datetime"},
        {"key": "delivered_at", "label": "Delivered at", "type": "datetime"},
    ],
    needs="A choice field status with PENDING, IN_PROGRESS and DELIVERED, and date and time fields "
    "started_at and delivered_at.",
)

IN_STOCK, RESERVED, OUT = "In stock", "Reserved", "Out"

STOCK = Template(
    "stock",
    "Stock",
    "Four buttons over In stock, Reserved and Out: Reserve, Release, Mark out and Restock.",
    steps={
        "version": 1,
        "state": "stock_state",
        "initial": IN_STOCK,
        "transitions": [
            _button("reserve", "Reserve", [IN_STOCK], RESERVED),
            _button("release", "Release", [RESERVED], IN_STOCK),
            _button("mark_out", "Mark out", [IN_STOCK, RESERVED], OUT),
            _button("restock", "Restock", [OUT], IN_STOCK),
        ],
        "timers": [],
    },
    needs="Nothing: it uses a choice field with In stock, Reserved and Out when the blueprint has one.",
    adds="When the blueprint has no such field, it adds one, Stock state, and publishes the blueprint.",
    state_column={
        "key": "stock_state",
        "label": "Stock state",
        "type": "choice",
        "default": IN_STOCK,
        "options": [
            {"value": IN_STOCK, "label": IN_STOCK, "color": "green"},
            {"value": RESERVED, "label": RESERVED, "color": "yellow"},
            {"value": OUT, "label": OUT, "color": "red"},
        ],
    },
    stamps={"reserve": ("reserved_at",), "mark_out": ("out_at", "sold_at"), "restock": ("restocked_at",)},
)

TEMPLATES = (DELIVERY, STOCK)

EMPTY = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
    xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:loom="http://loom.dev/schema/bpmn/1.0"
    id="definitions" targetNamespace="http://loom.dev/flows">
  <bpmn:process id="flow" isExecutable="true">
    <bpmn:startEvent id="start" name="Created"><bpmn:outgoing>to_end</bpmn:outgoing></bpmn:startEvent>
    <bpmn:endEvent id="end" name="Done"><bpmn:incoming>to_end</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="to_end" sourceRef="start" targetRef="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram">
    <bpmndi:BPMNPlane id="plane" bpmnElement="flow">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="152" y="102" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="352" y="102" width="36" height="36" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="to_end_di" bpmnElement="to_end">
        <di:waypoint x="188" y="120" /><di:waypoint x="352" y="120" />
      </bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
"""


def template(key: str) -> Template | None:
    return next((t for t in TEMPLATES if t.key == key), None)


def template_of(steps: Steps) -> Template | None:
    """The template ``steps`` was started from, as far as can be told: every one of its buttons (by
    id) is still there."""
    ids = {transition.id for transition in steps.transitions}
    return next((t for t in TEMPLATES if {row["id"] for row in t.steps["transitions"]} <= ids), None)


def bind_blueprint(xml: str, blueprint_key: str) -> str:
    """``xml`` with its first process bound to the blueprint (``loom:blueprint``)."""
    document = read_xml(xml)
    process = document.find(f"{{{NAMESPACES['bpmn']}}}process")
    if process is None:
        return xml
    process.set(f"{{{LOOM_NS}}}blueprint", blueprint_key)
    etree.cleanup_namespaces(document, top_nsmap={"loom": LOOM_NS})
    text: str = etree.tostring(document, xml_declaration=True, encoding="UTF-8").decode()
    return text
