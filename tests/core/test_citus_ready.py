"""Every tenant table could be distributed by tenant_id on Citus, checked on the models and on the
database the migrations build (Citus itself is not installed: its rules are checked statically).

A table is a reference table (core.distribution.REFERENCE_TABLES) or distributed by tenant_id:
tenant_id NOT NULL and in its primary key, in every unique constraint and unique index, and in
every foreign key to another distributed table (at the same place on both sides, with no SET NULL
or SET DEFAULT, which Citus refuses there). A reference table has no foreign key to a distributed
one. The models and the migrated head agree on all these keys.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import Column, ForeignKeyConstraint, UniqueConstraint, create_engine, event, inspect
from sqlalchemy.engine import make_url

from core import clock, migrate
from core.db import scope_to_tenant
from core.distribution import DISTRIBUTION_COLUMN, MIGRATION_TABLES, REFERENCE_TABLES
from core.files.models import StoredFile
from core.identity.models import Tenant
from designer.blueprints.models import Blueprint, BlueprintVersion
from runtime.registry import metadata
from tests.conftest import recreate_database


@dataclass(frozen=True)
class Key:
    columns: tuple[str, ...]
    target: str = ""
    target_columns: tuple[str, ...] = ()
    ondelete: str | None = None


@dataclass
class Shape:
    """What the rules look at in one table, from the models or from the database."""

    tenant_nullable: bool | None  # None: no tenant_id column
    primary_key: tuple[str, ...]
    uniques: dict[str, tuple[str | None, ...]]  # constraints and unique indexes (None: an expression)
    foreign_keys: set[Key]


def _ondelete(value: str | None) -> str | None:
    return None if value is None or value.upper() == "NO ACTION" else value.upper()


def model_shapes() -> dict[str, Shape]:
    shapes = {}
    for table in metadata().tables.values():
        tenant = table.c.get(DISTRIBUTION_COLUMN)
        uniques: dict[str, tuple[str | None, ...]] = {
            str(c.name): tuple(col.name for col in c.columns)
            for c in table.constraints
            if isinstance(c, UniqueConstraint)
        }
        uniques.update(
            (str(index.name), tuple(e.name if isinstance(e, Column) else None for e in index.expressions))
            for index in table.indexes
            if index.unique
        )
        keys = {
            Key(
                tuple(c.name for c in fk.columns),
                fk.referred_table.name,
                tuple(e.column.name for e in fk.elements),
                _ondelete(fk.ondelete),
            )
            for fk in table.constraints
            if isinstance(fk, ForeignKeyConstraint)
        }
        shapes[table.name] = Shape(
            None if tenant is None else tenant.nullable,
            tuple(c.name for c in table.primary_key),
            uniques,
            keys,
        )
    return shapes


def database_shapes(url: str) -> dict[str, Shape]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            found = inspect(conn)
            # A partition is distributed with its table (entities_p00 ... with entities).
            partitions = set(conn.exec_driver_sql("SELECT relname FROM pg_class WHERE relispartition").scalars())
            shapes = {}
            for name in set(found.get_table_names()) - MIGRATION_TABLES - partitions:
                columns = {c["name"]: c for c in found.get_columns(name)}
                tenant = columns.get(DISTRIBUTION_COLUMN)
                uniques: dict[str, tuple[str | None, ...]] = {
                    str(u["name"]): tuple(u["column_names"]) for u in found.get_unique_constraints(name)
                }
                uniques.update(
                    (str(i["name"]), tuple(i["column_names"])) for i in found.get_indexes(name) if i["unique"]
                )
                keys = {
                    Key(
                        tuple(fk["constrained_columns"]),
                        fk["referred_table"],
                        tuple(fk["referred_columns"]),
                        _ondelete(fk["options"].get("ondelete")),
                    )
                    for fk in found.get_foreign_keys(name)
                    if fk["referred_table"] not in partitions  # PostgreSQL's copies of a key to a partitioned table
                }
                shapes[name] = Shape(
                    None if tenant is None else tenant["nullable"],
                    tuple(found.get_pk_constraint(name)["constrained_columns"]),
                    uniques,
                    keys,
                )
            return shapes
    finally:
        engine.dispose()


def citus_refusals(shapes: dict[str, Shape]) -> list[str]:
    """What would stop create_distributed_table / create_reference_table, table by table."""
    wrong = []
    distributed = set(shapes) - REFERENCE_TABLES
    for name, shape in sorted(shapes.items()):
        if name in REFERENCE_TABLES:
            wrong += [
                f"{name}: reference table with a key to {k.target}"
                for k in shape.foreign_keys
                if k.target in distributed
            ]
            continue
        if shape.tenant_nullable is not False:
            wrong.append(f"{name}: tenant_id missing or nullable")
        if DISTRIBUTION_COLUMN not in shape.primary_key:
            wrong.append(f"{name}: primary key {shape.primary_key} without tenant_id")
        wrong += [
            f"{name}: unique {unique} {columns} without tenant_id"
            for unique, columns in shape.uniques.items()
            if DISTRIBUTION_COLUMN not in columns
        ]
        for key in shape.foreign_keys:
            if key.target not in distributed:
                continue
            if DISTRIBUTION_COLUMN not in key.columns or key.columns.index(DISTRIBUTION_COLUMN) != (
                key.target_columns.index(DISTRIBUTION_COLUMN) if DISTRIBUTION_COLUMN in key.target_columns else -1
            ):
                wrong.append(f"{name}: key {key.columns} -> {key.target} {key.target_columns} not on tenant_id")
            elif key.ondelete in ("SET NULL", "SET DEFAULT"):
                wrong.append(f"{name}: key {key.columns} -> {key.target} ON DELETE {key.ondelete}")
    return wrong


def test_reference_tables_exist():
    assert set(model_shapes()) >= REFERENCE_TABLES


def test_the_models_can_be_distributed_by_tenant():
    assert citus_refusals(model_shapes()) == []


def test_the_migrated_database_can_be_distributed_by_tenant(database_url):
    assert citus_refusals(database_shapes(database_url)) == []


def test_the_models_and_the_migrated_database_have_the_same_keys(database_url):
    models, database = model_shapes(), database_shapes(database_url)
    assert set(models) == set(database)
    for name in sorted(models):
        model, found = models[name], database[name]
        assert (name, model.tenant_nullable, model.primary_key) == (name, found.tenant_nullable, found.primary_key)
        assert (name, model.uniques) == (name, found.uniques)
        assert (name, model.foreign_keys) == (name, found.foreign_keys)


@pytest.fixture()
def scratch_url(database_url):
    url = make_url(database_url).set(database=f"{make_url(database_url).database}_keys")
    rendered = url.render_as_string(hide_password=False)
    recreate_database(rendered)
    return rendered


def test_the_tenant_keys_migration_goes_back_to_the_previous_keys(scratch_url):
    migrate.upgrade(scratch_url, "0026")
    before = database_shapes(scratch_url)
    migrate.upgrade(scratch_url, "0027")
    assert database_shapes(scratch_url) != before
    migrate.downgrade(scratch_url, "0026")
    assert database_shapes(scratch_url) == before


def test_the_orm_finds_tenant_rows_by_id_and_writes_them_by_the_whole_key(db_session):
    tenant = Tenant(name="Keys", slug=f"x-keys-{uuid.uuid4().hex[:8]}", timezone="UTC", language="en")
    db_session.add(tenant)
    db_session.flush()
    statements: list[str] = []
    connection = db_session.connection()
    event.listen(connection, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with scope_to_tenant(db_session, tenant.id):
        stored = StoredFile(
            tenant_id=tenant.id,
            name="a.csv",
            content_type="text/csv",
            purpose="export",
            expires_at=clock.now() + timedelta(days=1),
        )
        blueprint = Blueprint(tenant_id=tenant.id, key="keys", name="Keys")
        db_session.add_all([stored, blueprint])
        db_session.flush()
        version = BlueprintVersion(tenant_id=tenant.id, blueprint_id=blueprint.id, number=1, columns=[])
        blueprint.current_version = version  # the composite key (tenant_id, current_version_id) holds
        db_session.flush()
        db_session.expunge_all()

        assert db_session.get(StoredFile, stored.id).name == "a.csv"
        found = db_session.get(Blueprint, blueprint.id)
        assert found.current_version.id == version.id
        found.name = "Keys again"
        statements.clear()
        db_session.flush()
    updates = [s for s in statements if s.startswith("UPDATE blueprints")]
    assert updates and "WHERE blueprints.tenant_id = " in updates[0] and "blueprints.id = " in updates[0]
