"""Celery wiring: a Flask app context in every task, named queues, the beat schedule."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from contextvars import Token
from datetime import timedelta
from typing import Any, ParamSpec, Protocol, TypeVar, cast

import sentry_sdk
from celery import Celery, Task, shared_task
from celery.signals import before_task_publish, task_postrun, task_prerun
from flask import Flask
from kombu.entity import Queue

from core import db
from core.logging import request_id_var, sane_request_id
from core.timeouts import Budget, budget_for

QUEUE_DEFAULT = "default"
QUEUE_MAIL = "mail"
QUEUE_HOOKS = "hooks"
QUEUE_MAINTENANCE = "maintenance"
QUEUES = (QUEUE_DEFAULT, QUEUE_MAIL, QUEUE_HOOKS, QUEUE_MAINTENANCE)

TASK_ROUTES: dict[str, dict[str, str]] = {
    "mail.sweep_outbox": {"queue": QUEUE_MAINTENANCE},
    "mail.*": {"queue": QUEUE_MAIL},
    "jobs.sweep": {"queue": QUEUE_MAINTENANCE},
    "files.*": {"queue": QUEUE_MAINTENANCE},
    "trash.*": {"queue": QUEUE_MAINTENANCE},
    "apikeys.*": {"queue": QUEUE_MAINTENANCE},
    "hooks.sweep": {"queue": QUEUE_MAINTENANCE},
    "hooks.purge": {"queue": QUEUE_MAINTENANCE},
    "hooks.*": {"queue": QUEUE_HOOKS},
    "messages.sweep": {"queue": QUEUE_MAINTENANCE},
    "messages.purge": {"queue": QUEUE_MAINTENANCE},
    "connectors.sweep": {"queue": QUEUE_MAINTENANCE},
    "connectors.purge": {"queue": QUEUE_MAINTENANCE},
    "connectors.*": {"queue": QUEUE_HOOKS},
    "entities.sweep_indexes": {"queue": QUEUE_MAINTENANCE},
    "metrics.*": {"queue": QUEUE_MAINTENANCE},  # network-bound, like hooks (runtime/connectors)
}

# Periodic tasks that delete in bulk: they run under LOOM_LONG_TASK_STATEMENT_TIMEOUT_MS, every
# other task under LOOM_TASK_STATEMENT_TIMEOUT_MS (the long kinds of job: core.jobs.tasks).
LONG_TASKS = frozenset({"trash.purge_expired", "hooks.purge", "messages.purge", "connectors.purge"})


def _every(task: str, *, queue: str = QUEUE_MAINTENANCE, expires: int | None = None, **interval: int) -> dict[str, Any]:
    """A beat entry: ``task`` every ``interval`` (timedelta's words) on ``queue``; ``expires``: dropped
    unrun after that many seconds."""
    options: dict[str, Any] = {"queue": queue}
    if expires is not None:
        options["expires"] = expires
    return {"task": task, "schedule": timedelta(**interval), "options": options}


BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "sweep-stalled-jobs": _every("jobs.sweep", minutes=2),
    # Queue depth and age, failed jobs and dead letters to CloudWatch (runtime/metrics), when set up.
    "publish-metrics": _every("metrics.publish", minutes=1, expires=60),
    "fire-flow-timers": _every("flows.fire_timers", seconds=30, queue=QUEUE_DEFAULT),
    # Uploads and exports past their expiry: bytes and rows (core/files/tasks.py).
    "purge-expired-files": _every("files.purge_expired", hours=1),
    "purge-expired-trash": _every("trash.purge_expired", hours=1),
    "sweep-mail-outbox": _every("mail.sweep_outbox", minutes=1),
    # Retries (Svix schedule, shortest wait 5 s), lost leases and messages the broker lost.
    "sweep-hook-deliveries": _every("hooks.sweep", seconds=5, expires=5),
    # Connector calls of flows: retries (shortest wait 5 s), lost leases and lost send tasks.
    "sweep-connector-calls": _every("connectors.sweep", seconds=5, expires=5),
    "purge-connector-calls": _every("connectors.purge", hours=1),
    "purge-hook-log": _every("hooks.purge", hours=1),
    # Messages and signals (runtime/messages/tasks.py): deliveries lost or busy, and expired ones.
    "sweep-flow-messages": _every("messages.sweep", minutes=1, expires=60),
    "purge-flow-messages": _every("messages.purge", hours=1),
    # Expression index builds (runtime/entities/index_builds.py): lost, due and deferred builds,
    # and indexes left invalid or without a row.
    "sweep-entity-indexes": _every("entities.sweep_indexes", minutes=1, expires=60),
    "purge-idempotent-requests": _every("apikeys.purge_idempotent_requests", hours=1),
}


_P = ParamSpec("_P")
_R_co = TypeVar("_R_co", covariant=True)


class TaskFunction(Protocol[_P, _R_co]):
    """What Celery makes of a task function, typed: called directly it runs now; ``delay`` and
    ``apply_async`` queue it."""

    name: str

    def __call__(self, *args: _P.args, **kwargs: _P.kwargs) -> _R_co: ...

    def delay(self, *args: _P.args, **kwargs: _P.kwargs) -> Any: ...

    def apply_async(
        self, args: Sequence[Any] | None = None, kwargs: dict[str, Any] | None = None, **options: Any
    ) -> Any: ...


def task(name: str, **options: Any) -> Callable[[Callable[_P, _R_co]], TaskFunction[_P, _R_co]]:
    """``@task(name=...)``: Celery's ``shared_task``, with the function's types kept (Celery ships
    none). Every Loom task is declared through this, in its domain's ``tasks.py``."""

    def declare(function: Callable[_P, _R_co]) -> TaskFunction[_P, _R_co]:
        return cast(TaskFunction[_P, _R_co], shared_task(name=name, **options)(function))

    return declare


# The request (or task) that queued a task travels with it in this message header, so the task's
# log lines and Sentry events carry the same id as the request's (a task queued by no request, or by
# beat, goes by its own task id).
REQUEST_ID_HEADER = "loom_request_id"
QUEUED_AT_HEADER = "loom_queued_at"  # seconds since the epoch, as the publisher saw them


def _stamp_headers(headers: dict[str, Any] | None = None, **_: Any) -> None:
    """Every message carries the request that queued it and when (the queue-age metric)."""
    if headers is None:
        return
    headers.setdefault(QUEUED_AT_HEADER, round(time.time(), 3))
    rid = request_id_var.get()
    if rid:
        headers.setdefault(REQUEST_ID_HEADER, rid)


before_task_publish.connect(_stamp_headers)

# The id is the task's from before it starts until after Celery has logged how it ended (its own
# "succeeded" and "raised unexpected" lines included), then the caller's comes back.
_outer_ids: dict[str, Token[str | None]] = {}


def _take_request_id(task_id: str | None = None, task: Task | None = None, **_: Any) -> None:
    if task is None or task_id is None:
        return
    rid = task_request_id(task.request)
    _outer_ids[task_id] = request_id_var.set(rid)
    sentry_sdk.set_tag("request_id", rid)


def _give_request_id_back(task_id: str | None = None, **_: Any) -> None:
    token = _outer_ids.pop(task_id or "", None)
    if token is not None:
        request_id_var.reset(token)


task_prerun.connect(_take_request_id)
task_postrun.connect(_give_request_id_back)


def task_request_id(request: Any) -> str:
    """The id a running task logs under: its queuer's, else the task's own."""
    passed = getattr(request, REQUEST_ID_HEADER, None) or (getattr(request, "headers", None) or {}).get(
        REQUEST_ID_HEADER
    )
    return sane_request_id(passed) or sane_request_id(getattr(request, "id", None)) or uuid.uuid4().hex


def task_budget(app: Flask, name: str) -> Budget:
    """The statement budget of the task ``name``."""
    settings = app.config["LOOM"]
    long = name in LONG_TASKS
    return Budget.of(settings.long_task_statement_timeout_ms if long else settings.task_statement_timeout_ms)


def create_celery(app: Flask) -> Celery:
    """A Celery app bound to ``app``: tasks run inside its context with a fresh session."""

    class FlaskTask(Task):  # type: ignore[misc]
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            with app.app_context(), budget_for(task_budget(app, self.name)):
                try:
                    return self.run(*args, **kwargs)
                finally:
                    db.session.remove()

    settings = app.config["LOOM"]
    celery = Celery(app.name, task_cls=FlaskTask)
    celery.conf.update(
        broker_url=settings.redis_url,
        result_backend=None,
        task_ignore_result=True,
        task_default_queue=QUEUE_DEFAULT,
        task_queues=[Queue(name) for name in QUEUES],  # type: ignore[no-untyped-call]
        task_routes=TASK_ROUTES,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
        broker_transport_options={"visibility_timeout": 3600},
        beat_schedule=BEAT_SCHEDULE,
        timezone="UTC",
        worker_hijack_root_logger=False,
    )
    celery.set_default()
    app.extensions["celery"] = celery
    import core.dispatch
    import core.files.tasks
    import core.jobs.tasks
    import core.mail.tasks  # noqa: F401 - registers the mail tasks

    return celery
