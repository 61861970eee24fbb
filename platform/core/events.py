"""Domain events: what happened in a workspace, announced inside the business transaction.

One writer per concept announces its changes here (records in ``runtime.entities.writer``,
flows in ``runtime.flows``, publishes in ``designer``, members in ``runtime.members``); other
modules react by subscribing instead of importing each other's operations. The bus is blinker's
signals, as in Indico's ``indico/core/signals/``: synchronous and in-process, so a receiver runs
inside the same transaction as the change. A receiver that writes (an audit row, a hook's outbox
row, a flow instance) commits or rolls back with the change that caused it: nothing is announced
to the outside for a rolled-back change, and nothing is lost on a crash after commit.

Every receiver is connected in one place, ``runtime.subscribers.connect``, which both
``create_app`` and the Celery worker run, so a reader finds every reaction there.

The catalogue below is the public list of event types: hooks subscribe to these names and
docs/hooks.md documents the payload of each.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from blinker import Namespace
from flask import g, has_app_context
from sqlalchemy.orm import Session

from core import clock

# Every event type Loom announces, with what it means in the customer's words.
EVENT_TYPES: dict[str, str] = {
    "record.created": "A record was created (in the app, by the API, or by a CSV import).",
    "record.updated": "A record's values changed; the event lists each changed field with its old and new value.",
    "record.deleted": "A record was moved to the Trash.",
    "record.restored": "A record came back from the Trash.",
    "transition.completed": "Someone did a step of a record's flow.",
    "flow.completed": "A record's flow reached its end.",
    "flow.stopped": "A record's flow stopped on an error and waits for someone to try again.",
    "task.created": "A step now waits for a person in the inbox.",
    "task.claimed": "Someone took a waiting step.",
    "task.completed": "A waiting step was done.",
    "blueprint.published": "A new version of a blueprint was published.",
    "flow.published": "A new version of a flow was published.",
    "import.finished": "A CSV import finished.",
    "migration.finished": "Records were migrated to another version of their blueprint.",
    "member.joined": "Someone joined the workspace.",
    "member.left": "Someone left the workspace or was removed from it.",
}

# Types whose payload is about one record: hooks may filter these by blueprint (and updates by field).
RECORD_TYPES = frozenset({"record.created", "record.updated", "record.deleted", "record.restored"})


@dataclass(frozen=True)
class DomainEvent:
    """One thing that happened in one workspace.

    ``data`` is the JSON-ready payload (the ``data`` of a hook's envelope). ``subject`` is the
    in-process object the event is about (a record), for receivers in this process only; it is
    never serialized. ``blueprint_id`` and ``changed`` let hooks filter without reading ``data``.

    A receiver that cannot react (a flow that cannot start for a new record) raises, and the change
    is refused with it; in a ``tolerant`` event (one row of a CSV import) it notes why in
    ``refusals`` instead, undoes its own part, and the writer reports the row.
    """

    type: str
    tenant_id: uuid.UUID
    data: dict[str, Any]
    actor: dict[str, Any]
    at: datetime = field(default_factory=clock.now)
    blueprint_id: uuid.UUID | None = None
    changed: tuple[str, ...] = ()
    subject: Any = None
    tolerant: bool = False
    refusals: list[dict[str, list[str]]] = field(default_factory=list)


Receiver = Callable[[Session, DomainEvent], None]
_bus = Namespace()
_QUEUE = "loom_events_being_told"


def current_actor(user_id: int | None) -> dict[str, Any]:
    """Who is acting, as events and hooks name them: a person, an API key, Loom's staff, or Loom.

    An API key request sets ``g.api_key`` (``{"id", "name"}``); an admin or shell request marks
    itself through the audit log's ``acting_as``.
    """
    if has_app_context():
        api_key = g.get("api_key")
        if api_key is not None:
            return {"type": "api_key", "id": str(api_key["id"]), "name": api_key["name"], "user_id": user_id}
        kind = g.get("audit_actor_kind")
        if kind in ("admin", "shell"):
            return {"type": kind, "user_id": user_id}
    if user_id is None:
        return {"type": "system"}
    return {"type": "member", "user_id": user_id}


def announce(db_session: Session, event: DomainEvent) -> None:
    """Tell every receiver of ``event.type``, now, inside the caller's transaction.

    A receiver's exception propagates: the change and its consequences stand or fall together.
    Events announced by receivers while an event is being told wait their turn (breadth first).
    """
    if event.type not in EVENT_TYPES:
        raise ValueError(f"unknown event type {event.type!r}")
    queue: list[DomainEvent] | None = db_session.info.get(_QUEUE)
    if queue is not None:
        # A receiver announced something (a flow started by record.created creates a task): it
        # goes out once every receiver has had the event being told, so everyone hears events
        # in the order they happened (record.created before the task it led to).
        queue.append(event)
        return
    queue = db_session.info[_QUEUE] = [event]
    try:
        while queue:
            current = queue.pop(0)
            _bus.signal(current.type).send(db_session, event=current)
    finally:
        db_session.info.pop(_QUEUE, None)


@contextmanager
def undoable(db_session: Session) -> Iterator[None]:
    """A savepoint for a receiver's own part: when it is rolled back, the events it announced
    meanwhile (still waiting their turn behind the event being told) are forgotten with it, so
    nobody hears of a task, and nobody is emailed about one, that was never kept."""
    queue: list[DomainEvent] | None = db_session.info.get(_QUEUE)
    mark = len(queue) if queue is not None else 0
    try:
        with db_session.begin_nested():
            yield
    except BaseException:
        if queue is not None:
            del queue[mark:]
        raise


def emit(
    db_session: Session,
    type_: str,
    tenant_id: uuid.UUID,
    data: dict[str, Any],
    *,
    user_id: int | None,
    blueprint_id: uuid.UUID | None = None,
    changed: Iterable[str] = (),
    subject: Any = None,
    tolerant: bool = False,
) -> DomainEvent:
    """Build and announce one event; the acting person comes from ``user_id`` and the request."""
    event = DomainEvent(
        type=type_,
        tenant_id=tenant_id,
        data=data,
        actor=current_actor(user_id),
        blueprint_id=blueprint_id,
        changed=tuple(changed),
        subject=subject,
        tolerant=tolerant,
    )
    announce(db_session, event)
    return event


def subscribe(types: str | Iterable[str], receiver: Receiver) -> None:
    """Call ``receiver(db_session, event)`` for every event of ``types`` (``"*"``: all of them).

    Receivers are held strongly, and connecting the same one twice is harmless.
    """
    names = list(EVENT_TYPES) if types == "*" else [types] if isinstance(types, str) else list(types)
    for name in names:
        if name not in EVENT_TYPES:
            raise ValueError(f"unknown event type {name!r}")
        _bus.signal(name).connect(_adapt(receiver), weak=False)


_adapters: dict[Receiver, Callable[..., None]] = {}


def _adapt(receiver: Receiver) -> Callable[..., None]:
    """blinker calls ``receiver(sender, **kwargs)``; Loom's receivers take (session, event)."""
    adapter = _adapters.get(receiver)
    if adapter is None:

        def adapter(sender: Session, **kwargs: Any) -> None:
            receiver(sender, kwargs["event"])

        _adapters[receiver] = adapter
    return adapter


def unsubscribe(types: str | Iterable[str], receiver: Receiver) -> None:
    """Undo ``subscribe`` (tests listen for a while, then stop)."""
    names = list(EVENT_TYPES) if types == "*" else [types] if isinstance(types, str) else list(types)
    adapter = _adapters.get(receiver)
    if adapter is not None:
        for name in names:
            _bus.signal(name).disconnect(adapter)


@contextmanager
def listening(types: str | Iterable[str] = "*") -> Iterator[list[DomainEvent]]:
    """Collect the events of ``types`` announced inside the block, in order."""
    heard: list[DomainEvent] = []

    def receiver(_session: Session, event: DomainEvent) -> None:
        heard.append(event)

    subscribe(types, receiver)
    try:
        yield heard
    finally:
        unsubscribe(types, receiver)
        _adapters.pop(receiver, None)


def receivers_of(type_: str) -> int:
    """How many receivers ``type_`` has (tests and the architecture check read it)."""
    return len(_bus.signal(type_).receivers)
