"""Ready-made flows offered when creating a flow, and the empty starting diagram.

A template is either a steps table (Delivery: it opens in the steps editor; its diagram is
generated from the table for the chosen blueprint, which must have the columns the table uses)
or a drawn diagram in bpmn/templates (Stock).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from engine.flows.parser import LOOM_NS, NAMESPACES, read_xml
from engine.flows.steps import parse, to_bpmn
from engine.schema import Schema
from engine.schema.columns import TYPE_LABELS, Column

TEMPLATE_DIR = Path(__file__).resolve().parents[3] / "bpmn" / "templates"


@dataclass(frozen=True)
class Template:
    key: str
    name: str
    description: str
    steps: dict[str, Any] | None = None  # the table it is made from; None: the drawn bpmn/templates/<key>.bpmn
    columns: list[dict[str, Any]] = field(default_factory=list)  # the columns the table uses

    @property
    def xml(self) -> str:
        """The diagram, for a blueprint ``<key>`` with just the columns the template uses."""
        if self.steps is None:
            return (TEMPLATE_DIR / f"{self.key}.bpmn").read_text(encoding="utf-8")
        steps = parse(self.steps, Schema.parse(self.columns).columns)
        return to_bpmn(steps, process_id=f"{self.key}_flow", name=self.name, blueprint=self.key)

    def missing(self, blueprint_name: str, columns: tuple[Column, ...]) -> list[str]:
        """What the blueprint lacks for this template, one plain sentence per column."""
        have = {c.key: c for c in columns}
        reasons = []
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


def _listed(words: list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _stamp(transition: str, label: str, source: str, target: str, field_key: str) -> dict[str, Any]:
    return {
        "id": transition,
        "label": label,
        "from": [source],
        "to": target,
        "who": {"kind": "role", "role": "editor"},
        "form": [],
        "updates": [{"field": field_key, "value": {"kind": "now"}}],
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
            _stamp("delivery_started", "Delivery started", "PENDING", "IN_PROGRESS", "started_at"),
            _stamp("delivered", "Delivered", "IN_PROGRESS", "DELIVERED", "delivered_at"),
        ],
        "timers": [],
    },
    columns=[
        {"key": "status", "label": "Status", "type": "choice", "options": ["PENDING", "IN_PROGRESS", "DELIVERED"]},
        {"key": "started_at", "label": "Started at", "type": "datetime"},
        {"key": "delivered_at", "label": "Delivered at", "type": "datetime"},
    ],
)

TEMPLATES = (
    DELIVERY,
    Template(
        "stock",
        "Stock",
        "Put an item away (within a day), stamp the time, then pick from it until nothing is left.",
    ),
)

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
