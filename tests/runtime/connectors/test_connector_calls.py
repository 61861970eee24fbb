"""Connector steps run in the background: the flow waits until the call is delivered or fails.

A real receiver on 127.0.0.1 answers; the send task and the sweep run in this process as the
worker and the beat would, and Loom's clock is moved through the retry schedule.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from click.testing import CliRunner
from sqlalchemy import select

import runtime.app
from core import clock, db
from core.delivery import DeliveryStatus
from core.mail.models import OutboxMessage
from runtime.cli import main
from runtime.connectors import operations
from runtime.connectors.delivery import signing_secret
from runtime.connectors.tasks import run_call
from tests.runtime.connectors.conftest import T, calls, diagram, http_connector


def _run(shop, settings=None) -> int:
    """Send every due call once, as the sweep would; how many attempts were made."""
    settings = settings or shop.app.config["LOOM"]
    due = operations.due_calls(db.session(), 100)
    return sum(run_call(db.session(), settings, tenant_id, call_id) for tenant_id, call_id in due)


def _past_next_attempt() -> None:
    [call] = calls()
    if call.next_attempt_at is not None and call.next_attempt_at > clock.now():
        clock.travel(call.next_attempt_at - clock.now() + timedelta(seconds=1))


def test_an_http_step_waits_sends_signed_and_maps_the_answer_into_a_field(shop, receiver):
    shop.flow(diagram(http_connector(receiver.url)))
    order = shop.order(order_no="A/7")
    [call] = calls()
    assert (call.element, call.kind, call.status) == ("call", "http", DeliveryStatus.PENDING)
    assert shop.inbox() == [] and shop.flows(order["id"])["instances"][0]["status"] == "running"

    assert _run(shop) == 1
    [request] = receiver.requests
    assert (request.method, request.path) == ("PUT", "/orders/A%2F7")
    assert request.headers["x-order"] == "A/7" and request.body == b'{"order": "A/7"}'
    assert receiver.verified_by(signing_secret(shop.app.config["LOOM"], uuid.UUID(shop.tenant_id)))
    assert request.headers["webhook-id"] == f"msg_{call.id.hex}"

    assert shop.record(order["id"])["tracking_no"] == "TRK-1"
    assert shop.inbox() == ["check"]
    [call] = calls()
    assert call.status == DeliveryStatus.SUCCEEDED and call.response["status"] == 200
    history = shop.flows(order["id"])["history"]
    assert [(h["kind"], h["element"], h["label"]) for h in history[:1]] == [("connector", "call", "Book the carrier")]
    assert _run(shop) == 0


def test_a_receiver_that_fails_twice_is_retried_on_the_schedule_until_it_answers(shop, receiver):
    receiver.answers = [(503, {}), (500, {}), (200, {"shipment": {"id": "TRK-2"}})]
    shop.flow(diagram(http_connector(receiver.url)))
    order = shop.order(order_no="B1")
    for _ in range(3):
        _run(shop)
        _past_next_attempt()
    assert len(receiver.requests) == 3
    assert len({r.headers["webhook-id"] for r in receiver.requests}) == 1  # one call, retried
    [call] = calls()
    assert (call.status, call.attempts) == (DeliveryStatus.SUCCEEDED, 3)
    clock.reset()
    assert shop.record(order["id"])["tracking_no"] == "TRK-2" and shop.inbox() == ["check"]


def test_after_the_last_retry_the_error_boundary_takes_the_flow_on(shop, receiver, monkeypatch):
    receiver.answers = [(503, {})]
    shop.flow(diagram(http_connector(receiver.url), boundary=True))
    order = shop.order(order_no="C1")
    settings = shop.settings(connectors_max_attempts=3)
    for _ in range(4):
        _run(shop, settings)
        _past_next_attempt()
    assert len(receiver.requests) == 3
    [call] = calls()
    assert call.status == DeliveryStatus.FAILED and "503" in call.last_error
    clock.reset()
    assert shop.inbox() == ["by_hand"]
    [instance] = shop.flows(order["id"])["instances"]
    assert instance["status"] == "running"


def test_without_a_boundary_the_instance_stops_with_the_error_and_a_retry_sends_again(shop, receiver):
    receiver.answers = [(503, {}), (200, {"shipment": {"id": "TRK-3"}})]
    shop.flow(diagram(http_connector(receiver.url)))
    order = shop.order(order_no="D1")
    _run(shop, shop.settings(connectors_max_attempts=1))
    [instance] = shop.flows(order["id"])["instances"]
    assert instance["status"] == "failed"
    assert instance["error"]["element"] == "call" and instance["error"]["name"] == "Book the carrier"
    assert "503" in instance["error"]["message"] and "error boundary" in instance["error"]["message"]
    assert shop.inbox() == []

    retried = shop.client.post(f"{T}/entities/{order['id']}/flows/{instance['id']}/retry", headers=shop.headers)
    assert retried.status_code == 200, retried.get_json()
    assert _run(shop) == 1
    assert shop.record(order["id"])["tracking_no"] == "TRK-3" and shop.inbox() == ["check"]


def test_an_address_that_resolves_to_a_private_one_is_refused_and_fails_the_step(shop):
    shop.flow(diagram('<loom:http method="POST" url="https://localhost/orders/{order_no}"/>'))
    order = shop.order(order_no="E1")
    production = shop.settings(hooks_allow_private="", hooks_allow_http=False)
    assert _run(shop, production) == 1
    [call] = calls()
    assert call.status == DeliveryStatus.FAILED and call.attempts == 1  # refused at once, never retried
    [instance] = shop.flows(order["id"])["instances"]
    assert instance["status"] == "failed" and instance["error"]["element"] == "call"
    assert "https://localhost/orders/E1" in instance["error"]["message"]
    assert "not a public address" in instance["error"]["message"]


def test_an_email_step_queues_one_message_with_the_record_s_values(shop):
    email = '<loom:email to="{email}" subject="Order {order_no} is on its way">Dear customer, {order_no}.</loom:email>'
    shop.flow(diagram(email))
    order = shop.order(order_no="F1", email="ann@example.com")
    assert _run(shop) == 1
    [message] = db.session.scalars(select(OutboxMessage).where(OutboxMessage.template == "flow_connector")).all()
    assert (message.recipient, message.subject) == ("ann@example.com", "Order F1 is on its way")
    assert message.text_body == "Dear customer, F1."
    assert shop.inbox() == ["check"]
    assert _run(shop) == 0 and calls()[0].status == DeliveryStatus.SUCCEEDED
    assert shop.flows(order["id"])["instances"][0]["status"] == "running"


def test_a_worker_lost_between_sending_and_recording_neither_loses_nor_repeats_the_step(shop, receiver):
    settings = shop.app.config["LOOM"]
    shop.flow(diagram(http_connector(receiver.url)))
    order = shop.order(order_no="G1")
    [call] = calls()
    lost = operations.take(db.session(), settings, call.tenant_id, call.id)
    db.session.commit()
    outcome = operations.send(settings, lost)  # sent; then the worker dies before recording it
    assert len(receiver.requests) == 1 and _run(shop) == 0, "a held lease is not taken again"

    clock.travel(operations.policy(settings).lease + timedelta(seconds=1))
    assert _run(shop) == 1  # the lease ran out: sent again, with the same webhook-id, and recorded
    assert len({r.headers["webhook-id"] for r in receiver.requests}) == 1 and len(receiver.requests) == 2
    assert operations.record(db.session(), settings, lost, outcome) is False  # the lost worker's outcome
    db.session.commit()
    clock.reset()
    history = shop.flows(order["id"])["history"]
    assert [h["kind"] for h in history].count("connector") == 1
    assert shop.inbox() == ["check"]


def test_an_operator_reads_a_workspace_s_signing_secret_for_its_receivers(shop, monkeypatch):
    monkeypatch.setattr(runtime.app, "create_app", lambda: shop.app)  # the test database's app and connection
    result = CliRunner().invoke(main, ["connector-secret", "x-connectors"])
    assert result.exit_code == 0, result.output
    secret = signing_secret(shop.app.config["LOOM"], uuid.UUID(shop.tenant_id))
    assert result.output.strip() == secret and secret.startswith("whsec_")
    other = CliRunner().invoke(main, ["connector-secret", "x-nowhere"])
    assert other.exit_code != 0 and "no workspace x-nowhere" in other.output


def test_an_answer_without_the_mapped_value_stops_the_flow_and_try_again_asks_again(shop, receiver):
    receiver.answers = [(200, {"other": 1}), (200, {"shipment": {"id": "TRK-4"}})]
    shop.flow(diagram(http_connector(receiver.url)))
    order = shop.order(order_no="H1")
    assert _run(shop) == 1
    [instance] = shop.flows(order["id"])["instances"]
    assert instance["status"] == "failed" and instance["error"]["element"] == "call"
    assert "shipment.id" in instance["error"]["message"]
    assert shop.record(order["id"]).get("tracking_no") is None and calls()[0].status == DeliveryStatus.FAILED

    shop.client.post(f"{T}/entities/{order['id']}/flows/{instance['id']}/retry", headers=shop.headers)
    assert _run(shop) == 1 and len(receiver.requests) == 2
    assert shop.record(order["id"])["tracking_no"] == "TRK-4" and shop.inbox() == ["check"]
