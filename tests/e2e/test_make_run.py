"""`loom run` (what `make run` starts): comes up with embedded services, stops on Ctrl-C, keeps data."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

from tests.e2e.stack import LoomStack


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def _post(url: str, body: dict) -> int:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return int(response.status)


def test_run_stops_on_ctrl_c_and_keeps_data_between_runs(tmp_path: Path) -> None:
    first = LoomStack(tmp_path)
    output = first.start()
    try:
        assert "Super admin created: admin@loom.example" in output
        assert first.admin_password()
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
        mailbox = _get(second.url + "/api/dev/mailbox")
        assert any(item["to"] == "kept@example.com" for item in mailbox["items"])
    finally:
        assert second.stop() == 0
