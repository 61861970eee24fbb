"""Connector steps wait for the runtime: their request is rendered from the record when they are
reached, an answer's values go into fields, and a failure takes the error boundary or names the step."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from engine.flows import connectors, run
from engine.flows.errors import FlowError
from engine.flows.parser import check, parse
from engine.schema import Schema

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

HTTP = """
<loom:http method="POST" url="https://carrier.example/orders/{order_no}">
  <loom:header name="X-Shop" value="shop {shop}"/>
  <loom:body>{"note": "{note}"}</loom:body>
  <loom:response field="tracking_no" path="shipment.ids.0"/>
</loom:http>"""
BOUNDARY = """
<bpmn:boundaryEvent id="call_failed" attachedToRef="call">
  <bpmn:outgoing>to_manual</bpmn:outgoing>
  <bpmn:errorEventDefinition id="call_failed_def"/>
</bpmn:boundaryEvent>
<bpmn:userTask id="by_hand" name="Book by hand"><bpmn:incoming>to_manual</bpmn:incoming>
  <bpmn:outgoing>to_end_manual</bpmn:outgoing></bpmn:userTask>
<bpmn:endEvent id="end_manual"><bpmn:incoming>to_end_manual</bpmn:incoming></bpmn:endEvent>
<bpmn:sequenceFlow id="to_manual" sourceRef="call_failed" targetRef="by_hand"/>
<bpmn:sequenceFlow id="to_end_manual" sourceRef="by_hand" targetRef="end_manual"/>"""


def diagram(connector: str = HTTP, boundary: str = "") -> str:
    extensions = f"<bpmn:extensionElements>{connector}</bpmn:extensionElements>" if connector else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:loom="http://loom.dev/schema/bpmn/1.0" id="defs" targetNamespace="http://loom.dev/test">
  <bpmn:process id="shipping" isExecutable="true" loom:blueprint="order">
    <bpmn:startEvent id="start"><bpmn:outgoing>to_call</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="call" name="Book the carrier">{extensions}
      <bpmn:incoming>to_call</bpmn:incoming><bpmn:outgoing>to_check</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:userTask id="check" name="Check"><bpmn:incoming>to_check</bpmn:incoming>
      <bpmn:outgoing>to_end</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>to_end</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="to_call" sourceRef="start" targetRef="call"/>
    <bpmn:sequenceFlow id="to_check" sourceRef="call" targetRef="check"/>
    <bpmn:sequenceFlow id="to_end" sourceRef="check" targetRef="end"/>{boundary}
  </bpmn:process>
</bpmn:definitions>"""


SCHEMA = Schema.parse(
    [
        {"key": "order_no", "label": "Order", "type": "text"},
        {"key": "shop", "label": "Shop", "type": "text"},
        {"key": "note", "label": "Note", "type": "text"},
        {"key": "tracking_no", "label": "Tracking", "type": "text"},
        {"key": "email", "label": "Email", "type": "text"},
    ]
)
RECORD = {"order_no": "A/7", "shop": "North", "note": 'say "hi"', "tracking_no": None, "email": "ann@example.com"}


def started(sandbox, xml: str):
    record = dict(RECORD)
    workflow = run.start(parse(xml), dict(record), sandbox=sandbox, now=T0, zone="UTC", record=record)
    return run.restore(run.serialize(workflow)), record


def test_a_connector_step_waits_with_its_request_rendered_from_the_record(sandbox):
    workflow, _record = started(sandbox, diagram())
    assert run.waiting(workflow) == []
    [request] = connectors.requests(workflow)
    assert (request.element, request.kind) == ("call", "http")
    assert request.params == {
        "method": "POST",
        "url": "https://carrier.example/orders/A%2F7",
        "headers": {"X-Shop": "shop North"},
        "body": '{"note": "say \\"hi\\""}',
        "responses": {"tracking_no": "shipment.ids.0"},
    }


