"""Messages reach the one record they correlate with, or wait for it, or are refused when several wait."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from core import clock, db
from core.errors import Conflict, Invalid
from runtime.flows.models import FlowHistory
from runtime.messages import operations
from runtime.messages.models import FlowSubscription
from tests.factories import signed_in_user
from tests.runtime.messages.helpers import Workspace
from tests.support.message_diagrams import script, waits_for_payment


@pytest.fixture()
def shop(client):
    email, headers = signed_in_user(client)
    workspace = Workspace(client, email, headers, f"x-msg-{uuid.uuid4().hex[:8]}")
    workspace.flow("order", waits_for_payment("order", after=script("note", 'route = "paid"')), "Payments")
    return workspace


def test_two_records_wait_on_different_order_ids_and_the_right_one_moves(shop):
    first, second = shop.record(order_id="A-1"), shop.record(order_id="A-2")
    rows = db.session.scalars(select(FlowSubscription).execution_options(all_tenants=True)).all()
    assert sorted(r.correlation["order_id"] for r in rows if r.tenant_id == shop.id) == ["A-1", "A-2"]

    sent = shop.publish("payment received", {"order_id": "A-2"}, values={"amount": 30, "note": "by card"})
    assert sent.status == "pending" and sent.matched == [uuid.UUID(second["id"])]
    assert shop.deliver(sent.message_id) == "delivered"

    assert shop.get(second)["data"] == {"order_id": "A-2", "amount": 30, "route": "paid"}
    assert shop.status(second) == "completed" and shop.status(first) == "running"
    assert "amount" not in shop.get(first)["data"]
    message = shop.message(sent.message_id)
    assert message.status == "delivered" and message.delivered_at is not None
    history = db.session.scalars(
        select(FlowHistory).where(FlowHistory.entity_id == uuid.UUID(second["id"]), FlowHistory.kind == "message")
    ).all()
    assert [(h.element, h.label) for h in history] == [("wait_payment", "payment received")]
    assert shop.deliver(sent.message_id) is None  # delivered once


def test_several_records_waiting_for_one_message_is_a_conflict_naming_them(shop):
    records = [shop.record(order_id="A-1"), shop.record(order_id="A-1")]
    with pytest.raises(Conflict) as refused:
        shop.publish("payment received", {"order_id": "A-1"})
    assert sorted(refused.value.extra["records"]) == sorted(r["id"] for r in records)
    assert all(r["id"] in refused.value.detail for r in records)
    assert shop.messages() == []  # nothing kept


def test_an_unmatched_message_is_kept_and_delivered_when_a_record_starts_waiting(shop):
    sent = shop.publish("payment received", {"order_id": "B-1"}, values={"amount": 12})
    assert sent.status == "unmatched" and sent.matched == []
    assert shop.message(sent.message_id).expires_at - clock.now() > timedelta(hours=71)

    other = shop.record(order_id="B-2")  # waits for another order: the message stays kept
    assert shop.message(sent.message_id).status == "unmatched"
    order = shop.record(order_id="B-1")
    message = shop.message(sent.message_id)
    assert message.status == "pending" and message.matched == [order["id"]]
    assert shop.deliver(sent.message_id) == "delivered"
    assert shop.get(order)["data"]["amount"] == 12 and shop.status(order) == "completed"
    assert shop.status(other) == "running"


def test_an_expired_message_is_purged_and_never_delivered(shop):
    sent = shop.publish("payment received", {"order_id": "C-1"})
    clock.travel(timedelta(hours=73))
    try:
        shop.sign_in_again()
        order = shop.record(order_id="C-1")
        assert shop.message(sent.message_id).status == "unmatched"  # expired: not handed to the new record
        assert shop.status(order) == "running"
        assert operations.purge_expired(db.session()) >= 1
        db.session.commit()
        assert shop.messages() == []
    finally:
        clock.reset()


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("name", "", "name"),
        ("correlation", {"order_id": {"nested": 1}}, "correlation.order_id"),
        ("values", {"text": "a\x00b"}, "values.text"),
        ("values", {"n": 2**60}, "values.n"),
        ("kind", "shout", "kind"),
    ],
)
def test_bad_input_is_refused_naming_the_field(shop, field, value, reason):
    arguments = {"name": "payment received", "correlation": {}, "values": {}, "kind": "message", field: value}
    with pytest.raises(Invalid) as refused:
        operations.publish(db.session(), tenant_id=shop.id, source="api", user_id=None, **arguments)
    assert reason in refused.value.errors


def test_a_record_whose_order_id_is_corrected_waits_with_the_new_one(shop):
    order = shop.record(order_id="typo")
    kept = shop.publish("payment received", {"order_id": "D-1"}, values={"amount": 7})
    assert kept.status == "unmatched"
    url = f"/api/tenants/{shop.slug}/entities/{order['id']}"
    version = shop.get(order)["version"]
    fixed = shop.client.patch(url, json={"version": version, "data": {"order_id": "D-1"}}, headers=shop.headers)
    assert fixed.status_code == 200, fixed.get_json()
    [row] = db.session.scalars(
        select(FlowSubscription)
        .where(FlowSubscription.entity_id == uuid.UUID(order["id"]))
        .execution_options(all_tenants=True)
    ).all()
    assert row.correlation == {"order_id": "D-1"}
    assert shop.message(kept.message_id).status == "pending"  # the kept message is its now
    assert shop.deliver(kept.message_id) == "delivered" and shop.get(order)["data"]["amount"] == 7
