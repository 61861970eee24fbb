"""What every benchmark takes: a database of its own (``--database NAME``) and ``--no-write``.

The database is read from the command line before anything imports Loom, because the app reads
``LOOM_DATABASE_URL`` when it is built (and worker processes a benchmark spawns inherit it). The
database is dropped and created afresh, so its name must contain "bench" (tests/conftest.py
refuses anything else); two runs at once need two names.
"""

from __future__ import annotations

import argparse
import os
import sys

SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/"


def _argument(flag: str) -> str | None:
    args = sys.argv[1:]
    for index, arg in enumerate(args):
        if arg == flag and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(flag + "="):
            return arg.split("=", 1)[1]
    return None


def bench_database(default: str, env: str) -> str:
    """The benchmark's database URL: ``--database NAME``, else ``$env`` (a whole URL), else
    ``default`` on the local server. It becomes ``LOOM_DATABASE_URL`` for this process and its children."""
    name = _argument("--database")
    url = SERVER + name if name else os.environ.get(env, SERVER + default)
    os.environ["LOOM_DATABASE_URL"] = url
    return url


def add_common(parser: argparse.ArgumentParser, default: str) -> None:
    """``--database`` (read early by ``bench_database``; declared here for ``--help``) and ``--no-write``."""
    parser.add_argument(
        "--database",
        default=default,
        help=f"database name, dropped and created afresh; must contain 'bench' (default {default})",
    )
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
