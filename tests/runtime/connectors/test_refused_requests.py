"""What a record's values can make of a connector's request: a header or subject with a line break,
an email field naming several people or none that fits, a host that does not resolve just now.

Each fails the step with a text saying what is wrong (the error boundary takes it like any other
connector failure), or is tried again; none crashes the worker, which would look like a lost one.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from sqlalchemy import select

from core import clock, db
from core.delivery import DeliveryStatus
from core.mail.models import OutboxMessage
from runtime.connectors import operations
from runtime.connectors.tasks import run_call
from runtime.hooks import safe_http, ssrf
from tests.factories import create_blueprint, create_tenant, signed_in_user
from tests.runtime.connectors.conftest import ORDER_COLUMNS, SLUG, Shop, calls, diagram

NOTE = {"key": "note", "label": "Note", "type": "long_text"}


@pytest.fixture()
def shop(app, client, monkeypatch) -> Shop:
    """The connectors' workspace, its Order with a long text field besides."""
    changes = {"hooks_allow_http": True, "hooks_allow_private": "127.0.0.1/32"}
    monkeypatch.setitem(app.config, "LOOM", dataclasses.replace(app.config["LOOM"], **changes))
    _email, headers = signed_in_user(client)
    tenant = create_tenant(client, headers, SLUG)
    create_blueprint(client, headers, SLUG, name="Order", columns=[*ORDER_COLUMNS, NOTE])
    return Shop(app, client, headers, tenant["id"])


def _run(settings) -> int:
    due = operations.due_calls(db.session(), 100)
    return sum(run_call(db.session(), settings, tenant_id, call_id) for tenant_id, call_id in due)


def _failed_at_once(shop, order) -> str:
    """The call failed on its first attempt and stopped the flow at the step: the error shown."""
    [call] = calls()
    assert (call.status, call.attempts) == (DeliveryStatus.FAILED, 1)
    [instance] = shop.flows(order["id"])["instances"]
    assert instance["status"] == "failed" and instance["error"]["element"] == "call"
    message: str = instance["error"]["message"]
    return message


def _outbox() -> list[OutboxMessage]:
    return list(
        db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.template == "flow_connector").order_by(OutboxMessage.id)
        )
    )


@pytest.mark.parametrize("value", ["a\r\n X-Folded: 1", "a\r\nX-Injected: 1", "a\nb"])
def test_a_line_break_filled_into_a_header_fails_the_step_naming_the_header(shop, receiver, value):
    shop.flow(
        diagram(f'<loom:http url="{receiver.url}/orders"><loom:header name="X-Note" value="{{note}}"/></loom:http>')
    )
    order = shop.order(order_no="L1", note=value)
    assert _run(shop.app.config["LOOM"]) == 1
    assert receiver.requests == []  # nothing was sent, folded or split
    message = _failed_at_once(shop, order)
    assert "X-Note" in message and "line break" in message


def test_a_header_failure_takes_the_error_boundary(shop, receiver):
    header = f'<loom:http url="{receiver.url}/orders"><loom:header name="X-Note" value="{{note}}"/></loom:http>'
    shop.flow(diagram(header, boundary=True))
    order = shop.order(order_no="L2", note="one\r\ntwo")
    assert _run(shop.app.config["LOOM"]) == 1
    assert shop.inbox() == ["by_hand"] and shop.flows(order["id"])["instances"][0]["status"] == "running"


def test_the_http_client_never_raises_for_a_header_it_cannot_carry(shop, receiver):
    target = ssrf.check(f"{receiver.url}/x", shop.app.config["LOOM"])
    for value in ("a\r\nX-Injected: 1", "東京"):
        answer = safe_http.request("POST", target, b"{}", {"X-Value": value}, 5)
        assert answer.status is None and answer.final and "header" in (answer.error or "")
    assert receiver.requests == []


def test_a_host_that_does_not_resolve_is_tried_again_then_fails_the_step(shop):
    shop.flow(diagram('<loom:http method="POST" url="http://nonexistent.invalid/orders/{order_no}"/>'))
    order = shop.order(order_no="R1")
    settings = shop.settings(connectors_max_attempts=3)
    for attempt in (1, 2):
        assert _run(settings) == 1
        [call] = calls()
        assert (call.status, call.attempts) == (DeliveryStatus.PENDING, attempt)
        assert "does not resolve" in call.last_error
        assert shop.flows(order["id"])["instances"][0]["status"] == "running"
        clock.travel(call.next_attempt_at - clock.now() + timedelta(seconds=1))
    assert _run(settings) == 1
    [call] = calls()
    assert (call.status, call.attempts) == (DeliveryStatus.FAILED, 3)
    clock.reset()
    [instance] = shop.flows(order["id"])["instances"]
    assert instance["status"] == "failed" and instance["error"]["element"] == "call"
    assert "nonexistent.invalid does not resolve" in instance["error"]["message"]


EMAIL = '<loom:email to="{email}" subject="Order {order_no}">Sent.</loom:email>'


@pytest.mark.parametrize(
    "address", ["a@example.com,b@evil.example", "a@example.com;b@evil.example", "Ann<a@example.com>,b@evil.example"]
)
def test_an_email_field_that_is_not_exactly_one_address_fails_the_step_and_mails_nobody(shop, address):
    shop.flow(diagram(EMAIL))
    order = shop.order(order_no="M1", email=address)
    assert _run(shop.app.config["LOOM"]) == 1
    assert _outbox() == []
    assert "give exactly one email address" in _failed_at_once(shop, order)


def test_an_address_longer_than_the_outbox_holds_fails_the_step_cleanly(shop):
    shop.flow(diagram('<loom:email to="{note}" subject="Order {order_no}">Sent.</loom:email>'))
    order = shop.order(order_no="M2", note="a" * 300 + "@example.com")
    assert _run(shop.app.config["LOOM"]) == 1
    assert _outbox() == []
    assert "give exactly one email address" in _failed_at_once(shop, order)


def test_a_line_break_in_the_subject_fails_the_step_before_anything_is_queued(shop):
    shop.flow(diagram('<loom:email to="{email}" subject="Order {note}">Sent.</loom:email>'))
    order = shop.order(order_no="M3", email="ann@example.com", note="M3\r\nBcc: eve@evil.example")
    assert _run(shop.app.config["LOOM"]) == 1
    assert _outbox() == []
    assert "subject holds a line break" in _failed_at_once(shop, order)


def test_a_refused_address_takes_the_error_boundary(shop):
    shop.flow(diagram(EMAIL, boundary=True))
    order = shop.order(order_no="M4", email="a@example.com,b@evil.example")
    assert _run(shop.app.config["LOOM"]) == 1
    assert _outbox() == [] and shop.inbox() == ["by_hand"]
    assert shop.flows(order["id"])["instances"][0]["status"] == "running"


def test_an_address_with_a_name_goes_to_that_one_address(shop):
    shop.flow(diagram(EMAIL))
    shop.order(order_no="M5", email="Ann Smith <ann@example.com>")
    assert _run(shop.app.config["LOOM"]) == 1
    [message] = _outbox()
    assert message.recipient == "ann@example.com" and shop.inbox() == ["check"]
