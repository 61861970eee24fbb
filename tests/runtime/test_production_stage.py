"""The production stage: no dev mailbox, secure cookies, and a refusal to start on bad settings."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    from runtime.app import create_app
    app = create_app()
    client = app.test_client()
    print("MAILBOX", client.get("/api/dev/mailbox").status_code)
    print("META", client.get("/api/meta").get_json()["dev_mailbox"])
    print("COOKIE", app.config["SECURITY_REFRESH_TOKEN_COOKIE"]["secure"], app.config["SESSION_COOKIE_SECURE"])
    """
)


def _run(database_url: str, **overrides: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOOM_")}
    env.update(
        LOOM_ENV="production",
        LOOM_SECRET_KEY="p" * 40,
        LOOM_SECURITY_PASSWORD_SALT="q" * 20,
        LOOM_DATABASE_URL=database_url,
        LOOM_REDIS_URL="redis://127.0.0.1:6379/15",
        LOOM_BASE_URL="https://loom.example.com",
        LOOM_STORAGE_DIR_SHARED="true",
    )
    env.update(overrides)
    return subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=60)


def test_production_has_no_dev_mailbox_and_secure_cookies(database_url):
    result = _run(database_url)
    assert result.returncode == 0, result.stderr
    assert "MAILBOX 404" in result.stdout
    assert "META False" in result.stdout
    assert "COOKIE True True" in result.stdout


def test_production_refuses_to_start_with_the_default_secret(database_url):
    result = _run(database_url, LOOM_SECRET_KEY="dev-secret-change-me")
    assert result.returncode != 0
    assert "LOOM_SECRET_KEY" in result.stderr


def test_loom_command_names_the_bad_setting(database_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOOM_")}
    env.update(LOOM_ENV="production", LOOM_DEBUG="true")
    loom = os.path.join(os.path.dirname(sys.executable), "loom")
    result = subprocess.run([loom, "db", "check"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    for setting in ("LOOM_SECRET_KEY", "LOOM_DEBUG", "LOOM_DATABASE_URL"):
        assert setting in result.stderr
