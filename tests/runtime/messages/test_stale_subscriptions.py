"""Subscription rows that no longer say what an instance waits for go, so they never hold a message.

An instance moved to a version that hears no message keeps no rows; a row a delivery finds stale
(its record no longer waits there) is deleted in a transaction of its own, after the delivery's
is rolled back, and the message is kept for a record that does wait.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from core import db
from core.db import set_tenant_scope
from core.jobs.models import JobStatus
from runtime.messages.models import FlowSubscription
from tests.factories import drain_job, signed_in_user
from tests.runtime.messages.helpers import Workspace
from tests.support.message_diagrams import END, START, diagram, line, user_task, waits_for_payment

# v1: a person checks the order; while the flow runs, "payment received" (order_id matching)
# starts an event sub-process that notes it.
ON_PAYMENT = (
    '<bpmn:subProcess id="on_payment" triggeredByEvent="true">'
    '<bpmn:startEvent id="paid" isInterrupting="false">'
    '<bpmn:extensionElements><loom:correlation field="order_id"/></bpmn:extensionElements>'
    '<bpmn:messageEventDefinition messageRef="m_paid"/></bpmn:startEvent>'
    '<bpmn:endEvent id="noted"/><bpmn:sequenceFlow id="to_noted" sourceRef="paid" targetRef="noted"/>'
    "</bpmn:subProcess>"
)
CHECK_OR_PAID = diagram("check_or_paid", line(START, user_task("check", "Check"), END) + ON_PAYMENT, blueprint="order")
# v2: the same check, and no message at all.
CHECK_ONLY = diagram("check_or_paid", line(START, user_task("check", "Check"), END), blueprint="order")


@pytest.fixture()
def shop(client):
    email, headers = signed_in_user(client)
    return Workspace(client, email, headers, f"x-msg-{uuid.uuid4().hex[:8]}")


def _rows(shop: Workspace, record: dict) -> list[FlowSubscription]:
    session = db.session()
    set_tenant_scope(session, shop.id)
    return list(
        session.scalars(
            select(FlowSubscription)
            .where(FlowSubscription.entity_id == uuid.UUID(record["id"]))
            .execution_options(populate_existing=True)
        )
    )


def test_a_delivery_that_finds_the_record_not_waiting_deletes_its_stale_row(shop):
    shop.flow("order", waits_for_payment("order"), "Payments")
    shop.record(order_id="A-1")
    moved_on = shop.record(order_id="B-2")
    # Make B-2's row stale: it names an element the instance does not wait at.
    [row] = _rows(shop, moved_on)
    row.element, row.correlation = "nowhere", {"order_id": "Z-9"}
    db.session.commit()

    sent = shop.publish("payment received", {"order_id": "Z-9"})
    assert sent.status == "pending" and sent.matched == [uuid.UUID(moved_on["id"])]
    assert shop.deliver(sent.message_id) == "unmatched"  # kept for a record that does wait
    assert _rows(shop, moved_on) == []  # the rollback of the delivery did not bring the row back
    assert shop.status(moved_on) == "running"
    again = shop.publish("payment received", {"order_id": "Z-9"})
    assert again.status == "unmatched" and again.matched == []


def _publish_v2(shop: Workspace, key: str, xml: str) -> None:
    url = f"/api/tenants/{shop.slug}/flows/{key}"
    flow = shop.client.get(url, headers=shop.headers).get_json()
    saved = shop.client.patch(url, json={"lock_version": flow["lock_version"], "xml": xml}, headers=shop.headers)
    assert saved.status_code == 200 and saved.get_json()["draft"]["problems"] == [], saved.get_json()
    published = shop.client.post(
        f"{url}/publish", json={"lock_version": saved.get_json()["lock_version"]}, headers=shop.headers
    )
    assert published.status_code == 201, published.get_json()


def test_a_record_moved_to_a_version_without_messages_stops_waiting_for_them(app, shop):
    flow = shop.flow("order", CHECK_OR_PAID, "Checks")
    moved = shop.record(order_id="M-1")
    assert [r.element for r in _rows(shop, moved)] == ["paid"]
    _publish_v2(shop, flow["key"], CHECK_ONLY)
    started = shop.client.post(
        f"/api/tenants/{shop.slug}/flows/{flow['key']}/instance-migrations", headers=shop.headers
    )
    assert started.status_code == 202, started.get_json()
    assert drain_job(app, started.get_json()["id"]) == JobStatus.DONE
    job = shop.client.get(f"/api/tenants/{shop.slug}/jobs/{started.get_json()['id']}", headers=shop.headers)
    assert job.get_json()["result"]["migrated"] == 1, job.get_json()["result"]
    flows = shop.client.get(f"/api/tenants/{shop.slug}/entities/{moved['id']}/flows", headers=shop.headers)
    [instance] = flows.get_json()["instances"]
    assert instance["version"] == 2 and [w["label"] for w in instance["waiting"]] == ["Check"]
    assert _rows(shop, moved) == []

    # Another flow's record waits for the same payment: the moved record no longer makes it ambiguous.
    shop.blueprint("Invoice")
    shop.flow("invoice", waits_for_payment("invoice"), "Invoices")
    invoice = shop.record("invoice", order_id="M-1")
    answer = shop.client.post(
        f"/api/tenants/{shop.slug}/messages",
        json={"name": "payment received", "correlation": {"order_id": "M-1"}},
        headers=shop.headers,
    )
    assert answer.status_code == 202, answer.get_json()
    assert answer.get_json()["status"] == "pending" and answer.get_json()["matched"] == [invoice["id"]]
