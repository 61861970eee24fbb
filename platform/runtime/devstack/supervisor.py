"""Run the whole development stack in the foreground; Ctrl-C stops everything it started."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from core.config import Settings, load_settings
from runtime.devstack.embedded import start_postgres, start_redis

WORKER_QUEUES = "default,mail,hooks,maintenance"
INITIAL_PASSWORD = "Initial password (shown at this first start only)"  # noqa: S105 - a label, not a password


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


def _migrate_and_bootstrap(settings: Settings) -> str:
    """Migrate and make sure a super admin exists; returns what the final block says about it."""
    from core import db, migrate
    from runtime.app import create_app
    from runtime.auth.bootstrap import bootstrap_superadmin

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
        # Printed now as well as under the address: should the web server not start, it is not lost.
        lines = [f"Super admin created: {result.email}", f"{INITIAL_PASSWORD}: {result.password}"]
        print("\n" + "".join(f"  {line}\n" for line in lines), flush=True)
        return "".join(
            f"  {line}\n"
            for line in (
                f"Super admin: {result.email}",
                f"{INITIAL_PASSWORD}: {result.password}",
                "(You choose a new password at the first sign-in.)",
            )
        )
    if result.created:
        line = f"Super admin created: {result.email} (password from LOOM_ADMIN_PASSWORD)"
        print(f"\n  {line}\n", flush=True)
        return f"  {line}\n"
    return f"  Super admin: {result.email} (created earlier; its password was shown at the start that made it)\n"


def _spawn(host: str, port: int, var: Path) -> dict[str, subprocess.Popen[bytes]]:
    """The web server, the worker and beat, each in its own process group: a Ctrl-C in the terminal
    reaches only this supervisor, which stops them in order (``_stop_all``)."""
    python = sys.executable
    bindir = Path(python).parent
    commands = {
        "web": [
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
        "worker": [
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
        "beat": [
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
    }
    return {name: subprocess.Popen(command, start_new_session=True) for name, command in commands.items()}


def _stop(processes: list[subprocess.Popen[bytes]], grace: float) -> None:
    """SIGTERM (each stops cleanly on it), then wait; whatever is still running after ``grace``
    seconds is killed."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + grace
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _stop_all(children: dict[str, subprocess.Popen[bytes]], handles: list[object], grace: float) -> None:
    """Stop everything in the order that leaves no process without what it still uses: the
    worker and beat first (the worker finishes its tasks, and both need Redis and the database
    until they exit), then the web server, then Redis, and the embedded PostgreSQL last."""
    _stop([children[name] for name in ("worker", "beat") if name in children], grace)
    _stop([children[name] for name in ("web",) if name in children], grace)
    _stop([handle for handle in handles if isinstance(handle, subprocess.Popen)], grace)
    for handle in handles:
        cleanup = getattr(handle, "cleanup", None)
        if callable(cleanup):
            cleanup()


def _wait_until_healthy(host: str, port: int, children: list[subprocess.Popen[bytes]], timeout: float) -> bool:
    """Whether /api/health answers 200 (database and broker reachable) before ``timeout``
    seconds pass or a child stops: only then is the address worth printing."""
    deadline = time.monotonic() + timeout
    url = f"http://{host}:{port}/api/health"
    while time.monotonic() < deadline:
        if any(child.poll() is not None for child in children):
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return True
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.3)
    return False


def run_stack(host: str, port: int, root: str) -> int:
    """Start everything, print the URL, wait; Ctrl-C (or any child dying) stops all of it."""
    var = Path(root) / "var"
    var.mkdir(exist_ok=True)
    handles = _prepare_environment(host, port, var)
    children: dict[str, subprocess.Popen[bytes]] = {}
    grace = float(Settings.run_stop_seconds)  # until the settings are read
    stopping = False

    def _on_signal(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    try:
        settings = load_settings()
        grace = float(settings.run_stop_seconds)
        admin = _migrate_and_bootstrap(settings)
        children = _spawn(host, port, var)
        if not _wait_until_healthy(host, port, list(children.values()), float(settings.run_start_seconds)):
            print("The web server did not start; see the messages above.", flush=True)
            return 1
        # Last, so the super admin's sign-in does not scroll away with the start-up messages.
        print(
            f"\n  Loom is running at http://{host}:{port}\n  Dev mailbox: http://{host}:{port}/dev/mailbox\n"
            f"  Administration: http://{host}:{port}/admin/login\n{admin}"
            "  Press Ctrl-C to stop.\n",
            flush=True,
        )
        while not stopping:
            if any(child.poll() is not None for child in children.values()):
                print("A Loom process stopped unexpectedly; shutting down.", flush=True)
                return 1
            time.sleep(0.5)
        print("\nStopping Loom ...", flush=True)
        return 0
    finally:
        _stop_all(children, handles, grace)
