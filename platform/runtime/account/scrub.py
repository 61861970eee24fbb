"""Removing a deleted user from the workspaces that outlive them.

Foreign keys take care of the typed columns (``created_by``, ``user_id``, ``assignee_id``...:
ON DELETE SET NULL when the user row goes). What no foreign key sees is the user inside JSONB and
text: values of "user" columns in records, the version changes' ``aside``, the history's field changes,
the engine's serialized state, column defaults, saved filters and job parameters; and the email
that a flow names as the one member who may do a step. Each scrubber here handles one table of one
workspace (the session is scoped to it), a batch at a time, and returns where to go on (None when
that table is done). Every scrubber is idempotent: running a batch again finds nothing left to change.

Business values that merely equal the address (an "email" column of a record) are the workspace's
data and stay; Loom's own references to the account do not.
"""

from __future__ import annotations

import json
import re
import typing
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import CursorResult, String, cast, delete, func, literal, or_, select, update
from sqlalchemy.dialects.postgresql import JSONB, JSONPATH
from sqlalchemy.orm import Session

from core.files import storage
from core.files.models import StoredFile
from core.identity.models import Tenant
from core.jobs.models import Job, JobStatus
from designer.blueprints.models import Blueprint, BlueprintVersion
from engine.schema.columns import ColumnType

BATCH = 500
# What stands where the address was: never a valid email, so a step that only the deleted user
# could do stays closed to everyone (an admin moves the record on or edits the flow).
GONE = "deleted-account"
USER = ColumnType.USER.value
FINISHED = (JobStatus.DONE, JobStatus.FAILED)


@dataclass
class Target:
    """The user being deleted, and what the scrubbers match them by."""

    user_id: int
    email: str
    pattern: re.Pattern[str] = field(init=False)
    like: str = field(init=False)

    def __post_init__(self) -> None:
        # The address as a whole: "ann@example.com" is not inside "joann@example.com".
        self.pattern = re.compile(
            r"(?<![A-Za-z0-9._%+-])" + re.escape(self.email) + r"(?![A-Za-z0-9-]|\.[A-Za-z0-9])", re.IGNORECASE
        )
        escaped = self.email.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        self.like = f"%{escaped}%"

    def is_user(self, value: Any) -> bool:
        return type(value) is int and value == self.user_id

    def is_user_loose(self, value: Any) -> bool:
        """Also the id as text: filters and plans keep what the client sent."""
        return self.is_user(value) or (type(value) is str and value.strip() == str(self.user_id))

    def text(self, value: Any) -> Any:
        """``value`` with every occurrence of the address replaced, at any depth."""
        if isinstance(value, str):
            return self.pattern.sub(GONE, value)
        if isinstance(value, list):
            return [self.text(v) for v in value]
        if isinstance(value, dict):
            return {k: self.text(v) for k, v in value.items()}
        return value


def rewrite_row(db_session: Session, model: Any, row_id: object, **values: Any) -> None:
    """Write ``values`` into the row ``row_id`` of ``model`` with one UPDATE, leaving the objects the
    session holds alone (the scrub works below them)."""
    query = update(model).where(model.id == row_id).values(**values)
    db_session.execute(query.execution_options(synchronize_session=False))


def has_path(column: Any, path: str, target: Target) -> Any:
    """``column`` (JSONB) matches the SQL/JSON ``path``, in which ``$u`` is the user's id and ``$s`` the id as text."""
    variables = json.dumps({"u": target.user_id, "s": str(target.user_id)})
    return func.jsonb_path_exists(
        column, cast(literal(path, String), JSONPATH), cast(literal(variables, String), JSONB)
    )


