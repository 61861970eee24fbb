"""The HTTP baseline of bench/entities.py: a bare WSGI function under the same gunicorn.

Every request sends the statements a grid request sent (recorded by the benchmark in the same
run, in the file ``$LOOM_BENCH_REPLAY``) with psycopg on one connection per worker process, in one
transaction, and answers the last statement's rows as JSON. It leaves out Flask, the sign-in and
membership logic, the ORM and Loom's shaping of records.
"""

from __future__ import annotations

import json
import os
import pickle
from collections.abc import Callable, Iterable
from typing import Any

import psycopg

_conn: psycopg.Connection[Any] | None = None


def _statements() -> list[tuple[str, Any]]:
    with open(os.environ["LOOM_BENCH_REPLAY"], "rb") as handle:
        loaded: list[tuple[str, Any]] = pickle.load(handle)  # written by this run
    return loaded


STATEMENTS = _statements()


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    global _conn
    if _conn is None:
        _conn = psycopg.connect(os.environ["LOOM_BENCH_REPLAY_DSN"])
    rows: list[Any] = []
    with _conn.transaction(), _conn.cursor() as cursor:
        for statement, params in STATEMENTS:
            cursor.execute(statement, params or None)
            if cursor.description is not None:
                rows = cursor.fetchall()
    body = json.dumps({"items": rows}, default=str).encode()
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
