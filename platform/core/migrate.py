"""Running Alembic from code: upgrade, downgrade, check, for the CLI, make run and the tests."""

from __future__ import annotations

import os

from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData

MIGRATIONS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "migrations")


def alembic_config(database_url: str) -> Config:
    config = Config(os.path.join(MIGRATIONS_DIR, "alembic.ini"))
    config.set_main_option("script_location", MIGRATIONS_DIR)
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str) -> None:
    command.downgrade(alembic_config(database_url), revision)


def check(database_url: str, metadata: MetaData) -> None:
    """Raise if the models (``metadata``: the whole schema, runtime.registry.metadata()) and the
    migrations disagree."""
    config = alembic_config(database_url)
    config.attributes["target_metadata"] = metadata
    command.check(config)
