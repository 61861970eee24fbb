"""Hooks at speed, with every guarantee kept: the wake-up pushed after commit (and not after a
rollback), the relay that turns waiting keys into one fan-out task, the batch fan-out that leases
first attempts within each endpoint's limits, lanes that drain an endpoint's backlog in one task
within its concurrency and rate limits, and one endpoint query per business transaction."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select

from core import clock, db
from core.delivery import DeliveryStatus
from core.events import emit
from runtime.hooks import dispatch, tasks, wakeup
from runtime.hooks.models import HookAttempt, HookDelivery, HookEndpoint, HookMessage
from tests.support.hooks import Receiver, allow_local, record_payload, workspace


@pytest.fixture()
def receiver():
    server = Receiver()
    yield server
    server.close()


@pytest.fixture()
def shop(app, client, monkeypatch):
    allow_local(app, monkeypatch)
    return workspace(app, client, "x-hooks-lanes")


@pytest.fixture()
def wake_list(app):
    connection = wakeup.client(app.config["LOOM"].redis_url)
    connection.delete(wakeup.WAKE_LIST)
    yield connection
    connection.delete(wakeup.WAKE_LIST)


def _all(model):
    db.session.expire_all()
    return list(db.session.scalars(select(model).execution_options(all_tenants=True)))


def _created():
    return {"record": record_payload(str(uuid.uuid4()), None, {"qty": 1})}


def _message_keys():
    return [(m.tenant_id, m.id) for m in _all(HookMessage)]


def test_a_commit_wakes_the_fan_out_and_a_rollback_does_not(app, shop, receiver, wake_list):
    shop.endpoint(receiver)
    wake_list.delete(wakeup.WAKE_LIST)
    shop.emit(commit=False)
    assert wake_list.llen(wakeup.WAKE_LIST) == 0
    shop.emit()
    shop.emit()
    pushed = {wakeup.parse_key(key) for key in wake_list.lrange(wakeup.WAKE_LIST, 0, -1)}
    assert pushed == set(_message_keys()) and len(pushed) == 2


def test_the_relay_publishes_what_waits_as_one_task_and_puts_it_back_when_it_cannot(app, wake_list):
    keys = [wakeup.key_of(uuid.uuid4(), uuid.uuid4()) for _ in range(3)]
    wake_list.rpush(wakeup.WAKE_LIST, keys[0], keys[1], keys[0], keys[2])
    published: list[list[str]] = []
    assert wakeup.relay_once(wake_list, published.append, timeout=0.1) == 3
    assert published == [keys] and wake_list.llen(wakeup.WAKE_LIST) == 0
    assert wakeup.relay_once(wake_list, published.append, timeout=0.1) == 0

    def broker_down(_: list[str]) -> None:
        raise ConnectionError("broker down")

    wake_list.rpush(wakeup.WAKE_LIST, *keys)
    with pytest.raises(ConnectionError):
        wakeup.relay_once(wake_list, broker_down, timeout=0.1)
    assert sorted(k.decode() for k in wake_list.lrange(wakeup.WAKE_LIST, 0, -1)) == sorted(keys)


def test_the_batch_fan_out_leases_first_attempts_within_each_endpoint_s_limits(app, shop, receiver, monkeypatch):
    allow_local(app, monkeypatch, hooks_endpoint_concurrency=2)
    shop.endpoint(receiver)
    shop.endpoint(receiver)
    for _ in range(3):
        shop.emit()
    with app.app_context():
        claims = dispatch.fan_out_batch(db.session(), app.config["LOOM"], _message_keys())
        db.session.commit()
        assert dispatch.fan_out_batch(db.session(), app.config["LOOM"], _message_keys()) == []
    deliveries = _all(HookDelivery)
    assert len(claims) == 4 and len(deliveries) == 6
    leased = {d.id for d in deliveries if d.status == DeliveryStatus.DELIVERING and d.attempts == 1}
    assert leased == {c.delivery_id for c in claims}
    assert sorted(d.endpoint_id for d in deliveries if d.id in leased) == sorted([e.id for e in _all(HookEndpoint)] * 2)
    assert all(m.fanned_out_at is not None for m in _all(HookMessage))


def test_a_lane_drains_its_endpoint_s_backlog_in_one_task(app, shop, receiver, monkeypatch):
    allow_local(app, monkeypatch, hooks_endpoint_concurrency=1)
    shop.endpoint(receiver)
    for _ in range(5):
        shop.emit()
    with app.app_context():
        [claim] = tasks.sweep_round(stale_after=timedelta(0))  # concurrency 1: one lane
        assert tasks.run_lane(claim) == 5
    assert len(receiver.ids()) == 5 and not receiver.unverified
    assert {(d.status, d.attempts) for d in _all(HookDelivery)} == {(DeliveryStatus.SUCCEEDED, 1)}
    assert len(_all(HookAttempt)) == 5
    [endpoint] = _all(HookEndpoint)
    assert endpoint.last_status_code == 200 and endpoint.failure_streak == 0 and endpoint.last_success_at


def test_a_lane_stops_at_the_rate_limit_and_leaves_the_rest_due(app, shop, receiver, monkeypatch):
    allow_local(app, monkeypatch, hooks_endpoint_concurrency=1, hooks_endpoint_rate=3)
    shop.endpoint(receiver)
    for _ in range(5):
        shop.emit()
    with app.app_context():
        [claim] = tasks.sweep_round(stale_after=timedelta(0))
        assert tasks.run_lane(claim) == 3  # the claim's slot and two the lane took: 3 in the second
    statuses = sorted(d.status for d in _all(HookDelivery))
    assert statuses == [DeliveryStatus.PENDING] * 2 + [DeliveryStatus.SUCCEEDED] * 3
    assert len(receiver.calls) == 3


def test_a_lane_stopped_by_the_rate_limit_resumes_when_the_next_window_opens(app, shop, receiver, monkeypatch):
    allow_local(app, monkeypatch, hooks_endpoint_concurrency=1, hooks_endpoint_rate=3)
    shop.endpoint(receiver)
    for _ in range(5):
        shop.emit()
    resumed: list[tuple[list[str], float]] = []
    monkeypatch.setattr(  # the broker hand-off: run it here instead, once Loom's clock says so
        tasks.resume_endpoint, "apply_async", lambda args, countdown: resumed.append((args, countdown))
    )
    with app.app_context():
        [claim] = tasks.sweep_round(stale_after=timedelta(0))
        assert tasks.run_lane(claim) == 3
    [(args, countdown)] = resumed
    assert countdown == 1.0
    clock.travel(timedelta(seconds=1, milliseconds=100))
    with app.app_context():
        assert tasks.resume_endpoint(*args) == 1  # one claim (concurrency 1) that drains the rest
    assert sorted(d.status for d in _all(HookDelivery)) == [DeliveryStatus.SUCCEEDED] * 5
    assert len(receiver.ids()) == 5


def test_a_failing_receiver_s_lane_schedules_retries_and_moves_on(app, shop, receiver, monkeypatch):
    allow_local(app, monkeypatch, hooks_endpoint_concurrency=1)
    shop.endpoint(receiver)
    receiver.status = 500
    shop.emit()
    shop.emit()
    with app.app_context():
        [claim] = tasks.sweep_round(stale_after=timedelta(0))
        assert tasks.run_lane(claim) == 2  # each failure waits 5 s; the lane does not retry it
    deliveries = _all(HookDelivery)
    assert {(d.status, d.attempts) for d in deliveries} == {(DeliveryStatus.PENDING, 1)}
    assert all(d.next_attempt_at > d.last_attempt_at for d in deliveries)
    [endpoint] = _all(HookEndpoint)
    assert endpoint.failure_streak == 2 and endpoint.last_status_code == 500 and endpoint.failing_since


def test_a_transaction_asks_for_its_workspace_s_endpoints_once(app, shop, receiver):
    endpoint_id = uuid.UUID(shop.endpoint(receiver)["id"])
    asked: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        if "FROM hook_endpoints JOIN tenants" in statement:
            asked.append(statement)

    engine = app.extensions["loom_engine"]
    event.listen(engine, "before_cursor_execute", count)
    try:
        with app.app_context():
            session = db.session()
            db.set_tenant_scope(session, shop.id)
            for _ in range(3):
                emit(session, "record.created", shop.id, _created(), user_id=None)
            # An endpoint changed in the transaction is asked about again at the next event.
            session.get(HookEndpoint, (shop.id, endpoint_id)).enabled = False
            session.flush()
            emit(session, "record.created", shop.id, _created(), user_id=None)
            db.session.commit()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(asked) == 2
    count_messages = select(func.count()).select_from(HookMessage).execution_options(all_tenants=True)
    assert db.session.scalar(count_messages) == 3


def test_the_fan_out_task_makes_the_first_attempt_itself_and_its_lane_takes_the_rest(
    app, shop, receiver, monkeypatch, wake_list
):
    allow_local(app, monkeypatch, hooks_endpoint_concurrency=1)
    shop.endpoint(receiver)
    shop.emit()
    shop.emit()
    keys = [key.decode() for key in wake_list.lrange(wakeup.WAKE_LIST, 0, -1)]
    with app.app_context():
        assert tasks.dispatch_messages.run(keys) == 1  # one claim (concurrency 1), no task published
    assert len(receiver.ids()) == 2 and not receiver.unverified
    assert {d.status for d in _all(HookDelivery)} == {DeliveryStatus.SUCCEEDED}
