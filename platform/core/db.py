"""Database engine, the request/task-scoped session, the declarative base and tenant scoping.

The request (or the Celery task) is the transaction boundary: operations flush, the edge
commits once. Tenant-owned models inherit ``TenantScoped``; while a session is scoped to a
tenant (``scope_to_tenant``) every ORM query on them gets ``tenant_id = :tenant`` added by
construction, and querying them with no scope at all is refused.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    DateTime,
    ForeignKey,
    MetaData,
    Table,
    bindparam,
    create_engine,
    event,
    func,
    inspect,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    MappedColumn,
    ORMExecuteState,
    Session,
    declared_attr,
    mapped_column,
    scoped_session,
    sessionmaker,
    with_loader_criteria,
)
from sqlalchemy.orm.interfaces import CompileStateOption
from sqlalchemy.orm.util import identity_key
from sqlalchemy.sql.elements import ClauseElement
from sqlalchemy.sql.selectable import Alias
from sqlalchemy.sql.util import find_tables
from sqlalchemy.sql.visitors import InternalTraversal

from core import json_codec, timeouts
from core.pool_checks import ping_when_idle

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a stable constraint naming convention for Alembic."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Timestamped:
    """Typed ``created_at`` / ``updated_at`` system columns (timestamptz, UTC)."""

    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now(), nullable=False
    )


class TenantScoped:
    """Mixin for every tenant-owned row: queries are filtered by the session's tenant.

    ``tenant_id`` leads the table's primary key, (tenant_id, id), so the table can be distributed
    by tenant (core.distribution); that key's index also serves every query by tenant_id alone, so
    the column has no index of its own. The ORM still knows a row with an ``id`` by that id alone
    (``session.get(Model, id)``, the identity map); its flushes name the whole key
    (``UPDATE ... WHERE tenant_id = ... AND id = ...``). A model without ``id``, or one that
    names its mapper's ``primary_key`` itself, is known by the key it names or the whole key.
    """

    @declared_attr
    def tenant_id(cls) -> Mapped[uuid.UUID]:  # noqa: N805 - SQLAlchemy declared_attr
        return mapped_column(
            ForeignKey("tenants.id", ondelete="CASCADE"), primary_key=True, nullable=False, sort_order=-1
        )

    def __init_subclass__(cls, **kwargs: Any) -> None:
        declared = cls.__dict__.get("__mapper_args__", {})
        if isinstance(cls.__dict__.get("id"), MappedColumn) and isinstance(declared, dict):
            cls.__mapper_args__ = {"primary_key": ["id"], **declared}  # type: ignore[attr-defined]  # read by the mapping
        super().__init_subclass__(**kwargs)


class Trashable:
    """Mixin for rows that go to the Trash before they go for good.

    While ``deleted_at`` is set the row is left out of every ORM query (select, update, delete,
    joins and subqueries included), so no list, count, link check or flow step sees a trashed
    record by accident. The Trash itself, restores and purges ask for them with
    ``execution_options(include_trashed=True)``.
    """

    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class TenantScopeMissing(RuntimeError):
    """A tenant-owned model was queried by a session that is not scoped to a tenant."""


def scope_criteria(model: Any) -> tuple[Any, ...]:
    """What the ORM adds to a SELECT of ``model`` (the scoped tenant's rows, live rows only),
    written out for a statement run below the ORM by ``rows_below_orm``, which supplies the
    tenant. The same objects every time, so a statement built with them can be kept and reused."""
    found = _below_orm_criteria.get(model)
    if found is None:
        criteria = [model.tenant_id == bindparam(TENANT_PARAM)] if issubclass(model, TenantScoped) else []
        if issubclass(model, Trashable):
            criteria.append(model.deleted_at.is_(None))
        found = _below_orm_criteria[model] = tuple(criteria)
    return found


_below_orm_criteria: dict[Any, tuple[Any, ...]] = {}


def rows_below_orm(db_session: Session, query: Any, params: dict[str, Any] | None = None) -> list[Any]:
    """The rows of a SELECT of columns, run on the session's connection without the ORM's
    per-execution work (about half a millisecond on a grid page), the session's tenant as the
    parameter of ``scope_criteria``. Nothing is added to the query: it must carry the
    ``scope_criteria`` of every tenant-owned model it reads. A statement kept and run with its
    ``params`` here (not ``query.params()``, a copy) costs SQLAlchemy the least."""
    tenant_id = db_session.info.get("tenant_id")
    if tenant_id is None:
        raise TenantScopeMissing("rows below the ORM need a tenant scope; use scope_to_tenant()")
    return list(db_session.connection().execute(query, {**(params or {}), TENANT_PARAM: tenant_id}).all())


session_factory = sessionmaker(expire_on_commit=False)
session: scoped_session[Session] = scoped_session(session_factory)


def rows_by_id(db_session: Session, model: Any, ids: set[Any], *options: Any) -> dict[Any, Any]:
    """Rows of ``model`` by primary key: those the session holds without a query, the rest in one.

    ``options`` go to that query (``defer`` a large column the caller does not read).

    The session's identity map holds objects weakly: keep a reference to what a request loaded
    up front (see ``runtime.flows.queries.item_at_work``) and the views built later find it here.
    """
    found: dict[Any, Any] = {}
    for row_id in ids:
        held = db_session.identity_map.get(identity_key(model, row_id))
        if held is not None:
            found[row_id] = held
    missing = ids - found.keys()
    if missing:
        rows: list[Any] = list(db_session.scalars(select(model).where(model.id.in_(missing)).options(*options)))
        found.update((row.id, row) for row in rows)
    return found


def make_engine(
    url: str, *, statement_timeout_ms: int | None = None, ping_idle_seconds: float = 1.0, **kwargs: Any
) -> Engine:
    """An engine for ``url`` with a bounded pool whose connections are checked before use when
    they sat idle ``ping_idle_seconds`` (``core.pool_checks``).

    ``statement_timeout_ms`` starts every connection with that statement timeout: the backstop
    for work that runs outside a request or a task (``core.timeouts`` budgets those per transaction).
    """
    options: list[str] = []
    if statement_timeout_ms is not None:
        options.append(timeouts.connect_options(statement_timeout_ms)["options"])
    connect_args = dict(kwargs.get("connect_args", {}))
    connect_args["options"] = " ".join([*options, connect_args.get("options", "")]).strip()
    kwargs["connect_args"] = connect_args
    kwargs.setdefault("json_serializer", json_codec.dumps)  # JSON columns through orjson, exactly
    kwargs.setdefault("json_deserializer", json_codec.loads)
    kwargs.setdefault("pool_size", 5)
    kwargs.setdefault("max_overflow", 10)
    engine = create_engine(url, **kwargs)
    if not kwargs.get("pool_pre_ping"):
        ping_when_idle(engine, ping_idle_seconds)
    return engine


def bind(engine: Engine) -> None:
    """Point the scoped session factory at ``engine``."""
    session.remove()
    session_factory.configure(bind=engine)


def set_tenant_scope(db_session: Session, tenant_id: uuid.UUID) -> None:
    """Scope ``db_session`` to ``tenant_id`` until the session ends (the request or the task)."""
    db_session.info["tenant_id"] = tenant_id


@contextmanager
def scope_to_tenant(db_session: Session, tenant_id: uuid.UUID) -> Iterator[Session]:
    """Scope every tenant-owned query made through ``db_session`` to ``tenant_id``."""
    previous = db_session.info.get("tenant_id")
    db_session.info["tenant_id"] = tenant_id
    try:
        yield db_session
    finally:
        db_session.info["tenant_id"] = previous


# The tenant-owned or trashable model of each table, for the statement walk below (None: any
# other table); rebuilt
# when a table shows up that it does not know (a model imported after the first query).
_models_by_table: dict[Table, type | None] = {}


def _model_of(table: Any) -> type | None:
    if isinstance(table, Alias):
        table = table.element
    if not isinstance(table, Table):
        return None
    if table not in _models_by_table:
        known: dict[Table, type | None] = {t: None for t in Base.metadata.tables.values()}
        for mixin in (TenantScoped, Trashable):
            known.update((model.__table__, model) for model in _mapped_subclasses(mixin))
        _models_by_table.clear()
        _models_by_table.update(known)
        _models_by_table.setdefault(table, None)
    return _models_by_table[table]


def _mapped_subclasses(root: type) -> list[Any]:
    found: list[Any] = []
    for sub in root.__subclasses__():
        if hasattr(sub, "__table__"):
            found.append(sub)
        found.extend(_mapped_subclasses(sub))
    return found


def _models_of(statement: Any, mappers: Any) -> set[type]:
    """The tenant-owned and trashable models ``statement`` reads or writes, subqueries and joins
    included; ``mappers`` are those of its result columns (or of the UPDATE/DELETE subject)."""
    found = {m.class_ for m in mappers if issubclass(m.class_, (TenantScoped, Trashable))}
    for table in find_tables(cast(ClauseElement, statement), include_aliases=True, include_joins=True):
        model = _model_of(table)
        if model is not None:
            found.add(model)
    return found


def _models_in(state: ORMExecuteState) -> set[type]:
    return _models_of(state.statement, state.all_mappers)


def _result_mappers(statement: Any) -> list[Any]:
    """As ``ORMExecuteState.all_mappers`` for a SELECT: the mappers of its result columns."""
    found: list[Any] = []
    for described in getattr(statement, "column_descriptions", ()):
        entity = described.get("entity")
        mapper = getattr(inspect(entity, raiseerr=False), "mapper", None) if entity is not None else None
        if mapper is not None and mapper not in found:
            found.append(mapper)
    return found


# A SELECT's scoping is worked out when SQLAlchemy compiles the statement, which it does once per
# statement shape (its compiled cache): the criteria name the tenant as a bound parameter whose
# value each execution supplies. Walking every statement on every execution and building fresh
# criteria for it cost about a tenth of a grid page's time (bench/grid.py).
TENANT_PARAM = "loom_scope_tenant_id"
_live_criteria: dict[type, Any] = {}
_tenant_criteria: dict[type, Any] = {}


def _live_only(model: Any) -> Any:
    found = _live_criteria.get(model)
    if found is None:
        found = _live_criteria[model] = with_loader_criteria(model, model.deleted_at.is_(None), include_aliases=True)
    return found


def _of_tenant(model: Any) -> Any:
    found = _tenant_criteria.get(model)
    if found is None:
        criteria = model.tenant_id == bindparam(TENANT_PARAM)
        found = _tenant_criteria[model] = with_loader_criteria(model, criteria, include_aliases=True)
    return found


class _Scoped(CompileStateOption):
    """Added to every ORM SELECT: when the statement is compiled, the criteria of the models it
    uses (live rows only, and/or the tenant's rows only) go where ``with_loader_criteria`` puts
    them. Its cache key is its two switches, so each shape compiles once per combination."""

    __slots__ = ("live", "tenant")
    _traverse_internals = [("tenant", InternalTraversal.dp_boolean), ("live", InternalTraversal.dp_boolean)]

    def __init__(self, tenant: bool, live: bool) -> None:
        self.tenant = tenant
        self.live = live

    def process_compile_state(self, compile_state: Any) -> None:
        statement = getattr(compile_state, "select_statement", None)
        if statement is None:
            statement = compile_state.statement
        for model in sorted(_models_of(statement, _result_mappers(statement)), key=lambda cls: cls.__name__):
            if self.live and issubclass(model, Trashable):
                _live_only(model).process_compile_state(compile_state)
            if self.tenant and issubclass(model, TenantScoped):
                _of_tenant(model).process_compile_state(compile_state)


_SCOPED = {(tenant, live): _Scoped(tenant, live) for tenant in (False, True) for live in (False, True)}


@event.listens_for(Session, "do_orm_execute")
def _add_tenant_criteria(state: ORMExecuteState) -> None:
    if state.is_select:
        _scope_select(state)
    elif state.is_update or state.is_delete:
        _scope_dml(state)


def _scope_select(state: ORMExecuteState) -> None:
    options = state.execution_options
    all_tenants = bool(options.get("all_tenants"))
    tenant_id = None if all_tenants else state.session.info.get("tenant_id")
    if tenant_id is None and not all_tenants:
        _refuse_unscoped([m for m in _models_in(state) if issubclass(m, TenantScoped)])
    scoped = _SCOPED[(tenant_id is not None, not options.get("include_trashed"))]
    state.statement = state.statement.options(scoped)
    if tenant_id is not None:
        state.parameters = {**(state.parameters or {}), TENANT_PARAM: tenant_id}  # type: ignore[dict-item]


def _refuse_unscoped(tenant_owned: list[type]) -> None:
    if tenant_owned:
        raise TenantScopeMissing(
            "query on tenant-owned data without a tenant scope; use scope_to_tenant() "
            "or execution_options(all_tenants=True) for system-wide work"
        )


def _scope_dml(state: ORMExecuteState) -> None:
    """UPDATE and DELETE (rare, and evaluated in Python to keep the session in step) get their
    criteria with the tenant's value, built on each execution."""
    used = sorted(_models_in(state), key=lambda cls: cls.__name__)
    if not state.execution_options.get("include_trashed"):
        for trashable in (m for m in used if issubclass(m, Trashable)):
            state.statement = state.statement.options(
                with_loader_criteria(trashable, lambda cls: cls.deleted_at.is_(None), include_aliases=True)
            )
    if state.execution_options.get("all_tenants"):
        return
    models = [m for m in used if issubclass(m, TenantScoped)]
    if not models:
        return
    tenant_id = state.session.info.get("tenant_id")
    if tenant_id is None:
        _refuse_unscoped(models)
    for model in models:
        state.statement = state.statement.options(
            with_loader_criteria(model, lambda cls: cls.tenant_id == tenant_id, include_aliases=True)
        )
