"""A diagram with several pools: refused as one flow, split into one diagram per pool at import,
with each message flow between pools turned into a message both ends name."""

from __future__ import annotations

import pytest
from lxml import etree

from engine.flows.errors import FlowError
from engine.flows.parser import check, read_xml
from engine.flows.pools import pools, split

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
NS = {"bpmn": BPMN, "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI"}

# As Camunda Modeler writes a collaboration: two pools, a message flow from one to the other
# with no message named at either end, a third pool drawn closed (a partner outside), shapes.
TWO_POOLS = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
    id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.16.0">
  <bpmn:collaboration id="Collaboration_1">
    <bpmn:participant id="Participant_order" name="Orders" processRef="order" />
    <bpmn:participant id="Participant_delivery" name="Deliveries" processRef="delivery" />
    <bpmn:participant id="Participant_bank" name="Bank" />
    <bpmn:messageFlow id="paid_flow" name="Payment received" sourceRef="order_paid" targetRef="wait_payment" />
    <bpmn:messageFlow id="bank_flow" sourceRef="Participant_bank" targetRef="pay" />
  </bpmn:collaboration>
  <bpmn:process id="order" isExecutable="false">
    <bpmn:startEvent id="order_start"><bpmn:outgoing>o1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="pay" name="Pay">
      <bpmn:incoming>o1</bpmn:incoming><bpmn:outgoing>o2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="order_paid" name="Paid"><bpmn:incoming>o2</bpmn:incoming>
      <bpmn:messageEventDefinition id="med_paid" /></bpmn:endEvent>
    <bpmn:sequenceFlow id="o1" sourceRef="order_start" targetRef="pay" />
    <bpmn:sequenceFlow id="o2" sourceRef="pay" targetRef="order_paid" />
  </bpmn:process>
  <bpmn:process id="delivery" isExecutable="false">
    <bpmn:startEvent id="delivery_start"><bpmn:outgoing>d1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="wait_payment" name="Payment received"><bpmn:incoming>d1</bpmn:incoming>
      <bpmn:outgoing>d2</bpmn:outgoing><bpmn:messageEventDefinition id="med_wait" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="delivery_end"><bpmn:incoming>d2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="d1" sourceRef="delivery_start" targetRef="wait_payment" />
    <bpmn:sequenceFlow id="d2" sourceRef="wait_payment" targetRef="delivery_end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Collaboration_1">
      <bpmndi:BPMNShape id="Participant_order_di" bpmnElement="Participant_order">
        <dc:Bounds x="0" y="0" width="600" height="200" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="pay_di" bpmnElement="pay">
        <dc:Bounds x="100" y="50" width="100" height="80" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Participant_delivery_di" bpmnElement="Participant_delivery">
        <dc:Bounds x="0" y="300" width="600" height="200" /></bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="wait_payment_di" bpmnElement="wait_payment">
        <dc:Bounds x="100" y="350" width="36" height="36" /></bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="paid_flow_di" bpmnElement="paid_flow" />
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>"""


def test_the_pools_that_run_are_listed_by_their_names():
    found = pools(read_xml(TWO_POOLS))
    assert [(p.process_id, p.name) for p in found] == [("order", "Orders"), ("delivery", "Deliveries")]


def test_a_diagram_with_two_pools_is_refused_as_one_flow_naming_the_other_pool():
    _flow, found = check(TWO_POOLS)
    refusal = next(f for f in found if f.code == "flow.pools.several")
    assert refusal.element == "delivery"
    assert refusal.params == {"count": 2, "names": "Orders, Deliveries"}
    assert "Import the file" in refusal.message


def test_each_pool_becomes_a_diagram_of_its_own_with_its_shapes_only():
    parts, warnings = split(read_xml(TWO_POOLS))
    assert set(parts) == {"order", "delivery"}
    order = etree.fromstring(parts["order"].encode())
    assert [p.get("id") for p in order.findall("bpmn:process", NS)] == ["order"]
    assert [p.get("id") for p in order.iterfind(".//bpmn:participant", NS)] == ["Participant_order"]
    shapes = {s.get("bpmnElement") for s in order.iterfind(".//bpmndi:BPMNShape", NS)}
    assert shapes == {"Participant_order", "pay"}
    assert not order.findall(".//bpmn:messageFlow", NS)
    assert not order.findall(".//bpmndi:BPMNEdge", NS)
    # A flow from a closed pool (a partner outside Loom) into a user task is simply dropped.
    assert warnings == []


def test_a_message_flow_between_pools_becomes_one_message_both_ends_name():
    parts, _ = split(read_xml(TWO_POOLS))
    sent = etree.fromstring(parts["order"].encode()).find(".//bpmn:endEvent/bpmn:messageEventDefinition", NS)
    caught = etree.fromstring(parts["delivery"].encode()).find(
        ".//bpmn:intermediateCatchEvent/bpmn:messageEventDefinition", NS
    )
    assert sent.get("messageRef") == caught.get("messageRef") == "Message_paid_flow"
    for part in parts.values():
        message = etree.fromstring(part.encode()).find("bpmn:message", NS)
        assert (message.get("id"), message.get("name")) == ("Message_paid_flow", "Payment received")


def test_each_split_diagram_is_one_flow():
    parts, _ = split(read_xml(TWO_POOLS))
    for process_id, xml in parts.items():
        flow, found = check(xml)
        assert flow.process_id == process_id
        assert not [f for f in found if f.code == "flow.pools.several"]


def test_a_message_flow_between_ends_that_cannot_send_is_reported():
    xml = TWO_POOLS.replace('sourceRef="order_paid"', 'sourceRef="pay"')
    _, warnings = split(read_xml(xml))
    assert [(w.code, w.element) for w in warnings] == [("flow.pools.message_flow_ends", "paid_flow")]


def test_a_pool_that_is_only_called_is_not_a_pool_of_its_own():
    xml = TWO_POOLS.replace(
        '<bpmn:userTask id="pay" name="Pay">', '<bpmn:callActivity id="pay" name="Pay" calledElement="delivery">'
    ).replace("</bpmn:userTask>", "</bpmn:callActivity>")
    assert [p.process_id for p in pools(read_xml(xml))] == ["order"]
    _flow, found = check(xml)
    assert not [f for f in found if f.code == "flow.pools.several"]


def test_more_pools_than_an_import_may_make_are_refused_before_anything_is_copied():
    many = "".join(f'<bpmn:process id="p{i}"><bpmn:startEvent id="s{i}"/></bpmn:process>' for i in range(5))
    xml = f'<bpmn:definitions xmlns:bpmn="{BPMN}" id="d" targetNamespace="t">{many}</bpmn:definitions>'
    with pytest.raises(FlowError) as refused:
        split(read_xml(xml), max_pools=3)
    assert (refused.value.code, refused.value.element, refused.value.params) == (
        "flow.pools.too_many",
        "p3",
        {"count": 5, "limit": 3},
    )
    assert len(split(read_xml(xml), max_pools=5)[0]) == 5
