"""Statement budgets: no query runs away, in a request, a task or a migration.

Every transaction runs under the budget in force (``statement_timeout`` and ``lock_timeout``): a
``Session``'s own (``session.info``), else the one the request or the task set for its context
(``use_budget``). A request gets ``LOOM_DB_STATEMENT_TIMEOUT_MS``, a Celery task
``LOOM_TASK_STATEMENT_TIMEOUT_MS``, the long kinds of work (version changes, purges and
deletions, imports and exports) ``LOOM_LONG_TASK_STATEMENT_TIMEOUT_MS``. The engine's connections
carry a backstop of their own (``connect_options``) for work outside any of these.

The budget is set on the database session (``SET``, outside any transaction, so no rollback takes
it back) and remembered on the connection (``connection.info``): a transaction pays a round trip
only when its budget differs from the one its pooled connection last had, and one begun outside
any budget goes back to the backstop (``RESET``). A connection already inside a transaction when
one begins (a session joined to an outer transaction) gets ``SET LOCAL`` as before.

A statement over its budget fails with QueryCanceled (SQLSTATE 57014), one waiting too long for
a lock with LockNotAvailable (55P03): ``core.errors`` answers both with a 503 a person can act on.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass
from typing import Any

import psycopg
from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, SessionTransaction

QUERY_CANCELED = "57014"
LOCK_NOT_AVAILABLE = "55P03"
_SESSION_KEY = "statement_budget"
_CONNECTION_KEY = "loom_statement_budget"  # in connection.info: the budget SET on its database session
_SET = text("SELECT set_config('statement_timeout', :statement, true), set_config('lock_timeout', :lock, true)")


@dataclass(frozen=True)
class Budget:
    """Milliseconds one statement may run, and wait for a lock (0: no limit)."""

    statement_ms: int
    lock_ms: int

    @classmethod
    def of(cls, statement_ms: int, lock_ms: int | None = None) -> Budget:
        """A budget whose lock wait is ``lock_ms``, or the statement's own when not given."""
        return cls(statement_ms, statement_ms if lock_ms is None else min(lock_ms, statement_ms or lock_ms))


_current: ContextVar[Budget | None] = ContextVar("loom_statement_budget", default=None)


def use_budget(budget: Budget | None) -> Token[Budget | None]:
    """Make ``budget`` the one for transactions begun from here on in this context (a request, a task)."""
    return _current.set(budget)


def end_budget(token: Token[Budget | None]) -> None:
    try:
        _current.reset(token)
    except ValueError:  # ended in another context than it began in: end it here all the same
        _current.set(None)


@contextmanager
def budget_for(budget: Budget) -> Iterator[None]:
    """``use_budget`` for a block."""
    token = use_budget(budget)
    try:
        yield
    finally:
        end_budget(token)


def set_session_budget(db_session: Session, budget: Budget) -> None:
    """Give ``db_session`` its own budget, now (the open transaction) and for its next transactions."""
    db_session.info[_SESSION_KEY] = budget
    if db_session.in_transaction():
        apply(db_session.connection(), budget)


def current_budget(db_session: Session) -> Budget | None:
    found = db_session.info.get(_SESSION_KEY)
    return found if isinstance(found, Budget) else _current.get()


def apply(connection: Connection, budget: Budget) -> None:
    """``SET LOCAL`` the budget on the connection's open transaction (one round trip)."""
    connection.execute(_SET, _params(budget))


@contextmanager
def within(db_session: Session, milliseconds: int) -> Iterator[None]:
    """Run the block in a savepoint whose statements may take ``milliseconds`` each.

    Over it, the savepoint is rolled back and ``QueryCanceled`` goes on to the caller (see
    ``is_timeout``); otherwise the budget before comes back for the rest of the transaction.
    A budget of 0 or less is 1 ms here, never "no limit".
    """
    milliseconds = max(1, milliseconds)
    with db_session.begin_nested():
        connection = db_session.connection()
        before: str = connection.execute(
            text("SELECT current_setting('statement_timeout'), set_config('statement_timeout', :ms, true)"),
            {"ms": str(milliseconds)},
        ).scalar_one()
        yield
        connection.execute(text("SELECT set_config('statement_timeout', :ms, true)"), {"ms": str(before)})


def is_timeout(exc: BaseException) -> bool:
    """A statement cancelled by its timeout, or a lock waited for too long."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    return getattr(orig, "sqlstate", None) in (QUERY_CANCELED, LOCK_NOT_AVAILABLE)


def connect_options(statement_ms: int) -> dict[str, str]:
    """libpq ``options`` that start every connection with ``statement_timeout`` (the backstop)."""
    return {"options": f"-c statement_timeout={int(statement_ms)}"}


def _settle(connection: Connection, budget: Budget | None) -> bool:
    """Make ``budget`` (None: the backstop) the database session's own; False when the
    connection is inside a transaction already (then only ``SET LOCAL`` can do)."""
    info = connection.info
    if info.get(_CONNECTION_KEY) == budget:
        return True
    raw: Any = connection.connection.dbapi_connection
    if raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        return False
    autocommit = raw.autocommit
    raw.autocommit = True  # a client-side switch: the SET is not part of the transaction to come
    try:
        if budget is None:
            raw.execute("RESET statement_timeout; RESET lock_timeout")
        else:
            raw.execute(f"SET statement_timeout = {int(budget.statement_ms)}; SET lock_timeout = {int(budget.lock_ms)}")
    except BaseException:
        info.pop(_CONNECTION_KEY, None)  # not known any more
        raise
    finally:
        if not autocommit and not raw.closed:
            raw.autocommit = False
    if budget is None:
        info.pop(_CONNECTION_KEY, None)
    else:
        info[_CONNECTION_KEY] = budget
    return True


@event.listens_for(Engine, "begin")
def _budget_each_begin(connection: Connection) -> None:
    """Any transaction, a ``Session``'s or not: the context's budget (or the backstop)."""
    budget = _current.get()
    if budget is None and _CONNECTION_KEY not in connection.info:
        return  # the common case outside requests and tasks: nothing was ever set
    _settle(connection, budget)  # inside a transaction already: the session's after_begin sets it locally


@event.listens_for(Session, "after_begin")
def _budget_each_transaction(db_session: Session, transaction: SessionTransaction, connection: Connection) -> None:
    if transaction.nested:
        return  # a savepoint inherits its transaction's budget
    budget = current_budget(db_session)
    if budget is not None and connection.info.get(_CONNECTION_KEY) != budget:
        apply(connection, budget)  # a session's own budget, or a connection inside a transaction already


def _params(budget: Budget) -> dict[str, str]:
    return {"statement": str(budget.statement_ms), "lock": str(budget.lock_ms)}
