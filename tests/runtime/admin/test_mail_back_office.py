"""The back office's mail: dead letters of all workspaces listed for admins, and sent again (one,
or all since a time), each from the start of the schedule; audited, and for admins only."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from core import clock, db
from core.mail.delivery import pending_ids
from core.mail.models import OutboxMessage, OutboxStatus
from core.mail.operations import queue_email
from tests.core.test_mail_retries import _deliver, _row, _use_smtp
from tests.core.test_mail_smtp import ScriptedSmtp, closed_port
from tests.factories import create_tenant, hardened_admin, signed_in_user
from tests.support.fakes import SmtpSink

RECIPIENT = "bea@example.com"


@pytest.fixture()
def admin(app, client):
    return hardened_admin(app, client)[1]


def _workspace(client, slug: str) -> uuid.UUID:
    _, owner = signed_in_user(client, "owner")
    return uuid.UUID(create_tenant(client, owner, slug)["id"])


def _queue(subject: str, tenant_id: uuid.UUID | None) -> uuid.UUID:
    message = queue_email(
        db.session(),
        recipient=RECIPIENT,
        sender="Loom <no-reply@loom.test>",
        subject=subject,
        text_body="Plain body",
        template="invitation",
        tenant_id=tenant_id,
    )
    db.session.commit()
    return message.id


def _listed(client, admin, **query) -> list[dict]:
    answer = client.get("/api/admin/mail", query_string=query, headers=admin)
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()["items"]


def _audited(client, admin, action: str) -> list[dict]:
    return client.get("/api/admin/audit", query_string={"action": action}, headers=admin).get_json()["items"]


def test_a_message_dead_after_a_day_of_outage_is_listed_and_sent_again_once_smtp_is_back(app, client, monkeypatch):
    tenant_id = _workspace(client, "x-mail-story")
    _use_smtp(app, monkeypatch, closed_port())
    message_id = _queue("You are invited", tenant_id)
    first = clock.now()
    _deliver(message_id)
    while (row := _row(message_id)).status == OutboxStatus.PENDING:
        clock.travel(row.next_attempt_at - clock.now())
        _deliver(message_id)
    assert row.status == OutboxStatus.FAILED and row.finished_at - first >= timedelta(hours=24)

    admin = hardened_admin(app, client)[1]  # signed in now: a token lives 30 minutes
    [item] = [i for i in _listed(client, admin) if i["id"] == str(message_id)]
    assert item["tenant"] == "x-mail-story" and item["recipient"] == RECIPIENT
    assert item["subject"] == "You are invited" and item["template"] == "invitation"
    assert item["attempts"] == 8 and item["status"] == "failed" and item["next_attempt_at"] is None
    assert item["last_error"].startswith("ConnectionRefusedError") and item["finished_at"] and item["created_at"]
    assert [i["id"] for i in _listed(client, admin, tenant="x-mail-story")] == [str(message_id)]
    _workspace(client, "x-mail-other")
    assert _listed(client, admin, tenant="x-mail-other") == []
    assert client.get("/api/admin/mail", query_string={"tenant": "x-none"}, headers=admin).status_code == 404

    sink = SmtpSink()  # the SMTP server is back
    try:
        _use_smtp(app, monkeypatch, sink.port)
        answer = client.post(f"/api/admin/mail/{message_id}/send-again", headers=admin)
        assert answer.status_code == 200, answer.get_json()
        again = answer.get_json()
        assert (again["status"], again["attempts"], again["last_error"], again["tenant"]) == (
            "pending",
            0,
            None,
            "x-mail-story",
        )
        assert str(message_id) not in {i["id"] for i in _listed(client, admin)}
        assert str(message_id) in {i["id"] for i in _listed(client, admin, status="pending")}
        assert _deliver(message_id) == "sent"
        assert _deliver(message_id) is None and message_id not in pending_ids(db.session())
        assert len(sink.messages) == 1 and "Subject: You are invited" in sink.messages[0]["data"]
    finally:
        sink.close()

    [event] = _audited(client, admin, "mail.sent_again")
    assert (event["target_type"], event["target_id"], event["target_label"]) == ("mail", str(message_id), "invitation")
    assert event["actor"]["kind"] == "admin" and event["tenant"] is None and event["details"] == {"attempts": 8}
    refused = client.post(f"/api/admin/mail/{message_id}/send-again", headers=admin)
    assert refused.status_code == 409 and "sent" in refused.get_json()["detail"]
    assert client.post(f"/api/admin/mail/{uuid.uuid4()}/send-again", headers=admin).status_code == 404


def test_send_all_again_starts_every_dead_letter_since_a_time(app, client, admin, monkeypatch):
    mine, other = _workspace(client, "x-mail-mine"), _workspace(client, "x-mail-others")
    _use_smtp(app, monkeypatch, closed_port())
    retried = _queue("Being retried", mine)
    assert _deliver(retried) == "pending"
    assert [i["id"] for i in _listed(client, admin, status="pending", tenant="x-mail-mine")] == [str(retried)]
    assert _listed(client, admin, tenant="x-mail-mine") == []  # no dead letter there yet
    server = ScriptedSmtp(rcpt_reply="550 5.1.1 No such user")  # each is dead at its first attempt
    try:
        _use_smtp(app, monkeypatch, server.port)
        dead = [_queue(f"Dead {n}", tenant) for n, tenant in enumerate((mine, mine, other))]
        assert [_deliver(message_id) for message_id in dead] == ["failed"] * 3
    finally:
        server.close()
    since = (clock.now() - timedelta(hours=1)).isoformat()

    nothing = client.post("/api/admin/mail/send-again", json={"since": clock.now().isoformat()}, headers=admin)
    assert nothing.get_json() == {"sent_again": 0, "more": False}
    assert _audited(client, admin, "mail.sent_all_again") == []  # nothing started, nothing to audit

    answer = client.post("/api/admin/mail/send-again", json={"since": since, "tenant": "x-mail-mine"}, headers=admin)
    assert answer.status_code == 200 and answer.get_json() == {"sent_again": 2, "more": False}
    assert [_row(m).status for m in dead] == [OutboxStatus.PENDING, OutboxStatus.PENDING, OutboxStatus.FAILED]
    assert all(_row(m).attempts == 0 for m in dead[:2])
    assert set(dead[:2]) <= set(pending_ids(db.session()))  # the sweep hands them out at once
    [event] = _audited(client, admin, "mail.sent_all_again")
    assert event["details"] == {"since": since, "tenant": "x-mail-mine", "messages": 2}

    everything = client.post("/api/admin/mail/send-again", json={"since": since}, headers=admin).get_json()
    assert everything["sent_again"] >= 1 and _row(dead[2]).status == OutboxStatus.PENDING


def test_bad_requests_are_problems_and_only_admins_get_anything(client, admin):
    for body in ({}, {"since": "yesterday"}, {"since": "9999-12-31T23:59:59-05:00"}, {"since": None}):
        answer = client.post("/api/admin/mail/send-again", json=body, headers=admin)
        assert answer.status_code == 422 and answer.mimetype == "application/problem+json", body
    unknown = client.post(
        "/api/admin/mail/send-again", json={"since": "2026-01-01T00:00:00Z", "tenant": "x-none"}, headers=admin
    )
    assert unknown.status_code == 404
    assert client.get("/api/admin/mail", query_string={"status": "sent"}, headers=admin).status_code == 422
    assert client.get("/api/admin/mail", query_string={"cursor": "nonsense"}, headers=admin).status_code == 422
    message_id = _queue("Not for members", None)
    _, member = signed_in_user(client, "member")
    for method, path in (
        ("GET", "/api/admin/mail"),
        ("POST", f"/api/admin/mail/{message_id}/send-again"),
        ("POST", "/api/admin/mail/send-again"),
    ):
        assert client.open(path, method=method, json={"since": "2026-01-01T00:00:00Z"}).status_code == 401
        assert (
            client.open(path, method=method, json={"since": "2026-01-01T00:00:00Z"}, headers=member).status_code == 403
        )
    assert db.session.get(OutboxMessage, message_id).status == OutboxStatus.PENDING
