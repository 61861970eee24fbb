"""Delivery in the background: message starts, signals, flows' own throws, one transaction per record."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import event, select

from core import clock, db
from core.celery import BEAT_SCHEDULE
from runtime.flows.models import FlowInstance, InboxItem
from runtime.messages import tasks
from runtime.messages.models import FlowSubscription
from tests.factories import signed_in_user
from tests.runtime.messages.helpers import Workspace
from tests.support.message_diagrams import (
    RECALL,
    START,
    diagram,
    line,
    listens_for_recall,
    pays,
    recalls,
    script,
    signal_catch,
    started_by_order,
    waits_for_payment,
)


def _workspace(client) -> Workspace:
    email, headers = signed_in_user(client)
    return Workspace(client, email, headers, f"x-msg-{uuid.uuid4().hex[:8]}")


@pytest.fixture()
def shop(client):
    return _workspace(client)


def test_a_message_start_creates_a_record_of_the_flows_blueprint_from_its_values(shop):
    shop.flow("order", started_by_order("order"), "Orders")
    by_hand = shop.record(order_id="H-1")  # a record made by hand does not start a flow that starts on a message
    assert (
        db.session.scalars(
            select(FlowInstance)
            .where(FlowInstance.entity_id == uuid.UUID(by_hand["id"]))
            .execution_options(all_tenants=True)
        ).all()
        == []
    )

    sent = shop.publish("order placed", values={"order_id": "N-1", "amount": 40, "not_a_field": "x"})
    assert sent.status == "pending" and sent.matched == []
    assert shop.deliver(sent.message_id) == "delivered"
    [created] = shop.message(sent.message_id).matched
    record = shop.get({"id": created})
    assert record["data"] == {"order_id": "N-1", "amount": 40}
    [item] = db.session.scalars(
        select(InboxItem).where(InboxItem.entity_id == uuid.UUID(created)).execution_options(all_tenants=True)
    ).all()
    assert item.element == "confirm" and item.done_at is None


def test_a_signal_reaches_every_listener_of_the_workspace_and_none_in_another(client):
    here, there = _workspace(client), _workspace(client)
    for workspace in (here, there):
        workspace.flow("order", listens_for_recall("order"), "Recalls")
    listeners = [here.record(order_id=f"S-{n}") for n in range(2)]
    elsewhere = there.record(order_id="S-9")

    sent = here.publish("recall", kind="signal", values={"route": "recalled"})
    assert sent.status == "pending" and sorted(sent.matched) == sorted(uuid.UUID(r["id"]) for r in listeners)
    assert here.deliver(sent.message_id) == "delivered"
    for record in listeners:
        assert here.status(record) == "completed" and here.get(record)["data"]["route"] == "recalled"
    assert there.status(elsewhere) == "running"
    assert there.messages() == []


def test_each_listener_of_a_signal_loads_only_its_own_subscription(app, shop):
    shop.flow("order", listens_for_recall("order"), "Recalls")
    listeners = [shop.record(order_id=f"Q-{n}") for n in range(3)]
    sent = shop.publish("recall", kind="signal")
    loaded: list[int] = []

    def count(_conn, cursor, statement, *_args) -> None:
        if "FROM flow_subscriptions JOIN flow_instances" in statement:
            loaded.append(cursor.rowcount)

    engine = app.extensions["loom_engine"]
    event.listen(engine, "after_cursor_execute", count)
    try:
        assert shop.deliver(sent.message_id) == "delivered"
    finally:
        event.remove(engine, "after_cursor_execute", count)
    assert loaded == [1] * len(listeners)  # not every listener of the workspace for each one
    assert all(shop.status(record) == "completed" for record in listeners)


def test_a_flows_throw_moves_another_flows_record(shop):
    shop.flow("order", waits_for_payment("order"), "Payments")
    shop.blueprint("Payment")
    shop.flow("payment", pays("payment"), "Pay")
    order = shop.record(order_id="A-7")
    other = shop.record(order_id="A-8")

    shop.record("payment", order_id="A-7", amount=99)  # its flow throws "payment received" at once
    [message] = shop.messages()
    assert message.source == "flow:pay" and message.status == "pending" and message.matched == [order["id"]]
    assert message.correlation["order_id"] == "A-7" and message.values["amount"] == 99
    assert shop.deliver(message.id) == "delivered"
    assert shop.status(order) == "completed" and shop.get(order)["data"]["amount"] == 99
    assert shop.status(other) == "running"


def test_one_failing_receiver_does_not_undo_another(shop):
    # The step after the signal divides by zero for the record "bad": its delivery fails alone.
    listening = diagram(
        "fragile",
        line(
            START,
            signal_catch("recalled"),
            script("split", 'amount = 10 // (0 if order_id == "bad" else 1)'),
            '<bpmn:endEvent id="end"/>',
        ),
        blueprint="order",
        roots=RECALL,
    )
    shop.flow("order", listening, "Fragile")
    good, bad = shop.record(order_id="good"), shop.record(order_id="bad")

    sent = shop.publish("recall", kind="signal")
    assert shop.deliver(sent.message_id) == "delivered"
    assert shop.status(good) == "completed" and shop.get(good)["data"]["amount"] == 10
    assert shop.status(bad) == "running" and "amount" not in shop.get(bad)["data"]  # rolled back, still waiting
    message = shop.message(sent.message_id)
    assert message.outcomes[good["id"]] == "delivered"
    assert message.outcomes[bad["id"]].startswith("failed") and "ZeroDivisionError" in message.outcomes[bad["id"]]
    assert bad["id"] in (message.error or "")
    waiting = db.session.scalars(
        select(FlowSubscription)
        .where(FlowSubscription.entity_id == uuid.UUID(bad["id"]))
        .execution_options(all_tenants=True)
    ).all()
    assert [w.element for w in waiting] == ["recalled"]


def test_a_flow_ending_with_a_signal_reaches_the_listeners(shop):
    shop.flow("order", listens_for_recall("order"), "Recalls")
    shop.blueprint("Recall")
    shop.flow("recall", recalls("recall"), "Recall all")
    listener = shop.record(order_id="R-1")
    shop.record("recall", order_id="R-0")
    [message] = shop.messages()
    assert (message.kind, message.name, message.status) == ("signal", "recall", "pending")
    assert shop.deliver(message.id) == "delivered" and shop.status(listener) == "completed"


def test_the_beat_sweeps_deliveries_the_broker_lost_and_purges_expired_messages(shop):
    assert BEAT_SCHEDULE["sweep-flow-messages"]["task"] == "messages.sweep"
    assert BEAT_SCHEDULE["purge-flow-messages"]["task"] == "messages.purge"
    shop.flow("order", waits_for_payment("order"), "Payments")
    order = shop.record(order_id="L-1")
    lost = shop.publish("payment received", {"order_id": "L-1"})  # its task never reached a worker
    kept = shop.publish("payment received", {"order_id": "L-2"})
    assert tasks.sweep_pending() == 0  # younger than a minute: its own task may still come
    clock.travel(timedelta(minutes=2))
    try:
        assert tasks.sweep_pending() == 1
        assert shop.message(lost.message_id).status == "delivered" and shop.status(order) == "completed"
        clock.travel(timedelta(hours=73))
        assert tasks.purge_expired_messages() == 2
        assert shop.messages() == []
        assert kept.status == "unmatched"
    finally:
        clock.reset()


def test_a_message_whose_receiving_step_fails_is_failed_and_the_record_still_waits(shop):
    shop.flow("order", waits_for_payment("order", after=script("split", "amount = 10 // 0")), "Fragile")
    order = shop.record(order_id="F-1")
    sent = shop.publish("payment received", {"order_id": "F-1"}, values={"amount": 3})
    assert shop.deliver(sent.message_id) == "failed"
    message = shop.message(sent.message_id)
    assert "ZeroDivisionError" in (message.error or "") and message.delivered_at is not None
    assert shop.status(order) == "running" and "amount" not in shop.get(order)["data"]
    again = shop.publish("payment received", {"order_id": "F-1"})  # it still waits: a fixed sender may try again
    assert again.status == "pending"
