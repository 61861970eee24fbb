"""The database and Redis: where they are, pooled connections, and statement budgets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.settings.env import env


@dataclass(frozen=True, kw_only=True)
class DatabaseSettings:
    database_url: str | None
    redis_url: str | None
    # A pooled database connection idle this many seconds is checked before use (core/pool_checks.py; 0: always).
    db_ping_idle_seconds: float = 1.0
    # Statement budgets (core/timeouts.py): milliseconds one statement may run in a request (and
    # wait for a lock there), in a Celery task, in the long kinds of work (version changes,
    # purges and deletions, imports and exports), and in an Alembic migration (0: no limit).
    db_statement_timeout_ms: int = 5000
    db_lock_timeout_ms: int = 3000
    task_statement_timeout_ms: int = 60_000
    long_task_statement_timeout_ms: int = 30 * 60 * 1000
    migration_statement_timeout_ms: int = 0


def read_database(stage: str) -> dict[str, Any]:
    """The test suite has a database and a Redis of its own; the other stages name theirs."""
    testing = stage == "testing"
    return dict(
        database_url=env("DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/loom_test" if testing else None),
        redis_url=env("REDIS_URL", "redis://127.0.0.1:6379/15" if testing else None),
    )