def test_done_maps_the_answer_into_fields_and_runs_on(sandbox):
    workflow, record = started(sandbox, diagram())
    [request] = connectors.requests(workflow)
    answer = {"shipment": {"ids": ["TRK-1", "TRK-2"]}}
    connectors.done(workflow, request.task_id, answer, sandbox=sandbox, now=T0, zone="UTC", record=record)
    assert record["tracking_no"] == "TRK-1"
    assert [t.task_spec.bpmn_id for t in run.waiting(workflow)] == ["check"]
    assert connectors.requests(workflow) == []
    with pytest.raises(FlowError, match="no longer waiting"):
        connectors.done(workflow, request.task_id, answer, sandbox=sandbox, now=T0, zone="UTC", record=record)


def test_an_answer_without_the_mapped_value_names_the_step_and_its_path(sandbox):
    workflow, record = started(sandbox, diagram())
    [request] = connectors.requests(workflow)
    with pytest.raises(FlowError) as caught:
        connectors.done(workflow, request.task_id, {"shipment": {}}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    assert caught.value.element == "call" and caught.value.code == "flow.connector.answer"
    assert "shipment.ids.0" in caught.value.message


def test_a_failure_takes_the_error_boundary(sandbox):
    workflow, record = started(sandbox, diagram(boundary=BOUNDARY))
    [request] = connectors.requests(workflow)
    connectors.failed(
        workflow, request.task_id, "The receiver answered 503.", sandbox=sandbox, now=T0, zone="UTC", record=record
    )
    assert [t.task_spec.bpmn_id for t in run.waiting(workflow)] == ["by_hand"]
    assert connectors.requests(workflow) == []
    restored = run.restore(run.serialize(workflow))
    assert [t.task_spec.bpmn_id for t in run.waiting(restored)] == ["by_hand"]


def test_a_failure_without_a_boundary_fails_the_step_naming_it(sandbox):
    workflow, record = started(sandbox, diagram())
    [request] = connectors.requests(workflow)
    with pytest.raises(FlowError) as caught:
        connectors.failed(
            workflow, request.task_id, "The receiver answered 503.", sandbox=sandbox, now=T0, zone="UTC", record=record
        )
    assert caught.value.element == "call" and caught.value.code == "flow.connector.failed"
    assert "Book the carrier" in caught.value.message and "503" in caught.value.message


def test_an_email_step_renders_its_address_subject_and_text(sandbox):
    email = '<loom:email to="{email}" subject="Order {order_no}">Dear customer of {shop}, sent.</loom:email>'
    workflow, _record = started(sandbox, diagram(email))
    [request] = connectors.requests(workflow)
    assert request.kind == "email"
    assert request.params == {"to": "ann@example.com", "subject": "Order A/7", "body": "Dear customer of North, sent."}


def test_a_service_task_without_a_connector_is_refused_in_loom_s_words():
    _flow, found = check(diagram(connector=""))
    [error] = [e for e in found if e.element == "call"]
    assert error.code == "flow.connector.missing"
    assert "Send an HTTP request" in error.message and "operator" not in error.message


@pytest.mark.parametrize(
    ("connector", "code"),
    [
        ('<loom:http method="POST" url="ftp://x.example/"/>', "flow.connector.url"),
        ('<loom:http method="POST" url="https://{shop}.example/"/>', "flow.connector.url"),
        ('<loom:http method="BREW" url="https://x.example/"/>', "flow.connector.method"),
        ('<loom:http url="https://x.example/{nope}"/>', "flow.connector.field"),
        (
            '<loom:http url="https://x.example/"><loom:response field="nope" path="id"/></loom:http>',
            "flow.connector.field",
        ),
        (
            '<loom:http url="https://x.example/"><loom:header name="Host" value="x"/></loom:http>',
            "flow.connector.header",
        ),
        ('<loom:email to="" subject="x">y</loom:email>', "flow.connector.recipient"),
        ('<loom:http url="https://x.example/a b"/>', "flow.connector.url"),
    ],
)
def test_publish_checks_name_what_a_connector_gets_wrong(connector, code):
    flow, found = check(diagram(connector))
    assert found == []
    [error] = connectors.problems(flow, SCHEMA, "Order")
    assert error.code == code and error.element == "call"


@pytest.mark.parametrize(
    "header",
    [
        "Content-Length",
        "transfer-encoding",
        "Connection",
        "Upgrade",
        "TE",
        "Trailer",
        "Keep-Alive",
        "Proxy-Authorization",
    ],
)
def test_headers_that_frame_the_request_or_steer_the_connection_are_refused_naming_the_step(header):
    flow, _found = check(
        diagram(f'<loom:http url="https://x.example/"><loom:header name="{header}" value="1"/></loom:http>')
    )
    [error] = connectors.problems(flow, SCHEMA, "Order")
    assert (error.code, error.element, error.params["header"]) == ("flow.connector.header", "call", header)
    assert "Content-Length" in error.message


def test_a_sound_connector_passes_the_publish_check():
    flow, _found = check(diagram())
    assert connectors.problems(flow, SCHEMA, "Order") == []


SUBPROCESS = f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:loom="http://loom.dev/schema/bpmn/1.0" id="defs" targetNamespace="http://loom.dev/test">
  <bpmn:process id="shipping" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>to_booking</bpmn:outgoing></bpmn:startEvent>
    <bpmn:subProcess id="booking" name="Booking">
      <bpmn:incoming>to_booking</bpmn:incoming><bpmn:outgoing>to_check</bpmn:outgoing>
      <bpmn:startEvent id="inner_start"><bpmn:outgoing>to_call</bpmn:outgoing></bpmn:startEvent>
      <bpmn:serviceTask id="call" name="Book the carrier">
        <bpmn:extensionElements>{HTTP}</bpmn:extensionElements>
        <bpmn:incoming>to_call</bpmn:incoming><bpmn:outgoing>to_inner_end</bpmn:outgoing>
      </bpmn:serviceTask>
      <bpmn:endEvent id="inner_end"><bpmn:incoming>to_inner_end</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="to_call" sourceRef="inner_start" targetRef="call"/>
      <bpmn:sequenceFlow id="to_inner_end" sourceRef="call" targetRef="inner_end"/>
    </bpmn:subProcess>
    <bpmn:boundaryEvent id="booking_failed" attachedToRef="booking">
      <bpmn:outgoing>to_by_hand</bpmn:outgoing>
      <bpmn:errorEventDefinition id="booking_failed_def" errorRef="connector_error"/>
    </bpmn:boundaryEvent>
    <bpmn:userTask id="check" name="Check"><bpmn:incoming>to_check</bpmn:incoming></bpmn:userTask>
    <bpmn:userTask id="by_hand" name="Book by hand"><bpmn:incoming>to_by_hand</bpmn:incoming></bpmn:userTask>
    <bpmn:sequenceFlow id="to_booking" sourceRef="start" targetRef="booking"/>
    <bpmn:sequenceFlow id="to_check" sourceRef="booking" targetRef="check"/>
    <bpmn:sequenceFlow id="to_by_hand" sourceRef="booking_failed" targetRef="by_hand"/>
  </bpmn:process>
  <bpmn:error id="connector_error" name="Connector failed" errorCode="connector_failed"/>
</bpmn:definitions>"""


def test_an_error_boundary_on_a_sub_process_around_the_step_catches_its_failure_by_code(sandbox):
    workflow, record = started(sandbox, SUBPROCESS)
    [request] = connectors.requests(workflow)
    connectors.failed(workflow, request.task_id, "No answer.", sandbox=sandbox, now=T0, zone="UTC", record=record)
    assert [t.task_spec.bpmn_id for t in run.waiting(workflow)] == ["by_hand"]
    assert connectors.requests(workflow) == []


def test_an_error_boundary_waiting_for_another_error_code_lets_the_failure_through(sandbox):
    workflow, record = started(sandbox, SUBPROCESS.replace('errorCode="connector_failed"', 'errorCode="other"'))
    [request] = connectors.requests(workflow)
    with pytest.raises(FlowError) as caught:
        connectors.failed(workflow, request.task_id, "No answer.", sandbox=sandbox, now=T0, zone="UTC", record=record)
    assert caught.value.element == "call"
