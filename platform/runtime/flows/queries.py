"""Reads: the inbox with its filters, a record's instances and history. Sessions are tenant-scoped."""

from __future__ import annotations

import uuid
from datetime import datetime, time, timedelta
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, String, and_, bindparam, func, or_, select, text, tuple_
from sqlalchemy.orm import Session, defer

from core import clock
from core.errors import Invalid, NotFound
from core.identity.models import User
from core.pagination import cursor_time_id, page
from designer.blueprints.models import Blueprint, BlueprintVersion
from designer.blueprints.queries import get_blueprint
from designer.flows.models import Flow, FlowVersion
from designer.flows.queries import get_flow
from engine.schema import FieldErrors, Schema
from engine.schema.filters import parse_filter
from runtime.entities import sql
from runtime.entities.models import Entity
from runtime.entities.queries import json_arg
from runtime.flows.models import FlowHistory, FlowInstance, InboxItem

HISTORY_LIMIT = 100
# The inbox badge counts this far (and shows "99+" from 100 on).
WAITING_CAP = 100


class AtWork(NamedTuple):
    """An inbox item with everything doing it and showing the outcome reads."""

    item: InboxItem
    instance: FlowInstance
    entity: Entity
    flow: Flow
    flow_version: FlowVersion
    blueprint: Blueprint
    blueprint_version: BlueprintVersion


# Built once: the statement is the same for every item (its id is a parameter), and SQLAlchemy
# compiles it once; building it afresh cost more than running it.
_AT_WORK = (
    select(InboxItem, FlowInstance, Entity, Flow, FlowVersion, Blueprint, BlueprintVersion)
    .join(FlowInstance, FlowInstance.id == InboxItem.instance_id)
    .join(Entity, Entity.id == InboxItem.entity_id)
    .join(Flow, Flow.id == InboxItem.flow_id)
    .join(FlowVersion, FlowVersion.id == FlowInstance.flow_version_id)
    .join(Blueprint, Blueprint.id == Entity.blueprint_id)
    .join(BlueprintVersion, BlueprintVersion.id == Entity.blueprint_version_id)
    .where(InboxItem.id == bindparam("item_id"))
    .options(
        defer(Flow.draft_xml),
        defer(FlowVersion.xml),
        defer(Blueprint.draft_columns),
        defer(Blueprint.draft_form),
        defer(BlueprintVersion.columns),
        defer(BlueprintVersion.form),
    )
)
# The same, with the instance's row locked for the step and its version as read under the lock.
_AT_WORK_HELD = _AT_WORK.add_columns(FlowInstance.version).with_for_update(nowait=True, of=FlowInstance)
_WRITTEN_ORDER = text("SET LOCAL join_collapse_limit = 1")
_ANY_ORDER = text("RESET join_collapse_limit")


def item_at_work(db_session: Session, item_id: uuid.UUID) -> AtWork:
    """The item, its instance, record, flow, blueprint and their versions, in one query.

    Keep the result while the request runs: the session holds its rows only as long as someone
    does, and the operation and the views look them up there instead of querying again. Large
    columns nobody reads here (diagrams, drafts, the blueprint's columns) stay in the database.
    """
    row = db_session.execute(_AT_WORK, {"item_id": item_id}).first()
    if row is None:
        raise NotFound("No such task here.")
    return AtWork(*row)


def item_held(db_session: Session, item_id: uuid.UUID) -> tuple[AtWork, int]:
    """``item_at_work`` with the instance's row locked (FOR UPDATE NOWAIT) in the same round trip,
    and the instance's version read under the lock (``operations.item_to_complete`` compares it).
    OperationalError (LockNotAvailable) when another step holds the instance.

    The joins are planned in the order written (from the item, by its id, along keys): PostgreSQL
    spent 8 ms choosing an order for these seven tables, the partitioned entities among them, on
    every transition (plans are never reused, core.db), and 0.3 ms with the order given."""
    db_session.execute(_WRITTEN_ORDER)
    row = db_session.execute(_AT_WORK_HELD, {"item_id": item_id}).first()
    db_session.execute(_ANY_ORDER)  # not reached after an error: the transaction ends with it
    if row is None:
        raise NotFound("No such task here.")
    return AtWork(*row[:7]), row[7]


def get_item(db_session: Session, item_id: uuid.UUID) -> InboxItem:
    item = db_session.scalars(select(InboxItem).where(InboxItem.id == item_id)).first()
    if item is None:
        raise NotFound("No such task here.")
    return item


def get_instance(db_session: Session, entity_id: uuid.UUID, instance_id: uuid.UUID) -> FlowInstance:
    query = select(FlowInstance).where(FlowInstance.id == instance_id, FlowInstance.entity_id == entity_id)
    found = db_session.scalars(query).first()
    if found is None:
        raise NotFound("No such flow on this record.")
    return found


