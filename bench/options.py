"""What every benchmark takes: a database of its own (``--database NAME``) and ``--no-write``.

The database is read from the command line before anything imports Loom, because the app reads
``LOOM_DATABASE_URL`` when it is built (and worker processes a benchmark spawns inherit it).

Without ``--database`` a run makes a name of its own (``<prefix>_<process id>``), so two runs at
once never meet. ``open_database`` creates it and drops it when the run ends; it never drops a
database it did not create. A name given with ``--database`` that already exists is used only if it
is empty (no tables), and is left in place at the end. Names must contain "bench".
"""

from __future__ import annotations

import argparse
import atexit
import os
import re
import signal
import sys
import time

import psycopg
from sqlalchemy.engine import make_url

SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/"
# The URL this run chose, handed to processes it spawns (they import the script again, with
# another process id, and must land in the same database).
_CHOSEN = "LOOM_BENCH_RUN_DATABASE_URL"


def _argument(flag: str) -> str | None:
    args = sys.argv[1:]
    for index, arg in enumerate(args):
        if arg == flag and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(flag + "="):
            return arg.split("=", 1)[1]
    return None


def default_name(prefix: str) -> str:
    """The name a run uses without ``--database``: unique to this process."""
    return f"{prefix}_{os.getpid()}"


def bench_database(prefix: str, env: str) -> str:
    """The benchmark's database URL: ``--database NAME``, else ``$env`` (a whole URL), else
    ``<prefix>_<pid>`` on the local server. It becomes ``LOOM_DATABASE_URL`` for this process and its children."""
    name = _argument("--database")
    chosen = os.environ.get(_CHOSEN) or os.environ.get(env) or SERVER + default_name(prefix)
    url = SERVER + name if name else chosen
    os.environ["LOOM_DATABASE_URL"] = url
    os.environ[_CHOSEN] = url
    return url


def add_common(parser: argparse.ArgumentParser, prefix: str) -> None:
    """``--database`` (read early by ``bench_database``; declared here for ``--help``) and ``--no-write``."""
    parser.add_argument(
        "--database",
        default=None,
        help=(
            f"database name, must contain 'bench' (default {prefix}_<process id>). A database this run "
            "creates is dropped at its end; an existing one is used only if empty, and kept"
        ),
    )
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")


def _admin(url: str) -> str:
    return make_url(url).set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)


def _checked_name(url: str) -> str:
    name = make_url(url).database
    if not name or not re.fullmatch(r"[a-z0-9_]+", name) or "bench" not in name:
        raise SystemExit(f"database name {name!r}: use lower-case letters, digits and _, with 'bench' in it")
    return name


def open_database(url: str) -> bool:
    """Create the database named in ``url`` for this run and drop it when the process ends; True if
    created. An existing database is used only if it has no tables, and is never dropped."""
    name = _checked_name(url)
    with psycopg.connect(_admin(url), autocommit=True) as conn:
        try:
            conn.execute(f'CREATE DATABASE "{name}"')
        except psycopg.errors.DuplicateDatabase:
            created = False
        else:
            created = True
    if not created:
        with psycopg.connect(make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)) as conn:
            tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
        if tables and tables[0]:
            raise SystemExit(f"database {name} exists and has tables; name a new or empty one (it is never dropped)")
        print(f"using the existing empty database {name} (it stays when the run ends)", flush=True)
        return False
    atexit.register(drop_database, url)
    # A plain kill (SIGTERM) ends the run through atexit too, so the database goes with it.
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    return True


def drop_database(url: str) -> None:
    """Drop the database this run created. Its name is this run's own, so connections still open
    in it are this run's leftovers (pools, children): after two plain attempts they are ended."""
    name = _checked_name(url)
    with psycopg.connect(_admin(url), autocommit=True) as conn:
        for _ in range(2):
            try:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
                return
            except psycopg.errors.ObjectInUse:
                time.sleep(1)
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
