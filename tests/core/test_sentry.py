"""Sentry: a worker's error reaches it (a local fake speaking the envelope protocol) with the
release and the request id of the request that queued the task; events carry no tokens, secrets
or personal data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
import uuid

import pytest

from core.sentry import FILTERED, before_breadcrumb, before_send, scrub_text
from tests.support.fakes import FakeSentry

WORKER_SCRIPT = textwrap.dedent(
    """
    import os, sys, threading
    import sentry_sdk
    from celery import shared_task
    from celery.signals import task_failure
    from runtime.app import create_app
    from core.logging import new_request_id

    QUEUE = os.environ["PROBE_QUEUE"]
    app = create_app("testing")
    # As `celery worker` does: the worker's modules load after the app (and Sentry) started.
    from celery.contrib.testing.worker import start_worker
    celery = app.extensions["celery"]
    failed = threading.Event()

    @shared_task(name="tests.sentry_probe")
    def explode(who):
        raise RuntimeError(f"worker kaboom for {who}, token Bearer abc.def.ghi")

    task_failure.connect(lambda **kwargs: failed.set(), weak=False)

    with start_worker(celery, pool="solo", perform_ping_check=False, queues=[QUEUE], shutdown_timeout=30):
        with app.test_request_context():
            new_request_id("req-worker-probe")
            explode.apply_async(args=["ada@example.com"], queue=QUEUE)
        print("FAILED" if failed.wait(120) else "NEVER RAN", flush=True)
    sentry_sdk.flush(timeout=10)
    for handler in __import__("logging").getLogger().handlers:
        handler.flush()
    """
)


@pytest.fixture()
def fake_sentry():
    fake = FakeSentry()
    yield fake
    fake.close()


def _events(fake: FakeSentry) -> list[dict]:
    return [item for item in fake.items if "exception" in item]


def test_a_worker_error_reaches_sentry_with_release_and_request_id(database_url, fake_sentry):
    env = dict(os.environ)
    env.update(
        LOOM_ENV="testing",
        LOOM_DATABASE_URL=database_url,
        LOOM_SENTRY_DSN=fake_sentry.dsn(),
        LOOM_SENTRY_RELEASE="loom@2026.12.7-test",
        PROBE_QUEUE=f"loom-test-sentry-{uuid.uuid4().hex[:8]}",
    )
    result = subprocess.run([sys.executable, "-c", WORKER_SCRIPT], env=env, capture_output=True, text=True, timeout=300)
    assert "FAILED" in result.stdout, result.stdout[-2000:] + result.stderr[-4000:]

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not _events(fake_sentry):
        time.sleep(0.1)
    events = _events(fake_sentry)
    assert events, fake_sentry.items
    event = events[0]
    exception = event["exception"]["values"][-1]
    assert exception["type"] == "RuntimeError"
    assert "worker kaboom" in exception["value"]
    assert event["release"] == "loom@2026.12.7-test"
    assert event["environment"] == "testing"
    tags = event.get("tags") or {}
    assert tags.get("request_id") == "req-worker-probe", tags
    everything = repr(event)
    assert "ada@example.com" not in everything
    assert "abc.def.ghi" not in everything
    assert FILTERED in exception["value"]
    # Celery's own line about the failure is logged under the queuing request's id too.
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    failure_lines = [line for line in lines if "raised unexpected" in line.get("message", "")]
    assert failure_lines and all(line["request_id"] == "req-worker-probe" for line in failure_lines)
    frames = [frame for value in event["exception"]["values"] for frame in value["stacktrace"]["frames"]]
    assert frames and not any("vars" in frame for frame in frames)  # no local variables (records' values)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("mail to ada.lovelace+crm@example.co.uk failed", "ada.lovelace+crm@example.co.uk"),
        ("header was Bearer eyJhbGciOi.payload-part.sig_nature", "eyJhbGciOi.payload-part.sig_nature"),
        ("key loom_0123456789abcdef_Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4 refused", "Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4"),
        ("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbg here", "eyJzdWIiOiIxMjM0NTY3ODkwIn0"),
        ("signing secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
    ],
)
def test_secrets_and_addresses_are_cut_from_any_text(text, secret):
    scrubbed = scrub_text(text)
    assert secret not in scrubbed
    assert FILTERED in scrubbed


def test_plain_text_is_left_alone():
    text = "RuntimeError: division by zero in flow 'Approve order' at step 3"
    assert scrub_text(text) == text


def test_an_event_leaves_without_bodies_cookies_secret_query_values_or_addresses():
    event = {
        "request": {
            "url": "https://loom.example/api/auth/reset/abcdef123456?email=ada@example.com&page=2",
            "query_string": "token=s3cr3t&page=2",
            "data": {"password": "hunter2"},
            "cookies": {"session": "x"},
        },
        "exception": {"values": [{"type": "ValueError", "value": "bad value from grace@example.org"}]},
        "extra": {"nested": {"note": "call Bearer abc.def"}},
    }
    sent = before_send(event, {})
    assert "data" not in sent["request"] and "cookies" not in sent["request"]
    assert "abcdef123456" not in sent["request"]["url"]
    assert "ada@example.com" not in sent["request"]["url"]
    assert "s3cr3t" not in sent["request"]["query_string"] and "page=2" in sent["request"]["query_string"]
    assert "grace@example.org" not in sent["exception"]["values"][0]["value"]
    assert "abc.def" not in sent["extra"]["nested"]["note"]


def test_breadcrumb_urls_lose_their_tokens():
    crumb = {"category": "httplib", "data": {"url": "https://hooks.example/in?signature=abc&x=1"}, "message": None}
    sent = before_breadcrumb(crumb, {})
    assert "abc" not in sent["data"]["url"] and "x=1" in sent["data"]["url"]
