"""An endpoint's life: 410 and five failing days disable it (owners emailed), secrets rotate with
both signatures for a day, messages replay one by one or since a time, test events, retention."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from core import clock, db
from core.audit.models import AuditEvent
from core.delivery import DeliveryStatus
from core.mail.models import OutboxMessage
from runtime.hooks.models import HookAttempt, HookDelivery, HookMessage
from runtime.hooks.tasks import purge
from tests.support.hooks import Receiver, allow_local, run_hooks, workspace


@pytest.fixture()
def receiver():
    server = Receiver()
    yield server
    server.close()


@pytest.fixture()
def shop(app, client, monkeypatch):
    allow_local(app, monkeypatch)
    return workspace(app, client, "x-hooks-life")


def _all(model):
    db.session.expire_all()
    return list(db.session.scalars(select(model).execution_options(all_tenants=True)))


def _mail_about_hooks():
    return list(
        db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.template == "hook_disabled").order_by(OutboxMessage.id)
        )
    )


def test_410_gone_disables_the_endpoint_and_tells_the_owners(app, shop, receiver):
    endpoint = shop.endpoint(receiver)
    receiver.status = 410
    shop.emit()
    shop.emit()
    run_hooks(app)
    shown = shop.hooks("GET", f"/endpoints/{endpoint['id']}", 200).get_json()
    assert shown["enabled"] is False and "410" in shown["disabled_reason"]
    assert {d.status for d in _all(HookDelivery)} == {DeliveryStatus.FAILED}
    assert len(receiver.calls) == 1, "nothing more is sent to a receiver that said Gone"
    [mail] = _mail_about_hooks()
    assert receiver.url in mail.text_body
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.tenant_id == shop.id)).all()
    assert "hook.disabled" in actions
    shop.emit()
    assert run_hooks(app) == 0


def test_an_endpoint_failing_everything_for_five_days_is_disabled(app, shop, receiver):
    endpoint = shop.endpoint(receiver)
    receiver.status = 500
    for _day in range(6):
        shop.emit()
        run_hooks(app)
        clock.travel(timedelta(days=1))
    clock.travel(timedelta(seconds=1))
    shop.emit()
    run_hooks(app)
    clock.reset()
    shown = shop.hooks("GET", f"/endpoints/{endpoint['id']}", 200).get_json()
    assert shown["enabled"] is False and "5 days" in shown["disabled_reason"]
    assert shown["health"]["failure_streak"] >= 6
    assert len(_mail_about_hooks()) == 1
    # Turned back on, it starts afresh.
    again = shop.hooks("PATCH", f"/endpoints/{endpoint['id']}", 200, json={"enabled": True}).get_json()
    assert again["disabled_reason"] is None and again["health"]["failure_streak"] == 0


def test_a_rotated_secret_signs_alongside_the_old_one_for_a_day(app, shop, receiver):
    endpoint = shop.endpoint(receiver)
    old = receiver.secrets[0]
    rotated = shop.hooks("POST", f"/endpoints/{endpoint['id']}/rotate-secret", 200).get_json()
    new = rotated["secret"]
    assert new.startswith("whsec_") and new != old
    receiver.secrets = [old, new]
    shop.emit()
    run_hooks(app)
    [call] = receiver.calls
    assert call.verified_by == [old, new] and len(call.headers["webhook-signature"].split(" ")) == 2

    clock.travel(timedelta(hours=24, seconds=1))
    shop.emit()
    run_hooks(app)
    assert receiver.calls[-1].verified_by == [new]


def test_replay_one_message_and_every_failure_since_a_time(app, shop, receiver):
    endpoint = shop.endpoint(receiver)
    receiver.status = 500
    shop.emit()
    shop.emit()
    for _ in range(8):
        run_hooks(app)
        clock.travel(timedelta(hours=13))
    clock.reset()
    assert {d.status for d in _all(HookDelivery)} == {DeliveryStatus.FAILED}
    receiver.status = 200
    receiver.calls.clear()

    first = min(_all(HookMessage), key=lambda m: m.id)
    answer = shop.hooks("POST", f"/messages/{first.id}/replay", 202, json={}).get_json()
    assert answer == {"replayed": 1, "more": False}
    run_hooks(app)
    assert receiver.ids() == {f"msg_{first.id.hex}"}

    since = (clock.now() - timedelta(hours=1)).isoformat()
    answer = shop.hooks("POST", "/replay", 202, json={"since": since, "endpoint_id": endpoint["id"]}).get_json()
    assert answer == {"replayed": 1, "more": False}
    run_hooks(app)
    assert len(receiver.ids()) == 2 and receiver.unverified == []
    assert {d.status for d in _all(HookDelivery)} == {DeliveryStatus.SUCCEEDED}
    replays = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "hook.replayed")).all()
    assert len(replays) == 2
    shown = shop.hooks("GET", f"/messages/{first.id}", 200).get_json()
    assert shown["payload"]["type"] == "record.created" and shown["deliveries"][0]["status"] == "succeeded"


def test_the_test_button_sends_a_test_event(app, shop, receiver):
    endpoint = shop.endpoint(receiver)
    sent = shop.hooks("POST", f"/endpoints/{endpoint['id']}/test", 202).get_json()
    run_hooks(app)
    [call] = receiver.calls
    assert call.webhook_id == sent["webhook_id"] and call.payload["type"] == "hook.test"
    assert receiver.unverified == []
    listed = shop.hooks("GET", "/deliveries", 200, query_string={"event_type": "hook.test"}).get_json()["items"]
    assert [d["status"] for d in listed] == ["succeeded"]


def test_attempts_older_than_30_days_are_deleted(app, shop, receiver):
    shop.endpoint(receiver)
    shop.emit()
    run_hooks(app)
    clock.travel(timedelta(days=29))
    shop.emit()
    run_hooks(app)
    assert len(_all(HookAttempt)) == 2
    clock.travel(timedelta(days=1, hours=1))
    with app.app_context():
        assert purge.apply().get() == 2  # the old attempt and its finished message
    [kept] = _all(HookAttempt)
    assert kept.attempted_at > clock.now() - timedelta(days=30)
    assert len(_all(HookMessage)) == 1
