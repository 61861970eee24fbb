"""Mail is retried on Svix's schedule over more than a day, on Loom's clock, then dead-lettered;
the sweep hands out only what is due, and a worker killed mid-send loses nothing and sends
nothing twice."""

from __future__ import annotations

import dataclasses
import logging
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import timedelta

from sqlalchemy import delete

from core import clock, db
from core.delivery import SVIX_SCHEDULE
from core.mail.delivery import claim, pending_ids, policy
from core.mail.models import OutboxMessage, OutboxStatus
from core.mail.operations import queue_email
from core.mail.queries import dead_lettered_since
from core.mail.tasks import deliver_outbox_message, sweep_outbox
from tests.core.test_mail_smtp import ScriptedSmtp, closed_port

RECIPIENT = "ann@example.com"


def _use_smtp(app, monkeypatch, port: int, timeout: int = 5) -> None:
    settings = dataclasses.replace(
        app.config["LOOM"], mail_backend="smtp", smtp_port=port, smtp_timeout_seconds=timeout
    )
    monkeypatch.setitem(app.config, "LOOM", settings)


def _queue(subject: str = "Hello") -> OutboxMessage:
    message = queue_email(
        db.session(),
        recipient=RECIPIENT,
        sender="Loom <no-reply@loom.test>",
        subject=subject,
        text_body="Plain body",
        template="test",
    )
    db.session.commit()
    return message


def _deliver(message_id) -> str | None:
    return deliver_outbox_message.apply(args=[str(message_id)]).get()


def _row(message_id) -> OutboxMessage:
    db.session.expire_all()
    return db.session.get(OutboxMessage, message_id)


def test_an_outage_is_retried_on_the_schedule_for_more_than_a_day_then_dead_lettered(
    app, db_session, monkeypatch, caplog
):
    caplog.set_level(logging.INFO)
    _use_smtp(app, monkeypatch, closed_port())
    message_id = _queue("Through the outage").id
    first = clock.now()
    assert _deliver(message_id) == "pending"  # the task returns: Celery does not retry on its own
    waits = []
    while (row := _row(message_id)).status != OutboxStatus.FAILED:
        assert row.status == OutboxStatus.PENDING and row.last_error.startswith("ConnectionRefusedError")
        attempts, due = row.attempts, row.next_attempt_at
        waits.append(due - row.last_attempt_at)
        # A second before it is due, neither a copy of the task nor the sweep touches it.
        clock.travel(due - clock.now() - timedelta(seconds=1))
        assert _deliver(message_id) is None
        assert message_id not in pending_ids(db.session())
        assert _row(message_id).attempts == attempts
        clock.travel(timedelta(seconds=1))
        assert message_id in pending_ids(db.session())
        _deliver(message_id)
    assert row.attempts == len(SVIX_SCHEDULE) == 8 and row.next_attempt_at is None
    assert row.finished_at - first >= timedelta(hours=24)
    assert all(wait >= SVIX_SCHEDULE[n + 1] for n, wait in enumerate(waits)), waits
    assert dead_lettered_since(db.session(), first) == 1
    assert dead_lettered_since(db.session(), row.finished_at) == 0
    assert message_id not in pending_ids(db.session())
    assert _deliver(message_id) is None  # a dead letter stays one until someone sends it again
    logged = [r for r in caplog.records if r.name == "core.mail.delivery"]
    assert [r.levelno for r in logged if r.getMessage() == "mail dead-lettered"] == [logging.ERROR]
    assert all(r.outbox_id == str(message_id) for r in logged)
    assert not [r for r in caplog.records if RECIPIENT in r.getMessage() or RECIPIENT in str(r.__dict__)]


def test_a_recipient_refused_for_good_is_dead_lettered_at_once(app, db_session, monkeypatch):
    server = ScriptedSmtp(rcpt_reply="550 5.1.1 No such user")
    try:
        _use_smtp(app, monkeypatch, server.port)
        message_id = _queue("Nobody there").id
        assert _deliver(message_id) == "failed"
    finally:
        server.close()
    dead = _row(message_id)
    assert dead.attempts == 1 and "550 5.1.1 No such user" in dead.last_error and dead.finished_at is not None
    assert server.messages == []


def test_the_sweep_hands_out_only_what_is_due(app, db_session, monkeypatch):
    _use_smtp(app, monkeypatch, closed_port())
    fresh = _queue("Just queued").id  # its own task has it
    retried = _queue("Retried").id
    assert _deliver(retried) == "pending"  # due again in 5 to 6 s
    held = _queue("Held").id
    assert claim(db.session(), app.config["LOOM"], held) is not None  # a worker holds it now
    db.session.commit()
    assert sweep_outbox() == 0 and pending_ids(db.session()) == []
    clock.travel(timedelta(seconds=61))
    assert pending_ids(db.session()) == [fresh, retried]  # oldest due first
    assert sweep_outbox() == 2
    clock.travel(policy(app.config["LOOM"]).lease)  # the holder's lease ran out: it died
    assert held in pending_ids(db.session()) and sweep_outbox() == 3


# A worker in a process of its own: the test kills it while the SMTP server holds its message.
WORKER = textwrap.dedent(
    """
    import sys
    from core.mail.tasks import deliver_outbox_message
    from runtime.app import create_app

    app = create_app("testing")
    with app.app_context():
        deliver_outbox_message.apply(args=[sys.argv[1]]).get()
    """
)


def _wait_for(condition, what: str, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"still waiting for {what}"
        time.sleep(0.05)


def test_a_worker_killed_mid_send_gets_the_message_sent_once_more(app, database_url, monkeypatch, tmp_path):
    """Real commits (the worker is another process), cleaned up at the end."""
    holding, sink = ScriptedSmtp(hold=True), ScriptedSmtp()
    message_id = None
    worker = None
    try:
        # The held worker would wait a minute for the server's answer; it is killed long before.
        _use_smtp(app, monkeypatch, sink.port, timeout=60)
        message_id = _queue("Through a crash").id
        env = dict(
            os.environ, LOOM_MAIL_BACKEND="smtp", LOOM_SMTP_PORT=str(holding.port), LOOM_SMTP_TIMEOUT_SECONDS="60"
        )
        errors = tmp_path / "worker.err"
        with errors.open("wb") as stderr:
            worker = subprocess.Popen([sys.executable, "-c", WORKER, str(message_id)], env=env, stderr=stderr)
        _wait_for(lambda: holding.holding.is_set() or worker.poll() is not None, "the worker to be mid-send")
        assert holding.holding.is_set(), errors.read_text(errors="replace")
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
        held = _row(message_id)
        assert (held.status, held.attempts) == (OutboxStatus.DELIVERING, 1)
        # While its lease runs, the message is nobody else's: no sweep, no copy of the task.
        assert message_id not in pending_ids(db.session()) and _deliver(message_id) is None
        clock.travel(policy(app.config["LOOM"]).lease + timedelta(seconds=1))
        assert message_id in pending_ids(db.session())
        assert _deliver(message_id) == "sent"
        assert message_id not in pending_ids(db.session()) and _deliver(message_id) is None
        assert len(sink.messages) == 1 and "Subject: Through a crash" in sink.messages[0]["data"]
        assert _row(message_id).attempts == 2
    finally:
        if worker is not None and worker.poll() is None:
            worker.kill()
        holding.close()
        sink.close()
        if message_id is not None:
            db.session.execute(delete(OutboxMessage).where(OutboxMessage.id == message_id))
            db.session.commit()
