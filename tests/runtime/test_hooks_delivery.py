"""Hooks deliver at least once: signed, retried on Loom's clock, dead-lettered, never lost.

A real receiver on 127.0.0.1 verifies every call with standardwebhooks' own ``Webhook.verify``;
the sweep and attempts run in this process as the worker and the beat would run them, and the
clock is moved through the retry schedule instead of waited for.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from core import clock, db
from core.delivery import DeliveryStatus
from runtime.hooks import attempts, dispatch
from runtime.hooks.models import HookAttempt, HookDelivery, HookMessage
from runtime.hooks.tasks import sweep_round
from tests.support.hooks import Receiver, allow_local, run_hooks, workspace


@pytest.fixture()
def receiver():
    server = Receiver()
    yield server
    server.close()


@pytest.fixture()
def shop(app, client, monkeypatch):
    allow_local(app, monkeypatch)
    return workspace(app, client, "x-hooks-shop")


def _deliveries():
    return list(db.session.scalars(select(HookDelivery).execution_options(all_tenants=True)))


def _past_next_attempt():
    """Move Loom's clock just past the latest scheduled attempt."""
    db.session.expire_all()
    due = db.session.scalar(select(func.max(HookDelivery.next_attempt_at)).execution_options(all_tenants=True))
    if due is not None and due > clock.now():
        clock.travel(due - clock.now() + timedelta(seconds=1))


def test_an_event_reaches_the_receiver_signed_in_the_envelope(app, shop, receiver):
    endpoint = shop.endpoint(receiver)
    shop.emit()
    assert run_hooks(app) == 1

    [call] = receiver.calls
    assert receiver.unverified == [] and call.verified_by == receiver.secrets
    assert call.webhook_id.startswith("msg_") and call.headers["webhook-timestamp"].isdigit()
    body = call.payload
    assert body["type"] == "record.created" and body["version"] == 1
    assert body["tenant"] == {"id": str(shop.id), "slug": shop.slug}
    assert body["data"]["record"]["data"] == {"qty": 1} and body["timestamp"].endswith("Z")

    [delivery] = _deliveries()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 1
    log = shop.hooks("GET", "/attempts", 200, query_string={"endpoint_id": endpoint["id"]}).get_json()["items"]
    assert [(a["status_code"], a["succeeded"], a["response_body"]) for a in log] == [(200, True, "ok")]
    health = shop.hooks("GET", f"/endpoints/{endpoint['id']}", 200).get_json()["health"]
    assert health["last_status_code"] == 200 and health["failure_streak"] == 0


def test_a_receiver_down_for_several_attempts_gets_every_message_once_it_is_back(app, shop, receiver):
    shop.endpoint(receiver)
    for _ in range(3):
        shop.emit()
    receiver.status = 503
    for _ in range(4):  # immediately, 5 s, 5 min, 30 min: all refused
        run_hooks(app)
        _past_next_attempt()
    assert len(receiver.calls) == 12 and not receiver.unverified
    assert {d.status for d in _deliveries()} == {DeliveryStatus.PENDING}

    receiver.status = 200
    run_hooks(app)
    messages = set(db.session.scalars(select(HookMessage.id).execution_options(all_tenants=True)))
    assert receiver.ids() == {f"msg_{m.hex}" for m in messages} and len(messages) == 3
    assert {(d.status, d.attempts) for d in _deliveries()} == {(DeliveryStatus.SUCCEEDED, 5)}


def test_the_schedule_is_svix_s_with_jitter_on_loom_s_clock(app, shop, receiver):
    shop.endpoint(receiver)
    shop.emit()
    receiver.status = 500
    waits = []
    for _ in range(8):
        started = clock.now()
        run_hooks(app)
        [delivery] = _deliveries()
        if delivery.next_attempt_at is not None:
            waits.append(delivery.next_attempt_at - started)
        _past_next_attempt()
    svix = [timedelta(seconds=5), timedelta(minutes=5), timedelta(minutes=30)]
    svix += [timedelta(hours=h) for h in (2, 5, 10, 10)]
    assert len(waits) == 7
    for wait, base in zip(waits, svix, strict=True):
        assert base <= wait <= base * 1.2 + timedelta(seconds=2), (wait, base)
    [delivery] = _deliveries()
    clock.reset()  # the owner's access token lives 30 minutes of Loom's clock
    # After the eighth attempt the delivery is a dead letter, visible in the API.
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 8
    failed = shop.hooks("GET", "/deliveries", 200, query_string={"status": "failed"}).get_json()["items"]
    assert [d["id"] for d in failed] == [str(delivery.id)] and "503" not in failed[0]["last_error"]
    assert "500" in failed[0]["last_error"]
    assert run_hooks(app) == 0 and len(receiver.calls) == 8


