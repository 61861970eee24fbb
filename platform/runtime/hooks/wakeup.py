"""Waking the fan-out after a commit for a tenth of what a Celery publish costs the request.

A transaction that wrote hook messages pushes their keys onto one Redis list after it commits
(one LPUSH, about 0.1 ms, where a kombu publish of a task costs the request 0.6 to 1 ms). Nothing
is pushed for a rolled-back transaction. In every worker process that consumes the ``hooks``
queue, a relay thread waits on that list (BLPOP), takes what is there (up to ``BATCH`` keys) and
publishes one ``hooks.dispatch_messages`` task for the lot: the fan-out runs in an ordinary task,
a burst of events costs one Celery message, and several relays share the list (each key is taken
by one of them). Keys wait in the list while no worker runs (a deploy) and go when one starts.

The sweep stays the safety net: a key lost between commit and push (Redis down, the process
killed) or taken by a relay that died before publishing leaves its message unfanned, and
``hooks.sweep`` fans out every message older than 30 s that nobody fanned out.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from typing import Any, cast

import redis
from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)
WAKE_LIST = "loom:hooks:wake"
DISPATCH_MESSAGES_TASK = "hooks.dispatch_messages"
BATCH = 200
_PENDING = "loom_hooks_wake"  # session.info: keys of the messages this transaction wrote
_clients: dict[str, redis.Redis] = {}


def key_of(tenant_id: uuid.UUID, message_id: uuid.UUID) -> str:
    return f"{tenant_id}:{message_id}"


def parse_key(key: str | bytes) -> tuple[uuid.UUID, uuid.UUID]:
    text = key.decode() if isinstance(key, bytes) else key
    tenant_id, message_id = text.split(":", 1)
    return uuid.UUID(tenant_id), uuid.UUID(message_id)


def wake_after_commit(db_session: Session, tenant_id: uuid.UUID, message_id: uuid.UUID) -> None:
    """Push the message's key once ``db_session`` commits (with the transaction's other keys)."""
    db_session.info.setdefault(_PENDING, []).append(key_of(tenant_id, message_id))


def client(url: str) -> redis.Redis:
    """One client (and connection pool) per URL and process; redis-py starts a new pool after a fork."""
    found = _clients.get(url)
    if found is None:
        found = _clients[url] = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=2)
    return found


@event.listens_for(Session, "after_commit")
def _push(db_session: Session) -> None:
    keys: list[str] = db_session.info.pop(_PENDING, [])
    if not keys or not has_app_context():
        return
    try:
        client(current_app.config["LOOM"].redis_url).lpush(WAKE_LIST, *keys)
    except redis.RedisError:
        log.warning("could not wake the hooks fan-out; the sweep will fan out", extra={"count": len(keys)})


@event.listens_for(Session, "after_rollback")
def _forget(db_session: Session) -> None:
    db_session.info.pop(_PENDING, None)


def take(connection: redis.Redis, timeout: float) -> list[str]:
    """Wait up to ``timeout`` s for keys; then every key waiting, up to ``BATCH``, without repeats."""
    first = cast("list[bytes] | None", connection.blpop([WAKE_LIST], timeout=timeout))
    if first is None:
        return []
    more = cast("list[bytes] | None", connection.lpop(WAKE_LIST, BATCH - 1)) or []
    return list(dict.fromkeys(key.decode() for key in [first[1], *more]))


def relay_once(connection: redis.Redis, publish: Callable[[list[str]], Any], timeout: float = 1.0) -> int:
    """Take waiting keys and publish them as one fan-out task; how many keys. Keys whose publish
    failed go back to the list (failing that, the sweep fans their messages out)."""
    keys = take(connection, timeout)
    if not keys:
        return 0
    try:
        publish(keys)
    except Exception:
        log.warning("could not publish a hooks fan-out; the keys go back to the list", exc_info=True)
        try:
            connection.rpush(WAKE_LIST, *keys)
        except redis.RedisError:
            log.warning("could not put the hooks keys back; the sweep will fan out")
        raise
    return len(keys)


class Relay(threading.Thread):
    """The worker's thread that turns pushed keys into ``hooks.dispatch_messages`` tasks."""

    def __init__(self, redis_url: str, publish: Callable[[list[str]], Any]) -> None:
        super().__init__(name="loom-hooks-relay", daemon=True)
        self._url = redis_url
        self._publish = publish
        self._stopping = threading.Event()

    def stop(self) -> None:
        self._stopping.set()

    def run(self) -> None:
        # A connection of its own: BLPOP holds it while waiting.
        connection = redis.Redis.from_url(self._url, socket_timeout=10, socket_connect_timeout=5)
        while not self._stopping.is_set():
            try:
                relay_once(connection, self._publish)
            except Exception:
                log.warning("the hooks relay stumbled; it tries again in a second", exc_info=True)
                self._stopping.wait(1.0)
        connection.close()


_relay: Relay | None = None


def start_relay(celery_app: Any, queues: set[str] | None) -> Relay | None:
    """Start this process's relay when it consumes the hooks queue (``queues`` None: every queue)."""
    global _relay
    from core.celery import QUEUE_HOOKS

    if _relay is not None or (queues is not None and QUEUE_HOOKS not in queues):
        return None

    def publish(keys: list[str]) -> None:
        celery_app.send_task(DISPATCH_MESSAGES_TASK, args=[keys])

    _relay = Relay(str(celery_app.conf.broker_url), publish)
    _relay.start()
    log.info("hooks relay started")
    return _relay


def stop_relay() -> None:
    global _relay
    if _relay is not None:
        _relay.stop()
        _relay = None
