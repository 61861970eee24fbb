"""Every request, task and job step runs under a statement budget; a request over it gets a 503
problem+json with Retry-After, never a 500 and never a hang.

The waits here are made certain, not timed: another connection holds a lock on the records
table, so the request's insert waits on it until its budget (a tiny one) cancels it.
"""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from celery import shared_task
from sqlalchemy import text

from core import db
from core.jobs.operations import start_job
from core.jobs.tasks import register_step, run_one_step
from tests.factories import create_blueprint, create_tenant, signed_in_user

SHOWN: list[str] = []
SHOW_BOTH = text("SELECT current_setting('statement_timeout'), current_setting('lock_timeout')")


@shared_task(name="tests.show_statement_timeout")
def show_statement_timeout() -> str:
    return str(db.session().execute(text("SHOW statement_timeout")).scalar_one())


def _long_step(db_session, job) -> bool:
    SHOWN.append(str(db_session.execute(text("SHOW statement_timeout")).scalar_one()))
    return True


@pytest.fixture()
def budgets(app):
    settings = app.config["LOOM"]

    def use(**changes: int) -> None:
        app.config["LOOM"] = dataclasses.replace(settings, **changes)

    yield use
    app.config["LOOM"] = settings


@pytest.fixture()
def locked_records(raw_engine):
    """Another connection holds the records table in SHARE mode: reads go on, writes wait."""
    connection = raw_engine.connect()

    def lock() -> None:
        connection.execute(text("LOCK TABLE entities IN SHARE MODE"))

    yield lock
    connection.rollback()
    connection.close()


@pytest.mark.parametrize(
    ("statement_ms", "lock_ms"),
    [(150, 0), (60_000, 150)],
    ids=["statement-timeout", "lock-timeout"],
)
def test_a_request_over_its_budget_gets_503_problem_json(client, budgets, locked_records, statement_ms, lock_ms):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, "x-budget")
    create_blueprint(client, headers, "x-budget")
    budgets(db_statement_timeout_ms=statement_ms, db_lock_timeout_ms=lock_ms)
    locked_records()

    response = client.post(
        "/api/tenants/x-budget/entities", json={"blueprint": "stock_item", "data": {"type": "BOX"}}, headers=headers
    )

    assert response.status_code == 503, response.get_json()
    assert response.mimetype == "application/problem+json"
    assert response.headers["Retry-After"].isdigit()
    body = response.get_json()
    assert body["code"] == "query_timeout"
    assert body["status"] == 503
    assert body["detail"] == "This took too long; try again or narrow the filter."


def test_a_task_runs_under_the_task_budget(app, db_session, budgets):
    budgets(task_statement_timeout_ms=42_000)
    assert show_statement_timeout.apply().get() == "42s"


def test_long_kinds_of_job_run_under_the_long_budget(app, db_session, budgets):
    budgets(task_statement_timeout_ms=42_000, long_task_statement_timeout_ms=7 * 60_000)
    register_step("tests.long_kind", _long_step, long=True)
    SHOWN.clear()
    with app.app_context():
        job = start_job(db.session(), "tests.long_kind", tenant_id=None, params={}, total=1, user_id=None)
        run_one_step(db.session(), uuid.UUID(str(job.id)))
    assert SHOWN == ["7min"]


def test_connections_start_with_the_backstop(app):
    with app.extensions["loom_engine"].connect() as connection:
        shown = connection.execute(text("SHOW statement_timeout")).scalar_one()
    assert shown == f"{app.config['LOOM'].long_task_statement_timeout_ms // 60_000}min"


def test_a_pooled_connection_gets_each_transactions_budget(database_url):
    """The budget is set on the database session and remembered on the connection: one connection
    reused by requests, tasks and work outside any budget has, in each transaction, that one's."""
    from contextlib import nullcontext

    from sqlalchemy.orm import Session

    from core.timeouts import Budget, budget_for, set_session_budget

    engine = db.make_engine(database_url, statement_timeout_ms=3 * 60_000, pool_size=1, max_overflow=0)

    def shown(budget: Budget | None = None, *, rollback: bool = False, own: Budget | None = None) -> tuple[str, str]:
        with Session(engine) as session:
            if own is not None:
                set_session_budget(session, own)
            with budget_for(budget) if budget is not None else nullcontext():
                found = tuple(session.execute(SHOW_BOTH).one())
            if rollback:
                session.rollback()
            else:
                session.commit()
        return found  # type: ignore[return-value]

    try:
        request, task = Budget.of(5000, 2000), Budget.of(42_000)
        assert shown() == ("3min", "0")
        assert shown(request, rollback=True) == ("5s", "2s")
        assert shown(request) == ("5s", "2s")  # a rollback does not take a session's SET back
        assert shown(task) == ("42s", "42s")
        assert shown() == ("3min", "0")  # outside any budget: the backstop again
        assert shown(request, own=task) == ("42s", "42s")  # a session's own budget wins
        assert shown(request) == ("5s", "2s")
        with engine.connect() as connection:  # not a Session's: the backstop, outside any budget
            assert connection.execute(text("SHOW statement_timeout")).scalar_one() == "3min"
        with budget_for(task), engine.connect() as connection:
            assert connection.execute(text("SHOW statement_timeout")).scalar_one() == "42s"
    finally:
        engine.dispose()


def test_requests_made_inside_one_app_context_each_take_back_their_budget(app):
    """A script or a test that makes requests inside an app context of its own shares that
    context with them: each request must still end its budget when it ends."""
    from core.timeouts import _current

    before = _current.get()
    client = app.test_client()
    with app.app_context():
        for _ in range(3):
            client.get("/api/health")
        assert _current.get() == before
    assert _current.get() == before
