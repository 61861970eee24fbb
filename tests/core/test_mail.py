"""The outbox: written in the business transaction, delivered by the Celery task."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from sqlalchemy import select

from core import clock, db
from core.mail.delivery import MAX_ATTEMPTS, DeliveryFailed, deliver, pending_ids
from core.mail.models import OutboxMessage, OutboxStatus
from core.mail.operations import queue_email
from core.mail.tasks import deliver_outbox_message
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


def test_mail_from_a_rolled_back_transaction_never_exists(db_session):
    message_id = _queue().id
    db.session.rollback()
    assert db.session.get(OutboxMessage, message_id) is None


def test_capture_backend_keeps_mail_for_the_dev_mailbox(app, db_session, client):
    message = _queue("Captured")
    db.session.commit()
    with app.app_context():
        assert deliver_outbox_message.apply(args=[str(message.id)]).get() == "captured"
    db.session.expire_all()
    assert db.session.get(OutboxMessage, message.id).status == OutboxStatus.CAPTURED
    # Read in the dev mailbox on the development stage only: tests/runtime/test_dev_mailbox.py.


def test_smtp_backend_sends_to_the_server(app, db_session, sink):
    settings = dataclasses.replace(app.config["LOOM"], mail_backend="smtp", smtp_port=sink.port)
    message = _queue("By SMTP")
    assert deliver(db.session(), settings, message.id) == OutboxStatus.SENT
    assert message.sent_at is not None and message.attempts == 1
    assert len(sink.messages) == 1
    assert "Subject: By SMTP" in sink.messages[0]["data"]
    assert "ann@example.com" in sink.messages[0]["rcpt"][0]
    # A second delivery of the same message sends nothing.
    assert deliver(db.session(), settings, message.id) is None
    assert len(sink.messages) == 1


def test_smtp_failure_is_retried_then_given_up(app, db_session):
    settings = dataclasses.replace(app.config["LOOM"], mail_backend="smtp", smtp_port=1)
    message = _queue("Unreachable")
    for attempt in range(1, MAX_ATTEMPTS):
        with pytest.raises(DeliveryFailed):
            deliver(db.session(), settings, message.id)
        assert message.attempts == attempt and message.status == OutboxStatus.PENDING
        assert message.last_error
    assert deliver(db.session(), settings, message.id) == OutboxStatus.FAILED


def test_sweep_finds_mail_nobody_picked_up(db_session):
    message = _queue("Forgotten")
    db.session.flush()
    assert message.id not in pending_ids(db.session(), older_than_seconds=60)
    clock.travel(timedelta(minutes=2))
    try:
        assert message.id in pending_ids(db.session(), older_than_seconds=60)
    finally:
        clock.reset()


def test_registration_mail_is_delivered_by_the_task(app, client):
    client.post(
        "/api/auth/register", json={"email": "carol@example.com", "password": "correct horse battery staple 42"}
    )
    message = db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == "carol@example.com")).one()
    assert message.status == OutboxStatus.PENDING
    with app.app_context():
        deliver_outbox_message.apply(args=[str(message.id)]).get()
    db.session.expire_all()
    assert db.session.get(OutboxMessage, message.id).status == OutboxStatus.CAPTURED
