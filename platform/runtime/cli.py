"""The ``loom`` command line: migrations, bootstrap and the one-command development stack."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TypeVar

import click
from sqlalchemy.orm import Session

from core.config import ConfigError, Settings, load_settings

_T = TypeVar("_T")


def _settings() -> Settings:
    try:
        return load_settings()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc


def _database_url() -> str:
    url = _settings().database_url
    if not url:
        raise click.ClickException("Set LOOM_DATABASE_URL to the database to migrate.")
    return url


@click.group()
def main() -> None:
    """Loom: a low-code CRM."""


@main.group()
def db() -> None:
    """Database migrations (Alembic is the only way the schema is made)."""


@db.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    from core import migrate

    migrate.upgrade(_database_url(), revision)


@db.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    from core import migrate

    migrate.downgrade(_database_url(), revision)


@db.command("check")
def db_check() -> None:
    """Fail if the models and the migrations disagree."""
    from core import migrate
    from runtime.registry import metadata

    migrate.check(_database_url(), metadata())
    click.echo("The models match the migrations.")


@main.command()
def bootstrap() -> None:
    """Create the super admin if none exists (LOOM_ADMIN_EMAIL / LOOM_ADMIN_PASSWORD or generated)."""
    from core import db as database
    from runtime.app import create_app
    from runtime.auth.bootstrap import bootstrap_superadmin

    settings = _settings()
    app = create_app()
    with app.app_context():
        result = bootstrap_superadmin(database.session(), settings.admin_email, settings.admin_password)
        database.session.commit()
    if not result.created:
        click.echo(f"Super admin already exists: {result.email}")
        return
    click.echo(f"Super admin created: {result.email}")
    if result.password:
        click.echo(f"Initial password (shown once, change it at first sign-in): {result.password}")


@main.group()
def admin() -> None:
    """Super admins, from the server's shell (each command is in the audit log)."""


def _in_app(action: Callable[[Session], _T]) -> _T:
    """Run ``action(session)`` in the app and commit; a refusal is a clear error, nothing changed."""
    from core import db as database
    from runtime.admin.shell import ShellError
    from runtime.app import create_app

    app = create_app()
    with app.app_context():
        try:
            result = action(database.session())
        except ShellError as exc:
            database.session.rollback()
            raise click.ClickException(str(exc)) from exc
        database.session.commit()
    return result


@admin.command("create")
@click.argument("email")
def admin_create(email: str) -> None:
    """Create another super admin with a generated initial password (shown once)."""
    from runtime.admin.shell import create_superadmin

    password = _in_app(lambda session: create_superadmin(session, email))
    click.echo(f"Super admin created: {email}")
    click.echo(f"Initial password (shown once, change it at first sign-in): {password}")


@admin.command("reset-two-factor")
@click.argument("email")
def admin_reset_two_factor(email: str) -> None:
    """Turn off a super admin's two-step sign-in (lost phone); they set it up again at sign-in."""
    from runtime.admin.shell import reset_two_factor

    _in_app(lambda session: reset_two_factor(session, email))
    click.echo(f"Two-step sign-in of {email} is off; it must be set up again at the next sign-in.")


@main.command("check-values")
def check_values() -> None:
    """List stored values the value checks now refuse (tenant, blueprint, record, field, why); changes nothing."""
    from core import db as database
    from runtime.app import create_app
    from runtime.entities.value_check import refused_values

    app = create_app()
    with app.app_context():
        found = 0
        for refused in refused_values(database.session()):
            click.echo(refused.line())
            found += 1
        database.session.rollback()
    click.echo(f"{found} stored value(s) would be refused today.", err=True)


@main.command("connector-secret")
@click.argument("slug")
def connector_secret(slug: str) -> None:
    """The secret a workspace's flow connectors sign their HTTP requests with, for its receivers."""
    from sqlalchemy import select

    from core import db as database
    from core.identity.models import Tenant
    from runtime.app import create_app
    from runtime.connectors.delivery import signing_secret

    app = create_app()
    with app.app_context():
        tenant_id = database.session().scalar(select(Tenant.id).where(Tenant.slug == slug))
        database.session.rollback()
        if tenant_id is None:
            raise click.ClickException(f"There is no workspace {slug}.")
        click.echo(signing_secret(app.config["LOOM"], tenant_id))


@main.command()
@click.option("--port", default=5000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
def run(port: int, host: str) -> None:
    """Start Loom with embedded PostgreSQL and Redis when none are configured."""
    from runtime.devstack.supervisor import run_stack

    sys.exit(run_stack(host=host, port=port, root=os.getcwd()))
