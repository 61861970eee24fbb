"""Handing work to Celery only after the transaction that asked for it commits.

Nothing is sent for a rolled-back change; if the broker is down at commit time, the periodic
sweeps (mail outbox, jobs) pick the work up later, so nothing is lost either.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)
_KEY = "loom_after_commit"


def after_commit(db_session: Session, task_name: str, *args: Any) -> None:
    """Send ``task_name(*args)`` to Celery once ``db_session`` commits."""
    db_session.info.setdefault(_KEY, []).append((task_name, args))


@event.listens_for(Session, "after_commit")
def _send(db_session: Session) -> None:
    pending: list[tuple[str, tuple[Any, ...]]] = db_session.info.pop(_KEY, [])
    if not pending:
        return
    from celery import current_app

    for task_name, args in pending:
        try:
            current_app.send_task(task_name, args=list(args))
        except Exception:
            log.warning("could not enqueue %s; the periodic sweep will retry", task_name)


@event.listens_for(Session, "after_rollback")
def _forget(db_session: Session) -> None:
    db_session.info.pop(_KEY, None)