def test_a_worker_killed_mid_delivery_loses_nothing(app, shop, receiver):
    shop.endpoint(receiver)
    shop.emit()
    with app.app_context():
        [lost] = sweep_round(stale_after=timedelta(0))  # claimed, then the worker dies
    assert run_hooks(app) == 0, "a held lease is not claimed again"
    clock.travel(dispatch.POLICY.lease + timedelta(seconds=1))
    assert run_hooks(app) == 1
    assert len(receiver.calls) == 1 and not receiver.unverified
    # The lost worker, were it to wake up, no longer holds the delivery: it sends nothing.
    with app.app_context():
        assert attempts.attempt(db.session(), app.config["LOOM"], lost) is None
    assert len(receiver.calls) == 1
    [delivery] = _deliveries()
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 2


def test_a_message_the_broker_lost_is_fanned_out_by_the_sweep(app, shop, receiver):
    shop.endpoint(receiver)
    shop.emit()  # its dispatch_message task is never run here, as if the broker dropped it
    with app.app_context():
        assert sweep_round() == []  # younger than 30 s: the after-commit task should still come
    clock.travel(timedelta(seconds=31))
    assert run_hooks(app) == 1 and len(receiver.calls) == 1


def test_a_rolled_back_transaction_sends_nothing(app, shop, receiver):
    shop.endpoint(receiver)
    shop.emit(commit=False)
    clock.travel(timedelta(minutes=1))
    assert run_hooks(app) == 0 and receiver.calls == []
    assert db.session.scalar(select(func.count()).select_from(HookMessage).execution_options(all_tenants=True)) == 0


def test_one_slow_endpoint_never_holds_back_another(app, shop, receiver, monkeypatch):
    allow_local(app, monkeypatch, hooks_endpoint_concurrency=2)
    other = Receiver()
    try:
        slow = shop.endpoint(receiver)
        shop.endpoint(other)
        for _ in range(5):
            shop.emit()
        with app.app_context():
            claims = sweep_round(stale_after=timedelta(0))
        by_endpoint = {}
        for claim in claims:
            endpoint = db.session.scalar(
                select(HookDelivery.endpoint_id)
                .where(HookDelivery.id == claim.delivery_id)
                .execution_options(all_tenants=True)
            )
            by_endpoint[str(endpoint)] = by_endpoint.get(str(endpoint), 0) + 1
        # At most two in flight per endpoint: the other endpoint's deliveries were claimed too.
        assert sorted(by_endpoint.values()) == [2, 2] and slow["id"] in by_endpoint
        with app.app_context():
            assert sweep_round(stale_after=timedelta(0)) == []  # both endpoints are at their limit
            for claim in claims:
                attempts.attempt(db.session(), app.config["LOOM"], claim)
        run_hooks(app)
        assert len(receiver.ids()) == 5 and len(other.ids()) == 5
    finally:
        other.close()


def test_each_attempt_is_logged_with_its_answer(app, shop, receiver):
    shop.endpoint(receiver)
    shop.emit()
    receiver.status = 500
    run_hooks(app)
    _past_next_attempt()
    receiver.status = 204
    run_hooks(app)
    rows = db.session.scalars(
        select(HookAttempt).order_by(HookAttempt.number).execution_options(all_tenants=True)
    ).all()
    assert [(a.number, a.status_code, a.succeeded) for a in rows] == [(1, 500, False), (2, 204, True)]
    assert rows[0].error == "The receiver answered 500." and rows[0].duration_ms >= 0
