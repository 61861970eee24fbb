"""Ready-made flows (bpmn/templates) offered when creating a flow, and the empty starting diagram."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from engine.flows.parser import LOOM_NS, NAMESPACES, read_xml

TEMPLATE_DIR = Path(__file__).resolve().parents[3] / "bpmn" / "templates"


@dataclass(frozen=True)
class Template:
    key: str
    name: str
    description: str

    @property
    def xml(self) -> str:
        return (TEMPLATE_DIR / f"{self.key}.bpmn").read_text(encoding="utf-8")


TEMPLATES = (
    Template(
        "delivery",
        "Delivery",
        "Two steps: 'Delivery started' sets the status to IN_PROGRESS and started_at to now; "
        "'Delivered' sets it to DELIVERED and delivered_at to now.",
    ),
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
