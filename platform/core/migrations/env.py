"""Alembic environment: the only way Loom's schema is made, for every stage and the tests."""

from __future__ import annotations

import re

from alembic import context
from sqlalchemy import create_engine, pool, text
from sqlalchemy.engine import Connection

from core.config import read_settings
from core.models import metadata as core_metadata

config = context.config
# The whole schema when the caller hands it over (core.migrate.check: runtime.registry.metadata());
# upgrading and downgrading need only the migrations.
metadata = config.attributes.get("target_metadata", core_metadata)


SYSTEM_INDEX_PREFIX = "ix_ent_"
ENTITY_PARTITION = re.compile(r"entities_p\d\d")


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Leave alone the expression indexes Loom builds at run time (runtime/entities/indexes.py)
    and the partitions of ``entities`` (migration 0028), which the models do not list."""
    if type_ == "index" and reflected and (name or "").startswith(SYSTEM_INDEX_PREFIX):
        return False
    if type_ == "foreign_key_constraint" and reflected:
        # PostgreSQL keeps a foreign key to a partitioned table once per partition as well.
        return not ENTITY_PARTITION.fullmatch(getattr(getattr(obj, "referred_table", None), "name", "") or "")
    return not (type_ == "table" and reflected and ENTITY_PARTITION.fullmatch(name or ""))


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=metadata,
        literal_binds=True,
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "", poolclass=pool.NullPool)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, compare_type=True, include_object=include_object)
    with context.begin_transaction():
        # Migrations get their own budget (LOOM_MIGRATION_STATEMENT_TIMEOUT_MS, 0: none), whatever
        # the role's or the database's default: rewriting a big table may take long, on purpose.
        budget = str(read_settings().migration_statement_timeout_ms)
        connection.execute(text("SELECT set_config('statement_timeout', :ms, true)"), {"ms": budget})
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
