"""A pooled connection is checked before use only when it sat idle (core.pool_checks): one that
died while idle longer than the window is replaced before anyone uses it; within the window it
is handed out unchecked (which is what saves the round trip)."""

from __future__ import annotations

import time

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from core import db


def _backend_pid(engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())


def _terminate(database_url: str, pid: int) -> None:
    raw = database_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(raw, autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(%s)", (pid,))
        while conn.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone():
            time.sleep(0.05)  # until the backend is gone


def test_a_connection_that_died_while_idle_is_replaced_before_use(database_url):
    engine = db.make_engine(database_url, ping_idle_seconds=0.2, pool_size=1, max_overflow=0)
    try:
        dead = _backend_pid(engine)
        _terminate(database_url, dead)
        time.sleep(0.3)  # idle longer than the window: the next checkout pings
        assert _backend_pid(engine) != dead  # the query ran, on a fresh connection
    finally:
        engine.dispose()


def test_a_connection_given_back_a_moment_ago_is_handed_out_unchecked(database_url):
    engine = db.make_engine(database_url, ping_idle_seconds=3600, pool_size=1, max_overflow=0)
    try:
        _terminate(database_url, _backend_pid(engine))
        with pytest.raises(OperationalError), engine.connect() as conn:  # no ping: the query meets the dead link
            conn.execute(text("SELECT 1"))
        assert _backend_pid(engine) > 0  # and the pool replaced it after that one failure
    finally:
        engine.dispose()
