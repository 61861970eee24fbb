"""Removing a deleted user from the records, flows and views of the workspaces that outlive them.

The same contract as ``runtime.account.scrub``: one table of one workspace (the session is scoped
to it), one batch, the cursor to go on from or None. The queries find candidates with a JSONB path
or a text match; the exact decision (is this a "user" column of this version?) is made here, so a
candidate that is only a look-alike (a quantity of 42 next to user 42) is passed over, not changed.
"""

from __future__ import annotations

import re
import uuid
from typing import Any, TypeVarTuple

from sqlalchemy import Select, String, cast, func, or_, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from designer.flows.models import Flow, FlowVersion
from engine.flows import codec
from engine.flows.run import CODEC_TEXT, DATA_FORMAT, KEPT, POOLED_TEXT
from engine.flows.stored_data import POOL, resolve
from runtime.account.scrub import (
    BATCH,
    GONE,
    Scope,
    Target,
    UserColumns,
    definitions_rewritten,
    has_path,
    next_cursor,
    rewrite_row,
    scrub_filter,
)
from runtime.entities import writer
from runtime.entities.models import Entity
from runtime.flows.models import FlowHistory, FlowInstance, InboxItem
from runtime.views.models import SavedView

_Ts = TypeVarTuple("_Ts")


def _after(query: Select[*_Ts], column: InstrumentedAttribute[uuid.UUID], after: str | None) -> Select[*_Ts]:
    return query.where(column > uuid.UUID(after)) if after else query


def entities(db_session: Session, scope: Scope, after: str | None) -> str | None:
    """Records: the user leaves their "user" columns (the value goes, as if never set) and ``aside``.

    The version counter moves on, as with every change to a record, so an editor holding the old
    record gets a 409 instead of writing the user back.
    """
    target, columns = scope.target, scope.columns
    query = (
        select(Entity.id, Entity.blueprint_version_id, Entity.data, Entity.aside)
        .where(
            or_(
                has_path(Entity.data, "$.* ? (@ == $u)", target),
                has_path(Entity.aside, "$.*.*.value ? (@ == $u)", target),
            )
        )
        .order_by(Entity.id)
        .limit(BATCH)
    )
    rows: list[tuple[uuid.UUID, uuid.UUID, dict[str, Any], dict[str, Any]]] = list(
        db_session.execute(_after(query, Entity.id, after).execution_options(include_trashed=True))
    )
    changed = []
    for entity_id, version_id, data, aside in rows:
        keys = columns.by_version.get(version_id, set())
        new_data = {k: v for k, v in data.items() if not (k in keys and target.is_user(v))}
        new_aside = _scrub_aside(aside or {}, columns, target)
        if new_data != data or new_aside != aside:
            changed.append((entity_id, new_data, new_aside))
    writer.replace_values(db_session, changed, None)
    return next_cursor(rows, rows[-1][0] if rows else None)


def _scrub_aside(aside: dict[str, Any], columns: UserColumns, target: Target) -> dict[str, Any]:
    """``aside`` is ``{version id: {column key: {"value": v, ...}}}``: entries holding the user go."""
    result: dict[str, Any] = {}
    for version_id, entries in aside.items():
        try:
            keys = columns.by_version.get(uuid.UUID(version_id), set())
        except ValueError:
            keys = set()
        kept = {
            key: entry
            for key, entry in (entries or {}).items()
            if not (key in keys and isinstance(entry, dict) and target.is_user(entry.get("value")))
        }
        if kept:
            result[version_id] = kept
    return result


