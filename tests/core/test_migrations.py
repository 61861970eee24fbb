"""Alembic is the only way the schema is made; it matches the models and goes back and forth."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect
from sqlalchemy.engine import make_url

from core import migrate
from runtime.registry import metadata
from tests.conftest import recreate_database


def test_models_match_the_migrations(database_url):
    migrate.check(database_url, metadata())


def test_migrations_go_down_to_nothing_and_up_again(database_url):
    scratch = make_url(database_url).set(database=f"{make_url(database_url).database}_scratch")
    url = scratch.render_as_string(hide_password=False)
    recreate_database(url)
    migrate.upgrade(url)
    engine = create_engine(url)
    try:
        assert {"users", "tenants", "memberships", "mail_outbox"} <= set(inspect(engine).get_table_names())
        migrate.downgrade(url, "base")
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) == {"alembic_version"}
            enums = conn.exec_driver_sql("SELECT typname FROM pg_type WHERE typtype = 'e'").scalars().all()
            assert enums == []
        migrate.upgrade(url)
        migrate.check(url, metadata())
    finally:
        engine.dispose()
