"""The messages API: a message or signal sent with a person's token or an API key (202 with what
became of it), 409 naming the records when several wait for one message, 422 naming the field
for what cannot travel, and the list of kept messages for owners and admins."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from core import db
from runtime.messages.models import FlowMessage
from tests.factories import create_blueprint, create_entity, create_flow, create_tenant, signed_in_user
from tests.support.apikeys import create_api_key, key_headers
from tests.support.message_diagrams import started_by_order

SLUG = "x-messages"
API = f"/api/tenants/{SLUG}"
ORDER_COLUMNS = [
    {"key": "order_id", "label": "Order", "type": "text"},
    {"key": "amount", "label": "Amount", "type": "decimal"},
]
# A record waits for "payment received" where the message's order_id is its own.
WAITS_FOR_PAYMENT = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:loom="http://loom.dev/schema/bpmn/1.0"
                  id="payment_definitions" targetNamespace="http://loom.dev/tests">
  <bpmn:message id="payment" name="payment received" />
  <bpmn:process id="payment_flow" name="Payment" isExecutable="true" loom:blueprint="order">
    <bpmn:startEvent id="created"><bpmn:outgoing>to_wait</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="paid" name="Payment received">
      <bpmn:extensionElements><loom:correlation field="order_id" /></bpmn:extensionElements>
      <bpmn:incoming>to_wait</bpmn:incoming>
      <bpmn:outgoing>to_end</bpmn:outgoing>
      <bpmn:messageEventDefinition messageRef="payment" />
    </bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="done"><bpmn:incoming>to_end</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="to_wait" sourceRef="created" targetRef="paid" />
    <bpmn:sequenceFlow id="to_end" sourceRef="paid" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>
"""


@pytest.fixture()
def owner(client):
    _, headers = signed_in_user(client, "messages")
    create_tenant(client, headers, SLUG)
    create_blueprint(client, headers, SLUG, name="Order", columns=ORDER_COLUMNS)
    create_flow(client, headers, SLUG, "order", name="Payment", xml=WAITS_FOR_PAYMENT)
    return headers


def count() -> int:
    return int(
        db.session.scalar(select(func.count()).select_from(FlowMessage).execution_options(all_tenants=True)) or 0
    )


def test_a_message_nobody_waits_for_is_kept_and_listed(client, owner):
    answer = client.post(
        f"{API}/messages", json={"name": "payment received", "correlation": {"order_id": "A-1"}}, headers=owner
    )
    assert answer.status_code == 202, answer.get_json()
    sent = answer.get_json()
    assert sent["status"] == "unmatched" and sent["matched"] == []
    listed = client.get(f"{API}/messages", query_string={"status": "unmatched"}, headers=owner).get_json()
    [item] = listed["items"]
    assert item["id"] == sent["id"] and item["name"] == "payment received" and item["source"] == "api"
    assert item["correlation"] == {"order_id": "A-1"}


def test_the_record_waiting_with_these_values_is_matched(client, owner):
    waiting = create_entity(client, owner, SLUG, "order", order_id="A-2")
    create_entity(client, owner, SLUG, "order", order_id="B-9")
    body = {"name": "payment received", "correlation": {"order_id": "A-2"}, "values": {"amount": 12.5}}
    answer = client.post(f"{API}/messages", json=body, headers=owner)
    assert answer.status_code == 202, answer.get_json()
    assert answer.get_json()["status"] == "pending" and answer.get_json()["matched"] == [waiting["id"]]


def test_an_api_key_may_send_with_an_idempotency_key(client, owner):
    key = key_headers(create_api_key(client, owner, SLUG, role="editor"))
    body = {"name": "payment received", "correlation": {"order_id": "K-1"}}
    headers = {**key, "Idempotency-Key": "pay-K-1"}
    first = client.post(f"{API}/messages", json=body, headers=headers)
    assert first.status_code == 202, first.get_json()
    again = client.post(f"{API}/messages", json=body, headers=headers)
    assert again.status_code == 202 and again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first.get_json() and count() == 1
    viewer = key_headers(create_api_key(client, owner, SLUG, name="Viewer", role="viewer"))
    assert client.post(f"{API}/messages", json=body, headers=viewer).status_code == 403
    assert client.get(f"{API}/messages", headers=key).status_code == 403  # listing: owners and admins