def history(db_session: Session, scope: Scope, after: str | None) -> str | None:
    """The history's field changes: the user's id before or after becomes empty (who did it is a
    foreign key, emptied when the user row goes)."""
    target, columns = scope.target, scope.columns
    query = (
        select(FlowHistory.id, FlowHistory.changes, Entity.blueprint_id)
        .join(Entity, Entity.id == FlowHistory.entity_id)
        .where(has_path(FlowHistory.changes, "$[*] ? (@.before == $u || @.after == $u)", target))
        .order_by(FlowHistory.id)
        .limit(BATCH)
    )
    rows: list[tuple[uuid.UUID, list[dict[str, Any]], uuid.UUID]] = list(
        db_session.execute(_after(query, FlowHistory.id, after))
    )
    for row_id, changes, blueprint_id in rows:
        keys = columns.of_blueprint(blueprint_id)
        scrubbed = [_change(change, keys, target) for change in changes]
        if scrubbed != changes:
            rewrite_row(db_session, FlowHistory, row_id, changes=scrubbed)
    return next_cursor(rows, rows[-1][0] if rows else None)


def _change(change: Any, keys: set[str], target: Target) -> Any:
    if not isinstance(change, dict) or change.get("field") not in keys:
        return change
    return {k: None if k in ("before", "after") and target.is_user(v) else v for k, v in change.items()}


def instances(db_session: Session, scope: Scope, after: str | None) -> str | None:
    """The engine's serialized state: its variables (a "data" object per task and workflow, and a
    task's changes against its parent, ``delta.updates``) lose the user's id; the diagram copied
    into it (``spec``) loses the address."""
    target, columns = scope.target, scope.columns
    query = (
        select(FlowInstance.id, FlowInstance.state, Entity.blueprint_id)
        .join(Entity, Entity.id == FlowInstance.entity_id)
        .where(
            or_(
                has_path(FlowInstance.state, "$.**.data.* ? (@ == $u || @ == $s)", target),
                has_path(FlowInstance.state, "$.**.delta.updates.* ? (@ == $u || @ == $s)", target),
                has_path(FlowInstance.state, f"$.{POOL}[*] ? (@ == $s)", target),
                cast(FlowInstance.state, String).ilike(target.like),
            )
        )
        .order_by(FlowInstance.id)
        .limit(BATCH)
    )
    rows: list[tuple[uuid.UUID, dict[str, Any], uuid.UUID]] = list(
        db_session.execute(_after(query, FlowInstance.id, after))
    )
    for instance_id, state, blueprint_id in rows:
        coded = state.get(DATA_FORMAT) in (CODEC_TEXT, POOLED_TEXT)
        pool = state.get(POOL) or [] if state.get(DATA_FORMAT) == POOLED_TEXT else []
        scrubbed = _state(state, columns.of_blueprint(blueprint_id), target, coded, pool)
        if scrubbed != state:
            rewrite_row(db_session, FlowInstance, instance_id, state=scrubbed, version=FlowInstance.version + 1)
    return next_cursor(rows, rows[-1][0] if rows else None)


def _state(value: Any, keys: set[str], target: Target, coded: bool, pool: list[Any]) -> Any:
    """Variables are the record's columns (the record's own values are the workspace's and stay;
    each step sets them afresh from the record); everything else is the engine's and the diagram's.
    In ``coded`` states (engine.flows.run.serialize) each variable is kept as ``v:<name>`` with its
    codec text, so the user's id 7 is the text ``7`` there; a long text may be a reference into the
    state's ``pool`` instead (engine.flows.stored_data), which the user's variable then stops using.
    A task's changes against its parent (``delta.updates``) are variables too, and keep the address
    scrubbed as before."""
    if isinstance(value, dict):
        result: dict[str, Any] = {}
        for key, item in value.items():
            if key == "data" and isinstance(item, dict):
                result[key] = {k: _variable(k, v, keys, target, coded, pool) for k, v in item.items()}
            elif key == "delta" and isinstance(item, dict) and isinstance(item.get("updates"), dict):
                updates = {
                    k: target.text(_variable(k, v, keys, target, coded, pool)) for k, v in item["updates"].items()
                }
                result[key] = {**_state(item, keys, target, coded, pool), "updates": updates}
            else:
                result[key] = _state(item, keys, target, coded, pool)
        return result
    if isinstance(value, list):
        return [_state(item, keys, target, coded, pool) for item in value]
    return target.text(value)