@dataclass
class UserColumns:
    """The keys of "user" columns per blueprint version, and per blueprint (any version or the draft)."""

    by_version: dict[uuid.UUID, set[str]]
    by_blueprint: dict[uuid.UUID, set[str]]

    @classmethod
    def load(cls, db_session: Session) -> UserColumns:
        by_version: dict[uuid.UUID, set[str]] = {}
        by_blueprint: dict[uuid.UUID, set[str]] = {}
        versions: list[tuple[uuid.UUID, uuid.UUID, list[dict[str, Any]]]] = list(
            db_session.execute(select(BlueprintVersion.id, BlueprintVersion.blueprint_id, BlueprintVersion.columns))
        )
        for version_id, blueprint_id, columns in versions:
            keys = _user_keys(columns)
            by_version[version_id] = keys
            by_blueprint.setdefault(blueprint_id, set()).update(keys)
        drafts: list[tuple[uuid.UUID, list[dict[str, Any]]]] = list(
            db_session.execute(select(Blueprint.id, Blueprint.draft_columns))
        )
        for blueprint_id, columns in drafts:
            by_blueprint.setdefault(blueprint_id, set()).update(_user_keys(columns))
        return cls(by_version, by_blueprint)

    def of_blueprint(self, blueprint_id: Any) -> set[str]:
        return self.by_blueprint.get(uuid.UUID(str(blueprint_id)), set()) if blueprint_id else set()


def _user_keys(columns: Any) -> set[str]:
    return {str(c.get("key")) for c in columns or [] if isinstance(c, dict) and c.get("type") == USER}


@dataclass(frozen=True)
class Scope:
    """What a scrubber works on: whom to remove, from which workspace (the session is scoped to it)."""

    target: Target
    columns: UserColumns
    tenant_id: uuid.UUID


# A scrubber does one batch and says where to go on: a cursor, AGAIN, or None when done.
Scrubber = Callable[[Session, Scope, str | None], str | None]
AGAIN = "again"  # for scrubbers whose matches disappear once handled: just run the query again


def next_cursor(rows: list[Any], last: Any) -> str | None:
    return str(last) if len(rows) == BATCH else None


def own_jobs(db_session: Session, scope: Scope, after: str | None) -> str | None:
    """The user's finished background work in the workspace goes (a running one ends on its own)."""
    target = scope.target
    ids = (
        select(Job.id)
        .where(Job.tenant_id == scope.tenant_id, Job.created_by == target.user_id, Job.status.in_(FINISHED))
        .limit(BATCH)
    )
    result = db_session.execute(delete(Job).where(Job.id.in_(ids.scalar_subquery())))
    deleted = typing.cast(CursorResult[Any], result).rowcount
    return AGAIN if deleted == BATCH else None


def own_files(db_session: Session, scope: Scope, after: str | None) -> str | None:
    """The user's uploads and exports, rows and bytes, except those a running job still reads or writes."""
    target = scope.target
    busy = select(Job.params["file_id"].astext).where(
        Job.tenant_id == scope.tenant_id, Job.status.not_in(FINISHED), Job.params.has_key("file_id")
    )
    ids = list(
        db_session.scalars(
            select(StoredFile.id)
            .where(StoredFile.created_by == target.user_id, cast(StoredFile.id, String).not_in(busy))
            .limit(BATCH)
        )
    )
    remove_files(db_session, ids)
    return AGAIN if len(ids) == BATCH else None


def remove_files(db_session: Session, ids: list[uuid.UUID]) -> None:
    """Bytes first, then rows: after a crash in between, the rows are still there to find them by."""
    for file_id in ids:
        storage.current().delete(file_id)
    if ids:
        db_session.execute(delete(StoredFile).where(StoredFile.id.in_(ids)))


def jobs(db_session: Session, scope: Scope, after: str | None) -> str | None:
    """Other people's jobs: filters and version change defaults that name the user, and the address anywhere."""
    target, columns = scope.target, scope.columns
    query = (
        select(Job)
        .where(
            Job.tenant_id == scope.tenant_id,
            or_(
                has_path(Job.params, "$.** ? (@ == $u || @ == $s)", target),
                cast(Job.params, String).ilike(target.like),
                cast(Job.result, String).ilike(target.like),
                # An export keeps its filter as the JSON text it was given.
                Job.params["filter"].astext.regexp_match(rf"(^|[^0-9]){target.user_id}([^0-9]|$)"),
            ),
        )
        .order_by(Job.id)
        .limit(BATCH)
        .with_for_update()
    )
    if after:
        query = query.where(Job.id > uuid.UUID(after))
    rows = list(db_session.scalars(query))
    for job in rows:
        params = dict(job.params)
        keys = columns.of_blueprint(params.get("blueprint_id"))
        if "filter" in params:
            params["filter"] = _scrub_filter_text(params["filter"], keys, target)
        if isinstance(params.get("plan"), list) and params.get("target"):
            added = columns.by_version.get(uuid.UUID(str(params["target"])), set())
            params["plan"] = [_plan_step(step, added, target) for step in params["plan"]]
        params, result = target.text(params), target.text(job.result or {})
        if params != job.params or result != job.result:
            job.params, job.result = params, result
    return next_cursor(rows, rows[-1].id if rows else None)


