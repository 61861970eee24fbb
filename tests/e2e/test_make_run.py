"""`loom run` (what `make run` starts): comes up with embedded services, says how to sign in where it
prints the address, stops cleanly and in order on Ctrl-C, keeps data."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

from tests.e2e.stack import LoomStack

# The port opens before the web server's workers have loaded the app: the first answer may take a while.
ANSWER_TIMEOUT = 120


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=ANSWER_TIMEOUT) as response:
        return json.loads(response.read())


def _post(url: str, body: dict) -> int:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=ANSWER_TIMEOUT) as response:
        return int(response.status)


def _final_block(output: str) -> str:
    """What `loom run` prints last, from the address to "Press Ctrl-C to stop."."""
    start = output.rindex("Loom is running at")
    return output[start : output.index("Press Ctrl-C to stop.", start)]


def _after_stop(output: str) -> str:
    return output[output.rindex("Stopping Loom ...") :]


def test_run_stops_on_ctrl_c_and_keeps_data_between_runs(tmp_path: Path) -> None:
    first = LoomStack(tmp_path)
    output = first.start()
    try:
        assert "Super admin created: admin@loom.example" in output
        password = first.admin_password()
        assert password
        # Said again under the address, so it does not scroll away with the start-up messages.
        final = _final_block(output)
        assert "Super admin: admin@loom.example" in final and password in final
        health = _get(first.url + "/api/health")
        assert {key: health[key] for key in ("status", "database", "broker")} == {
            "status": "ok",
            "database": "ok",
            "broker": "ok",
        }
        assert (
            _post(
                first.url + "/api/auth/register", {"email": "kept@example.com", "password": "a lasting pass phrase 9"}
            )
            == 200
        )
    finally:
        assert first.stop() == 0
    assert (tmp_path / "var" / "postgres" / "PG_VERSION").exists()

    second = LoomStack(tmp_path)
    second.log_path = tmp_path / "second-run.log"
    output = second.start()
    try:
        assert "created earlier" in output and "Initial password" not in output
        final = _final_block(output)
        assert "Super admin: admin@loom.example" in final and "password was shown at the start that made it" in final
        mailbox = _get(second.url + "/api/dev/mailbox")
        assert any(item["to"] == "kept@example.com" for item in mailbox["items"])
    finally:
        assert second.stop() == 0


def test_ctrl_c_stops_worker_and_beat_then_web_then_redis_and_postgres_without_errors(tmp_path: Path) -> None:
    stack = LoomStack(tmp_path)
    stack.start()
    try:
        # Everything up and using Redis: the worker consuming (and its hooks relay), beat sending.
        assert stack.wait_for(r"celery@\S+ ready\."), stack.output()[-4000:]
        assert stack.wait_for(r"Scheduler: Sending due task"), stack.output()[-4000:]
    finally:
        code = stack.stop()
    after = _after_stop(stack.output())
    assert code == 0, after
    troubles = [line for line in after.splitlines() if re.search(r"ERROR|CRITICAL|Traceback", line)]
    assert troubles == [], after
    # In order: the worker's warm shutdown, then the web server's; PostgreSQL stops last.
    assert after.index("Warm shutdown") < after.index("Handling signal: term") < after.index("pg_ctl")
