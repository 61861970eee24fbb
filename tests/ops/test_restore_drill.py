"""The restore drill: a point-in-time restore done for real, in the suite.

A PostgreSQL cluster of the test's own archives its WAL; a base backup is taken; records are
written, a time is noted, more records are written; a second cluster is restored from the backup
and the archive to that time. Exactly the records written before the point must be there. This is
what RDS's point-in-time restore does for production (docs/operations.md): the drill proves the
mechanism and the procedure's steps on a real server, every run, not once a month by hand.

PostgreSQL's binaries come from the machine (``LOOM_PG_BIN``, default /usr/lib/postgresql/15/bin);
``initdb`` refuses root, so as root they run as the ``postgres`` user.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

BIN = Path(os.environ.get("LOOM_PG_BIN", "/usr/lib/postgresql/15/bin"))
AS_POSTGRES = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _run(*command: str | Path) -> None:
    subprocess.run([*AS_POSTGRES, *map(str, command)], check=True, capture_output=True, timeout=300)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _connect(port: int) -> psycopg.Connection:
    return psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres", autocommit=True)


def _until(check, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.1)


@pytest.fixture()
def workdir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="loom-drill-"))
    if AS_POSTGRES:
        shutil.chown(path, "postgres", "postgres")
    try:
        yield path
    finally:
        for data in ("primary", "restored"):
            if (path / data / "postmaster.pid").exists():
                subprocess.run([*AS_POSTGRES, str(BIN / "pg_ctl"), "-D", str(path / data), "-m", "immediate", "stop"])
        shutil.rmtree(path, ignore_errors=True)


def _settings(data: Path, port: int, extra: str) -> None:
    with (data / "postgresql.auto.conf").open("a") as conf:
        conf.write(f"port = {port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{data.parent}'\n{extra}")


def test_a_point_in_time_restore_brings_back_exactly_the_records_before_the_point(workdir: Path) -> None:
    primary, restored, archive, base = (workdir / name for name in ("primary", "restored", "archive", "base"))
    _run("mkdir", "-m", "700", archive)
    _run(BIN / "initdb", "-D", primary, "--auth=trust", "-U", "postgres")
    port = _free_port()
    _settings(primary, port, f"wal_level = replica\narchive_mode = on\narchive_command = 'cp %p {archive}/%f'\n")
    _run(BIN / "pg_ctl", "-D", primary, "-w", "-t", "300", "-l", workdir / "primary.log", "start")

    with _connect(port) as conn:
        conn.execute("CREATE TABLE records (n integer PRIMARY KEY, written_at timestamptz DEFAULT clock_timestamp())")
        conn.execute("INSERT INTO records (n) SELECT generate_series(1, 100)")  # before the backup
        _run(BIN / "pg_basebackup", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-D", base, "-X", "stream")
        conn.execute("INSERT INTO records (n) SELECT generate_series(101, 150)")  # after it, before the point
        point = conn.execute("SELECT clock_timestamp()").fetchone()[0]
        conn.execute("INSERT INTO records (n) SELECT generate_series(151, 200)")  # after the point: must not come back
        segment = conn.execute("SELECT pg_walfile_name(pg_current_wal_lsn())").fetchone()[0]
        conn.execute("SELECT pg_switch_wal()")
        _until(lambda: (archive / segment).exists(), f"WAL segment {segment} in the archive")
    _run(BIN / "pg_ctl", "-D", primary, "-m", "fast", "-t", "300", "stop")

    _run("cp", "-a", base, restored)
    _run("touch", restored / "recovery.signal")
    restored_port = _free_port()
    _settings(
        restored,
        restored_port,
        f"archive_mode = off\nrestore_command = 'cp {archive}/%f %p'\n"
        f"recovery_target_time = '{point.isoformat()}'\nrecovery_target_action = 'promote'\n",
    )
    _run(BIN / "pg_ctl", "-D", restored, "-w", "-t", "300", "-l", workdir / "restored.log", "start")

    with _connect(restored_port) as conn:
        _until(lambda: conn.execute("SELECT NOT pg_is_in_recovery()").fetchone()[0], "the restore to finish")
        found = [row[0] for row in conn.execute("SELECT n FROM records ORDER BY n")]
        latest = conn.execute("SELECT max(written_at) FROM records").fetchone()[0]
    assert found == list(range(1, 151))
    assert latest <= point