def test_two_waiting_records_are_a_conflict_naming_them(client, owner):
    first = create_entity(client, owner, SLUG, "order", order_id="DUP")
    second = create_entity(client, owner, SLUG, "order", order_id="DUP")
    answer = client.post(
        f"{API}/messages", json={"name": "payment received", "correlation": {"order_id": "DUP"}}, headers=owner
    )
    assert answer.status_code == 409 and answer.mimetype == "application/problem+json"
    text = json.dumps(answer.get_json())
    assert first["id"] in text and second["id"] in text
    assert count() == 0  # refused: nothing kept


def test_several_flows_starting_with_the_message_is_a_conflict_naming_the_flows(client, owner):
    create_blueprint(client, owner, SLUG, name="Lead", columns=ORDER_COLUMNS)
    create_flow(client, owner, SLUG, "order", name="Orders", xml=started_by_order("order"))
    create_flow(client, owner, SLUG, "lead", name="Leads", xml=started_by_order("lead"))
    answer = client.post(f"{API}/messages", json={"name": "order placed", "values": {"order_id": "N-1"}}, headers=owner)
    assert answer.status_code == 409 and answer.mimetype == "application/problem+json"
    problem = answer.get_json()
    assert sorted(flow["name"] for flow in problem["flows"]) == ["Leads", "Orders"]
    assert all(flow["key"] for flow in problem["flows"]) and problem["records"] == []
    assert "Orders" in problem["detail"] and "Leads" in problem["detail"]
    assert count() == 0  # refused: nothing kept, no record made


def test_a_signal_is_sent(client, owner):
    answer = client.post(
        f"{API}/signals", json={"name": "stop everything", "values": {"reason": "audit"}}, headers=owner
    )
    assert answer.status_code == 202, answer.get_json()
    message = db.session.scalars(select(FlowMessage).execution_options(all_tenants=True)).one()
    assert (message.kind, message.name, message.values) == ("signal", "stop everything", {"reason": "audit"})


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"correlation": {}}, "name"),
        ({"name": 17}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "paid", "correlation": ["order_id"]}, "correlation"),
        ({"name": "paid", "values": "all"}, "values"),
        ({"name": "paid", "values": {"amount": 2**60}}, "values.amount"),
        ({"name": "paid", "values": {"not a field": 1}}, "values.not a field"),
        ({"name": "paid", "values": {"deep": [[[[[[[[[[1]]]]]]]]]]}}, "values.deep.0.0.0.0.0.0.0"),
        ({"name": "paid\u0000"}, "name"),
        ({"name": "paid", "correlation": {"order_id": "A\u0000"}}, "correlation.order_id"),
    ],
)
def test_bad_input_is_422_naming_the_field(client, owner, body, field):
    answer = client.post(f"{API}/messages", json=body, headers=owner)
    assert answer.status_code == 422, answer.get_json()
    assert answer.mimetype == "application/problem+json"
    assert field in answer.get_json()["errors"], answer.get_json()
    assert count() == 0


def test_json_nested_past_the_guard_and_huge_numbers_are_refused(client, owner):
    deep = '{"name": "paid", "values": {"v": ' + "[" * 100 + "]" * 100 + "}}"
    answer = client.post(f"{API}/messages", data=deep, content_type="application/json", headers=owner)
    assert answer.status_code in (400, 422) and "body" in answer.get_json()["errors"]
    huge = '{"name": "paid", "values": {"v": 1e999}}'  # parsed as infinity
    answer = client.post(f"{API}/messages", data=huge, content_type="application/json", headers=owner)
    assert answer.status_code == 422 and "values.v" in answer.get_json()["errors"], answer.get_json()
    assert count() == 0