def instances_of(db_session: Session, entity_id: uuid.UUID) -> list[FlowInstance]:
    query = select(FlowInstance).where(FlowInstance.entity_id == entity_id).order_by(FlowInstance.started_at)
    return list(db_session.scalars(query))


def waiting_items(db_session: Session, instance_ids: list[uuid.UUID]) -> list[InboxItem]:
    if not instance_ids:
        return []
    query = (
        select(InboxItem)
        .where(InboxItem.instance_id.in_(instance_ids), InboxItem.done_at.is_(None))
        .order_by(InboxItem.created_at, InboxItem.id)
    )
    return list(db_session.scalars(query))


def history_of(db_session: Session, entity_id: uuid.UUID) -> list[FlowHistory]:
    query = (
        select(FlowHistory)
        .where(FlowHistory.entity_id == entity_id)
        .order_by(FlowHistory.at.desc(), FlowHistory.id.desc())
        .limit(HISTORY_LIMIT)
    )
    return list(db_session.scalars(query))


def _due_before(due: str, zone: ZoneInfo) -> datetime:
    now = clock.now()
    if due == "overdue":
        return now
    local = now.astimezone(zone)
    days = 1 if due == "today" else 7 - local.weekday()
    end = datetime.combine(local.date() + timedelta(days=days), time(0), tzinfo=zone)
    return end


def _waits_for(user_id: int) -> ColumnElement[bool]:
    """Items the person claimed, and unclaimed items that name them: by email (``member``) or in
    the record's user column (``<loom:transition field=..>``). The inbox's "for me" filter and the
    count on its badge (``count_waiting_for``) both use it, so they never disagree."""
    named = Entity.data.op("->>", return_type=String)(InboxItem.field)
    email = select(func.lower(User.email)).where(User.id == user_id).scalar_subquery()
    names_them = or_(
        and_(InboxItem.field.is_not(None), named == str(user_id)),
        and_(InboxItem.member.is_not(None), func.lower(InboxItem.member) == email),
    )
    return or_(InboxItem.assignee_id == user_id, and_(InboxItem.assignee_id.is_(None), names_them))


def count_waiting_for(db_session: Session, user_id: int, cap: int = WAITING_CAP) -> int:
    """How many waiting tasks are the person's (the inbox's "for me"), counting no further than ``cap``:
    a badge says "99+" rather than make the database count a long backlog."""
    mine = (
        select(InboxItem.id)
        .join(Entity, Entity.id == InboxItem.entity_id)
        .where(InboxItem.done_at.is_(None), _waits_for(user_id))
        .limit(cap)
    )
    return int(db_session.scalar(select(func.count()).select_from(mine.subquery())) or 0)


def list_inbox(db_session: Session, args: dict[str, Any], user_id: int, zone: ZoneInfo) -> dict[str, Any]:
    """Waiting tasks, oldest first, keyset-paged on (created_at, id). Tasks of records in the Trash
    wait there with them (the join leaves trashed records out)."""
    query = select(InboxItem).join(Entity, Entity.id == InboxItem.entity_id).where(InboxItem.done_at.is_(None))
    if args.get("flow"):
        query = query.where(InboxItem.flow_id == get_flow(db_session, args["flow"]).id)
    blueprint = get_blueprint(db_session, args["blueprint"]) if args.get("blueprint") else None
    if blueprint is not None:
        query = query.where(InboxItem.blueprint_id == blueprint.id)
    assignee = args.get("assignee")
    if assignee == "me":
        query = query.where(_waits_for(user_id))
    elif assignee == "unassigned":
        query = query.where(InboxItem.assignee_id.is_(None))
    elif assignee:
        if not assignee.isdigit():
            raise Invalid({"assignee": ["Use me, unassigned or a user id."]})
        query = query.where(_waits_for(int(assignee)))
    if args.get("due"):
        query = query.where(InboxItem.due_at < _due_before(args["due"], zone))
    raw_filter = json_arg(args.get("filter"), "filter")
    if raw_filter is not None:
        if blueprint is None or blueprint.current_version is None:
            raise Invalid({"filter": ["Choose a published blueprint to filter on its fields."]})
        try:
            tree = parse_filter(Schema.parse(blueprint.current_version.columns), raw_filter)
        except FieldErrors as exc:
            raise Invalid(exc.errors) from exc
        if tree is not None:
            matching = select(Entity.id).where(sql.of_blueprint(blueprint.id), sql.filter_sql(tree))
            query = query.where(InboxItem.entity_id.in_(matching))
    if args.get("cursor"):
        query = query.where(tuple_(InboxItem.created_at, InboxItem.id) > tuple_(*cursor_time_id(args["cursor"])))
    limit = args["limit"]
    rows = list(db_session.scalars(query.order_by(InboxItem.created_at, InboxItem.id).limit(limit + 1)))
    return page(rows, limit, lambda i: [i.created_at.isoformat(), str(i.id)])
