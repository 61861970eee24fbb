"""The dev mailbox (every account's links) is served in development only, to this machine only."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

# A development app in its own process (an app per process: Celery and Flask-Security are global).
SCRIPT = textwrap.dedent(
    """
    from core import db
    from core.mail.operations import queue_email
    from core.mail.models import OutboxMessage
    from runtime.app import create_app

    app = create_app("development")
    with app.app_context():
        message = queue_email(db.session(), recipient="mailbox-check@example.com", sender="Loom <a@b.example>",
                              subject="Check", text_body="Plain body", html_body=None, template="test")
        db.session.commit()
        message_id = message.id
    client = app.test_client()
    try:
        for label, environ, headers in (
            ("LOCAL4", {"REMOTE_ADDR": "127.0.0.1"}, {}),
            ("LOCAL6", {"REMOTE_ADDR": "::1"}, {}),
            ("REMOTE", {"REMOTE_ADDR": "10.1.2.3"}, {}),
            ("PROXIED", {"REMOTE_ADDR": "127.0.0.1"}, {"X-Forwarded-For": "127.0.0.1"}),
            ("FORWARDED", {"REMOTE_ADDR": "127.0.0.1"}, {"Forwarded": "for=127.0.0.1"}),
        ):
            listed = client.get("/api/dev/mailbox", environ_base=environ, headers=headers)
            opened = client.get(f"/api/dev/mailbox/{message_id}", environ_base=environ, headers=headers)
            print(label, listed.status_code, opened.status_code, opened.mimetype)
        body = client.get(f"/api/dev/mailbox/{message_id}", environ_base={"REMOTE_ADDR": "127.0.0.1"}).get_json()
        print("TEXT", body["text"])
    finally:
        with app.app_context():
            db.session.query(OutboxMessage).filter(OutboxMessage.id == message_id).delete()
            db.session.commit()
    """
)


def _development(database_url: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOOM_")}
    env.update(
        LOOM_ENV="development",
        LOOM_DATABASE_URL=database_url,
        LOOM_REDIS_URL=os.environ.get("LOOM_REDIS_URL", "redis://127.0.0.1:6379/15"),
        LOOM_MAIL_BACKEND="capture",
        LOOM_LOG_LEVEL="WARNING",
    )
    result = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_dev_mailbox_answers_only_on_this_machine(database_url):
    out = _development(database_url)
    assert "LOCAL4 200 200 application/json" in out
    assert "LOCAL6 200 200 application/json" in out
    assert "TEXT Plain body" in out
    for label in ("REMOTE", "PROXIED", "FORWARDED"):
        assert f"{label} 404 404 application/problem+json" in out, out


def test_the_testing_stage_has_no_dev_mailbox(client):
    response = client.get("/api/dev/mailbox", environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert response.status_code == 404
