"""Test set-up: a real PostgreSQL database built by the Alembic migrations, one transaction per test."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import psycopg
import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from core import clock

os.environ.setdefault("LOOM_ENV", "testing")
ADMIN_URL = os.environ.get("LOOM_TEST_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def _database_url() -> str:
    base = os.environ.get("LOOM_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/loom_test")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        url = make_url(base)
        base = url.set(database=f"{url.database}_{worker}").render_as_string(hide_password=False)
    return base


def _redis_url() -> str:
    """Each xdist worker its own Redis database (the base one, then the ones below it): the
    broker's queues, rate limits and hook wake-ups of one worker's tests are never another's."""
    base = os.environ.get("LOOM_REDIS_URL", "redis://127.0.0.1:6379/15")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw"):
        return base
    prefix, _, number = base.rpartition("/")
    return f"{prefix}/{(int(number or 0) - int(worker[2:])) % 16}"


os.environ["LOOM_REDIS_URL"] = _redis_url()


def recreate_database(url: str) -> None:
    """Drop and create the database named in ``url`` (test databases only)."""
    name = make_url(url).database
    assert name and re.fullmatch(r"[a-z0-9_]+", name) and ("test" in name or "e2e" in name or "bench" in name), name
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Captured output as valid UTF-8: tests that send lone surrogates log them, and pytest-xdist
    cannot hand such text from a worker to the controller (it stops the whole run)."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    report.sections = [
        (name, text.encode("utf-8", "backslashreplace").decode("utf-8")) for name, text in report.sections
    ]


@pytest.fixture(autouse=True)
def _real_time() -> Iterator[None]:
    """Every test starts and ends on real time; tests that move Loom's clock need not undo it."""
    clock.reset()
    yield
    clock.reset()


@pytest.fixture(autouse=True)
def _events_match_their_schemas() -> Iterator[None]:
    """Every event a test makes must match the schema docs/hooks.md publishes for its type."""
    from tests.support.event_schemas import checked_events

    with checked_events():
        yield


@pytest.fixture(scope="session")
def database_url() -> str:
    url = _database_url()
    os.environ["LOOM_DATABASE_URL"] = url
    recreate_database(url)
    from core import migrate

    migrate.upgrade(url)
    return url


@pytest.fixture(scope="session")
def app(database_url: str) -> Flask:
    redis.Redis.from_url(os.environ["LOOM_REDIS_URL"]).flushdb()
    from runtime.app import create_app

    return create_app("testing")


@pytest.fixture()
def db_session(app: Flask) -> Iterator[object]:
    """Everything a test writes, including commits made by requests, is rolled back after it."""
    from core import db

    engine = app.extensions["loom_engine"]
    connection = engine.connect()
    outer = connection.begin()
    db.session.remove()
    db.session_factory.configure(bind=connection, join_transaction_mode="create_savepoint")
    try:
        yield db.session
    finally:
        db.session.remove()
        outer.rollback()
        connection.close()
        db.session_factory.configure(bind=engine, join_transaction_mode="conditional_savepoint")


@pytest.fixture()
def client(app: Flask, db_session: object) -> FlaskClient:
    return app.test_client()


@pytest.fixture()
def raw_engine(database_url: str) -> Iterator[object]:
    engine = create_engine(database_url)
    yield engine
    engine.dispose()
