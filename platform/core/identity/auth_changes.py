"""Moving the auth cache's generations (``core.identity.auth_cache``) when a commit changed what
its entries rest on.

A flush notes what it changed: a user (any column: password, token uniquifier, active,
two-factor, sign-in stamps) or their system roles, a session ended (a refresh tracker's
``revoked_at``), a membership added, changed or removed, a workspace changed or deleted. A bulk
UPDATE or DELETE of those tables moves the generation of the one user or workspace its WHERE
names, or everyone's when it names none; so does plain SQL that writes them. The generations move
after the commit, never before it (an entry made in between would hold the old rows under the new
generation); nothing moves for a rolled-back transaction.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import BinaryExpression, BindParameter, ColumnElement, TextClause
from sqlalchemy.sql.visitors import iterate

from core.identity import auth_cache
from core.identity.models import Membership, RefreshTracker, Role, Tenant, User, roles_users

_PENDING = "loom_auth_generations"  # session.info: the generation keys this transaction moves
# By name: an ORM statement holds annotated copies of the tables, not the tables themselves.
_TABLES = {
    "users",
    "memberships",
    "tenants",
    "refresh_trackers",
    "roles",
    str(roles_users.name),
}


def _note(db_session: Session, keys: set[str]) -> None:
    if keys:
        db_session.info.setdefault(_PENDING, set()).update(keys)


def _keys_of(obj: Any, deleted: bool) -> set[str]:
    if isinstance(obj, User):
        return {auth_cache.user_key(obj.id)} if obj.id is not None else set()
    if isinstance(obj, Membership):
        return {auth_cache.membership_key(obj.tenant_id, obj.user_id)}
    if isinstance(obj, Tenant):
        return {auth_cache.tenant_key(obj.id)} if obj.id is not None else set()
    if isinstance(obj, RefreshTracker):
        ended = deleted or inspect(obj).attrs.revoked_at.history.has_changes()
        return {auth_cache.user_key(obj.user_id)} if ended and obj.user_id is not None else set()
    if isinstance(obj, Role):
        return {auth_cache.EVERYONE}
    return set()


@event.listens_for(Session, "after_flush")
def _note_changes(db_session: Session, _context: Any) -> None:
    keys: set[str] = set()
    for obj in db_session.dirty:
        keys |= _keys_of(obj, False)
    for obj in db_session.deleted:
        keys |= _keys_of(obj, True)
    for obj in db_session.new:
        if isinstance(obj, Membership):
            keys |= _keys_of(obj, False)
    _note(db_session, keys)


# Plain SQL that writes one of those tables (rare: a data fix, a test) moves everyone's generation.
_WRITES_IN_TEXT = re.compile(
    r"\b(?:UPDATE|DELETE\s+FROM|INSERT\s+INTO)\s+(?:" + "|".join(sorted(_TABLES)) + r")\b", re.IGNORECASE
)


@event.listens_for(Session, "do_orm_execute")
def _note_bulk(state: ORMExecuteState) -> None:
    if isinstance(state.statement, TextClause):
        if _WRITES_IN_TEXT.search(state.statement.text):
            _note(state.session, {auth_cache.EVERYONE})
        return
    if not (state.is_update or state.is_delete):
        return
    table = getattr(getattr(state.statement, "table", None), "name", None)
    if table not in _TABLES:
        return
    _note(state.session, {_named_row(str(table), state.statement.whereclause)})  # type: ignore[attr-defined]


# The columns whose value in a WHERE names one user or workspace, per table, and its generation.
_NAMING_COLUMNS: dict[str, tuple[tuple[str, Callable[[Any], str]], ...]] = {
    "users": (("id", auth_cache.user_key),),
    "tenants": (("id", auth_cache.tenant_key),),
    "memberships": (("tenant_id", auth_cache.tenant_key), ("user_id", auth_cache.user_key)),
    "refresh_trackers": (("user_id", auth_cache.user_key),),
}


def _named_row(table: str, where: ColumnElement[Any] | None) -> str:
    """The generation of the one user or workspace ``where`` names (``col = value``), else everyone's."""
    wanted = _NAMING_COLUMNS.get(table, ())
    named: dict[str, Any] = {}
    for node in iterate(where) if where is not None else ():
        if isinstance(node, BinaryExpression) and node.operator is operators.eq:
            column, value = node.left, node.right
            named_table = getattr(getattr(column, "table", None), "name", None)
            if isinstance(value, BindParameter) and named_table == table and value.value is not None:
                named.setdefault(str(column.key), value.value)
    for column_name, key_of in wanted:
        if column_name in named:
            return str(key_of(named[column_name]))
    return auth_cache.EVERYONE


@event.listens_for(Session, "after_commit")
def _move(db_session: Session) -> None:
    keys: set[str] = db_session.info.pop(_PENDING, set())
    if keys:
        auth_cache.bump(keys)


@event.listens_for(Session, "after_rollback")
def _forget(db_session: Session) -> None:
    db_session.info.pop(_PENDING, None)
