"""Run the whole development stack in the foreground; Ctrl-C stops everything it started."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from runtime.devstack.embedded import start_postgres, start_redis

WORKER_QUEUES = "default,mail,hooks,maintenance"


def _dev_secret(var: Path, name: str) -> str:
    """A random development secret kept in var/ so sessions survive restarts."""
    path = var / name
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _prepare_environment(host: str, port: int, var: Path) -> list[object]:
    """Fill in LOOM_* for the embedded services; returns handles to keep alive."""
    handles: list[object] = []
    runtime_dir = var / "run"
    runtime_dir.mkdir(mode=0o700, exist_ok=True)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime_dir))
    os.environ.setdefault("LOOM_ENV", "development")
    os.environ.setdefault("LOOM_BASE_URL", f"http://{host}:{port}")
    os.environ.setdefault("LOOM_SECRET_KEY", _dev_secret(var, "secret_key"))
    os.environ.setdefault("LOOM_SECURITY_PASSWORD_SALT", _dev_secret(var, "password_salt"))
    if not os.environ.get("LOOM_DATABASE_URL"):
        print("Starting the embedded PostgreSQL in var/postgres ...", flush=True)
        server, url = start_postgres(var / "postgres")
        handles.append(server)
        os.environ["LOOM_DATABASE_URL"] = url
    if not os.environ.get("LOOM_REDIS_URL"):
        print("Starting the embedded Redis in var/redis ...", flush=True)
        process, url = start_redis(var / "redis")
        handles.append(process)
        os.environ["LOOM_REDIS_URL"] = url
    return handles


def _migrate_and_bootstrap() -> None:
    from core import db, migrate
    from core.config import load_settings
    from runtime.app import create_app
    from runtime.auth.bootstrap import bootstrap_superadmin

    settings = load_settings()
    print("Migrating the database ...", flush=True)
    migrate.upgrade(settings.database_url or "")
    app = create_app()
    with app.app_context():
        result = bootstrap_superadmin(
            db.session(),
            settings.admin_email,
            settings.admin_password,
        )
        db.session.commit()
    if result.created and result.password:
        print(
            f"\n  Super admin created: {result.email}\n  Initial password (shown once): {result.password}\n",
            flush=True,
        )
    elif result.created:
        print(
            f"\n  Super admin created: {result.email} (password from LOOM_ADMIN_PASSWORD)\n",
            flush=True,
        )
    else:
        print(f"  Super admin: {result.email} (created earlier)", flush=True)


def _spawn(host: str, port: int, var: Path) -> list[subprocess.Popen[bytes]]:
    python = sys.executable
    bindir = Path(python).parent
    commands = [
        [
            str(bindir / "gunicorn"),
            "--bind",
            f"{host}:{port}",
            "--workers",
            "2",
            "--access-logfile",
            "-",
            "--logger-class",
            "runtime.gunicorn_logging.ScrubbedLogger",
            "runtime.app:create_app()",
        ],
        [
            python,
            "-m",
            "celery",
            "-A",
            "runtime.worker:celery",
            "worker",
            "-Q",
            WORKER_QUEUES,
            "--concurrency",
            "2",
            "--loglevel",
            "INFO",
        ],
        [
            python,
            "-m",
            "celery",
            "-A",
            "runtime.worker:celery",
            "beat",
            "--loglevel",
            "INFO",
            "--schedule",
            str(var / "celerybeat-schedule"),
        ],
    ]
    return [subprocess.Popen(command, start_new_session=True) for command in commands]


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + 15
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_for_port(host: str, port: int, children: list[subprocess.Popen[bytes]], timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(child.poll() is not None for child in children):
            return False
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def run_stack(host: str, port: int, root: str) -> int:
    """Start everything, print the URL, wait; Ctrl-C (or any child dying) stops all of it."""
    var = Path(root) / "var"
    var.mkdir(exist_ok=True)
    handles = _prepare_environment(host, port, var)
    redis_processes = [h for h in handles if isinstance(h, subprocess.Popen)]
    children: list[subprocess.Popen[bytes]] = []
    stopping = False

    def _on_signal(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    try:
        _migrate_and_bootstrap()
        children = _spawn(host, port, var)
        if not _wait_for_port(host, port, children):
            print("The web server did not start; see the messages above.", flush=True)
            return 1
        print(
            f"\n  Loom is running at http://{host}:{port}\n  Dev mailbox: http://{host}:{port}/dev/mailbox\n"
            f"  Administration: http://{host}:{port}/admin/login\n"
            "  Press Ctrl-C to stop.\n",
            flush=True,
        )
        while not stopping:
            if any(child.poll() is not None for child in children):
                print("A Loom process stopped unexpectedly; shutting down.", flush=True)
                return 1
            time.sleep(0.5)
        print("\nStopping Loom ...", flush=True)
        return 0
    finally:
        _stop(children + redis_processes)
        for handle in handles:
            cleanup = getattr(handle, "cleanup", None)
            if callable(cleanup):
                cleanup()