def _scrub_filter_text(raw: Any, keys: set[str], target: Target) -> Any:
    """A filter as a tree, or as the JSON text of one (exports keep what the query string said)."""
    if not isinstance(raw, str):
        return scrub_filter(raw, keys, target)
    try:
        tree = json.loads(raw)
    except ValueError:
        return raw
    scrubbed = scrub_filter(tree, keys, target)
    return raw if scrubbed == tree else json.dumps(scrubbed)


def _plan_step(step: Any, keys: set[str], target: Target) -> Any:
    if isinstance(step, dict) and step.get("target") in keys and target.is_user_loose(step.get("default")):
        return {**step, "default": None}
    return step


def scrub_filter(node: Any, keys: set[str], target: Target) -> Any:
    """A saved filter without the user: "is them" becomes "is empty" (their records now are),
    "is not them" becomes "is not empty", and they leave an "is one of" list."""
    if not isinstance(node, dict):
        return node
    for kind in ("and", "or"):
        if isinstance(node.get(kind), list):
            return {**node, kind: [scrub_filter(child, keys, target) for child in node[kind]]}
    if node.get("column") not in keys:
        return node
    op, value = node.get("op"), node.get("value")
    if op == "in" and isinstance(value, list) and any(target.is_user_loose(v) for v in value):
        rest = [v for v in value if not target.is_user_loose(v)]
        return {**node, "value": rest} if rest else {"column": node["column"], "op": "empty"}
    if target.is_user_loose(value):
        return {"column": node["column"], "op": "not_empty" if op == "ne" else "empty"}
    return node


def _columns_default(columns: Any, target: Target) -> Any:
    return [
        {**c, "default": None} if c.get("type") == USER and target.is_user_loose(c.get("default")) else c
        for c in columns or []
    ]


def _user_as_default(db_session: Session, id_column: Any, columns: Any, target: Target) -> list[Any]:
    """A batch of (id, columns) whose ``columns`` (a column list) has a "user" column defaulting to the user."""
    match = has_path(columns, '$[*] ? (@.type == "user" && (@.default == $u || @.default == $s))', target)
    return list(db_session.execute(select(id_column, columns).where(match).limit(BATCH)))


def blueprints(db_session: Session, scope: Scope, after: str | None) -> str | None:
    """Drafts whose "user" column has the user as its default; the lock counter moves on (409 to stale editors)."""
    target = scope.target
    rows = _user_as_default(db_session, Blueprint.id, Blueprint.draft_columns, target)
    for blueprint_id, draft_columns in rows:
        rewrite_row(
            db_session,
            Blueprint,
            blueprint_id,
            draft_columns=_columns_default(draft_columns, target),
            lock_version=Blueprint.lock_version + 1,
        )
    return AGAIN if len(rows) == BATCH else None


def definitions_rewritten(db_session: Session, tenant_id: uuid.UUID) -> None:
    """A published version changed in place: every process parses the tenant's versions again."""
    rewrite_row(db_session, Tenant, tenant_id, definitions_revision=Tenant.definitions_revision + 1)


def blueprint_versions(db_session: Session, scope: Scope, after: str | None) -> str | None:
    """Published versions never change, except to forget a person: their default goes."""
    target = scope.target
    rows = _user_as_default(db_session, BlueprintVersion.id, BlueprintVersion.columns, target)
    for version_id, version_columns in rows:
        rewrite_row(db_session, BlueprintVersion, version_id, columns=_columns_default(version_columns, target))
    if rows:
        definitions_rewritten(db_session, scope.tenant_id)
    return AGAIN if len(rows) == BATCH else None
