"""Deliveries that meet another transaction: a record whose correlation value is changed between
matching and delivery, and a signal listener whose instance stays busy through every attempt.

These tests commit for real (the other transaction needs its own connection), so each builds its
own workspace and deletes it afterwards.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import delete, event, text

from core import db
from core.identity.models import Tenant
from runtime.messages import tasks
from tests.factories import signed_in_user
from tests.runtime.messages.helpers import Workspace
from tests.support.message_diagrams import listens_for_recall, script, waits_for_payment


@pytest.fixture()
def shop(app) -> Iterator[Workspace]:
    client = app.test_client()
    email, headers = signed_in_user(client, "races")
    workspace = Workspace(client, email, headers, f"x-race-{uuid.uuid4().hex[:8]}")
    yield workspace
    db.session.remove()
    db.session.execute(delete(Tenant).where(Tenant.id == workspace.id))
    db.session.commit()
    db.session.remove()


def test_a_correlation_value_changed_between_matching_and_delivery_keeps_the_message(app, shop):
    shop.flow("order", waits_for_payment("order", after=script("note", 'route = "paid"')), "Payments")
    order = shop.record(order_id="E-1")
    sent = shop.publish("payment received", {"order_id": "E-1"}, values={"amount": 5})
    assert sent.matched == [uuid.UUID(order["id"])]

    def correct_the_order_id() -> None:  # a person, in their own request and transaction
        url = f"/api/tenants/{shop.slug}/entities/{order['id']}"
        version = shop.get(order)["version"]
        answer = app.test_client().patch(
            url, json={"version": version, "data": {"order_id": "E-2"}}, headers=shop.headers
        )
        assert answer.status_code == 200, answer.get_json()
        db.session.remove()

    # The person saves just after the delivery found the record waiting with E-1.
    edits: list[threading.Thread] = []

    def after_matching(_conn, _cursor, statement, *_args) -> None:
        if not edits and "FROM flow_subscriptions JOIN flow_instances" in statement:
            edits.append(threading.Thread(target=correct_the_order_id))
            edits[0].start()
            edits[0].join()

    engine = app.extensions["loom_engine"]
    event.listen(engine, "after_cursor_execute", after_matching)
    try:
        status = shop.deliver(sent.message_id)
    finally:
        event.remove(engine, "after_cursor_execute", after_matching)
    db.session.remove()
    assert edits, "the delivery never looked for the waiting record"
    assert status == "unmatched"  # meant for E-1: kept for a record that waits for it
    assert shop.status(order) == "running"
    assert shop.get(order)["data"] == {"order_id": "E-2"}


def test_a_signal_listener_busy_at_every_attempt_is_failed_on_the_message(app, shop):
    shop.flow("order", listens_for_recall("order"), "Recalls")
    free, busy = shop.record(order_id="S-1"), shop.record(order_id="S-2")
    sent = shop.publish("recall", kind="signal")
    engine = app.extensions["loom_engine"]
    with engine.connect() as other:  # another step holds the busy record's instance throughout
        other.execute(
            text("SELECT id FROM flow_instances WHERE entity_id = :entity FOR UPDATE"), {"entity": busy["id"]}
        )
        statuses = [shop.deliver(sent.message_id) for _ in range(tasks.MAX_ATTEMPTS)]
        other.rollback()
    db.session.remove()

    assert statuses == ["pending"] * (tasks.MAX_ATTEMPTS - 1) + ["delivered"]
    message = shop.message(sent.message_id)
    assert message.outcomes[free["id"]] == "delivered" and shop.status(free) == "completed"
    assert message.outcomes[busy["id"]].startswith("failed: the record was busy")
    assert busy["id"] in (message.error or "")
    assert shop.status(busy) == "running"  # it still listens: a signal sent again reaches it
    again = shop.publish("recall", kind="signal")
    assert again.matched == [uuid.UUID(busy["id"])]
