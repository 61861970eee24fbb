"""The outbox: written in the business transaction, delivered by the Celery task."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from core import clock, db
from core.db import scope_to_tenant
from core.mail.delivery import pending_ids
from core.mail.models import OutboxMessage, OutboxStatus
from core.mail.operations import queue_email
from core.mail.tasks import deliver_outbox_message
from tests.factories import create_tenant, signed_in_user
from tests.support.fakes import SmtpSink


@pytest.fixture()
def sink():
    server = SmtpSink()
    yield server
    server.close()


def _queue(subject: str = "Hello") -> OutboxMessage:
    return queue_email(
        db.session(),
        recipient="ann@example.com",
        sender="Loom <no-reply@loom.test>",
        subject=subject,
        text_body="Plain body",
        html_body="<p>HTML body</p>",
        template="test",
    )


def _row(message_id) -> OutboxMessage:
    db.session.expire_all()
    return db.session.get(OutboxMessage, message_id)


def test_mail_from_a_rolled_back_transaction_never_exists(db_session):
    message_id = _queue().id
    db.session.rollback()
    assert db.session.get(OutboxMessage, message_id) is None


def test_capture_backend_keeps_mail_for_the_dev_mailbox(app, db_session, client):
    message = _queue("Captured")
    db.session.commit()
    with app.app_context():
        assert deliver_outbox_message.apply(args=[str(message.id)]).get() == "captured"
    assert _row(message.id).status == OutboxStatus.CAPTURED
    # Read in the dev mailbox on the development stage only: tests/runtime/test_dev_mailbox.py.


def test_smtp_backend_sends_to_the_server_once(app, db_session, sink, monkeypatch):
    monkeypatch.setitem(
        app.config, "LOOM", dataclasses.replace(app.config["LOOM"], mail_backend="smtp", smtp_port=sink.port)
    )
    message = _queue("By SMTP")
    db.session.commit()
    assert deliver_outbox_message.apply(args=[str(message.id)]).get() == "sent"
    sent = _row(message.id)
    assert sent.sent_at is not None and sent.finished_at == sent.sent_at and sent.attempts == 1
    assert sent.next_attempt_at is None and sent.last_error is None
    assert len(sink.messages) == 1
    assert "Subject: By SMTP" in sink.messages[0]["data"]
    assert "ann@example.com" in sink.messages[0]["rcpt"][0]
    # Another copy of the task, or the sweep, sends nothing more.
    assert deliver_outbox_message.apply(args=[str(message.id)]).get() is None
    assert message.id not in pending_ids(db.session())
    assert len(sink.messages) == 1


def test_the_sweep_leaves_new_mail_to_its_own_task_for_a_minute(db_session):
    message = _queue("Forgotten")
    db.session.flush()
    assert message.id not in pending_ids(db.session(), older_than_seconds=60)
    clock.travel(timedelta(minutes=2))
    assert message.id in pending_ids(db.session(), older_than_seconds=60)


def test_mail_names_the_workspace_whose_work_sent_it(client):
    _, headers = signed_in_user(client)
    tenant_id = uuid.UUID(create_tenant(client, headers, "x-mail-names")["id"])
    assert _queue("No workspace").tenant_id is None
    with scope_to_tenant(db.session(), tenant_id):
        assert _queue("In the workspace").tenant_id == tenant_id


def test_registration_mail_is_delivered_by_the_task(app, client):
    client.post(
        "/api/auth/register", json={"email": "carol@example.com", "password": "correct horse battery staple 42"}
    )
    message = db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == "carol@example.com")).one()
    assert message.status == OutboxStatus.PENDING
    with app.app_context():
        deliver_outbox_message.apply(args=[str(message.id)]).get()
    assert _row(message.id).status == OutboxStatus.CAPTURED
