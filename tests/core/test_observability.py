"""Errors reach Sentry and logs reach Logstash (local fakes speaking the real protocols)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

import pytest

from tests.support.fakes import FakeLogstash, FakeSentry

SCRIPT = textwrap.dedent(
    """
    import logging, sentry_sdk
    from runtime.app import create_app

    app = create_app("testing")

    @app.route("/api/explode")
    def explode():
        raise RuntimeError("kaboom from the observability test")

    client = app.test_client()
    response = client.get("/api/explode", headers={"X-Request-ID": "req-observe-1"})
    print("STATUS", response.status_code, response.mimetype, flush=True)
    logging.getLogger("loom.test").warning("a record for logstash", extra={"answer": 42})
    sentry_sdk.flush(timeout=5)
    for handler in logging.getLogger().handlers:
        handler.flush()
    """
)


@pytest.fixture()
def fakes():
    sentry, logstash = FakeSentry(), FakeLogstash()
    yield sentry, logstash
    sentry.close()
    logstash.close()


def test_unhandled_error_reaches_sentry_and_logs_reach_logstash(database_url, fakes):
    sentry, logstash = fakes
    env = dict(os.environ)
    env.update(
        LOOM_ENV="testing",
        LOOM_DATABASE_URL=database_url,
        LOOM_SENTRY_DSN=sentry.dsn(),
        LOOM_LOGSTASH_HOST="127.0.0.1",
        LOOM_LOGSTASH_PORT=str(logstash.port),
    )
    result = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=60)
    assert "STATUS 500 application/problem+json" in result.stdout, result.stderr

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not (
        any("exception" in item for item in sentry.items)
        and any("logstash" in r.get("message", "") for r in logstash.records)
    ):
        time.sleep(0.1)

    events = [item for item in sentry.items if "exception" in item]
    assert events, sentry.items
    exception = events[0]["exception"]["values"][-1]
    assert exception["type"] == "RuntimeError" and "kaboom" in exception["value"]

    by_message = {record.get("message"): record for record in logstash.records}
    assert "a record for logstash" in by_message, logstash.records
    assert (
        by_message["a record for logstash"].get("answer") == 42
        or by_message["a record for logstash"].get("extra", {}).get("answer") == 42
    )
    assert any(
        r.get("request_id") == "req-observe-1" or r.get("extra", {}).get("request_id") == "req-observe-1"
        for r in logstash.records
    )

    json_lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    request_lines = [line for line in json_lines if line.get("request_id") == "req-observe-1"]
    assert any(line["message"] == "unhandled error" for line in request_lines)
    assert any(line["message"].startswith("GET /api/explode") for line in request_lines)