def _variable(name: str, value: Any, keys: set[str], target: Target, coded: bool, pool: list[Any]) -> Any:
    """The variable's stored value, None (as stored) where it is a user column holding the user."""
    if not coded:
        return None if name in keys and target.is_user(value) else value
    if not (name.startswith(KEPT) and name[len(KEPT) :] in keys and isinstance(value, str)):
        return value
    try:
        held = codec.loads(resolve(pool, value))
    except (ValueError, TypeError):  # not codec text, or a pool that is not a list of texts
        return value
    return codec.dumps(None) if target.is_user(held) else value


def inbox(db_session: Session, scope: Scope, after: str | None) -> str | None:
    """Steps only the user could do keep that rule (now nobody can) but not the address."""
    target = scope.target
    db_session.execute(
        update(InboxItem)
        .where(func.lower(InboxItem.member) == target.email.lower())
        .values(member=GONE)
        .execution_options(synchronize_session=False)
    )
    return None


def flows(db_session: Session, scope: Scope, after: str | None) -> str | None:
    """Draft diagrams that name the user (``member="..."`` of a transition, or anywhere else)."""
    target = scope.target
    query = select(Flow.id, Flow.draft_xml).where(Flow.draft_xml.ilike(target.like)).order_by(Flow.id).limit(BATCH)
    rows = list(db_session.execute(_after(query, Flow.id, after)))
    for flow_id, xml in rows:
        scrubbed = _xml(xml, target)
        if scrubbed != xml:
            rewrite_row(db_session, Flow, flow_id, draft_xml=scrubbed, lock_version=Flow.lock_version + 1)
    return next_cursor(rows, rows[-1][0] if rows else None)


def flow_versions(db_session: Session, scope: Scope, after: str | None) -> str | None:
    """Published diagrams never change, except to forget a person."""
    target = scope.target
    query = (
        select(FlowVersion.id, FlowVersion.xml)
        .where(FlowVersion.xml.ilike(target.like))
        .order_by(FlowVersion.id)
        .limit(BATCH)
    )
    rows = list(db_session.execute(_after(query, FlowVersion.id, after)))
    rewritten = False
    for version_id, xml in rows:
        scrubbed = _xml(xml, target)
        if scrubbed != xml:
            rewrite_row(db_session, FlowVersion, version_id, xml=scrubbed)
            rewritten = True
    if rewritten:
        definitions_rewritten(db_session, scope.tenant_id)
    return next_cursor(rows, rows[-1][0] if rows else None)


def _xml(xml: str, target: Target) -> str:
    # The placeholder has no characters that XML escapes, so the diagram stays well-formed.
    return str(target.pattern.sub(GONE, xml)) if re.search(target.pattern, xml) else xml


def views(db_session: Session, scope: Scope, after: str | None) -> str | None:
    """Other people's saved views that filter on the user (the user's own are deleted)."""
    target, columns = scope.target, scope.columns
    query = (
        select(SavedView.id, SavedView.config, SavedView.blueprint_id)
        .where(has_path(SavedView.config, "$.filter.** ? (@.value == $u || @.value == $s)", target))
        .order_by(SavedView.id)
        .limit(BATCH)
    )
    rows: list[tuple[uuid.UUID, dict[str, Any], uuid.UUID]] = list(
        db_session.execute(_after(query, SavedView.id, after))
    )
    for view_id, config, blueprint_id in rows:
        keys = columns.of_blueprint(blueprint_id)
        scrubbed = {**config, "filter": scrub_filter(config.get("filter"), keys, target)}
        if scrubbed != config:
            rewrite_row(db_session, SavedView, view_id, config=scrubbed)
    return next_cursor(rows, rows[-1][0] if rows else None)
