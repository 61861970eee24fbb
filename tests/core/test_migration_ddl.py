"""What core.migrations.ddl emits is part of the released revisions: these pin it, statement by statement."""

from __future__ import annotations

import io
from collections.abc import Callable

import sqlalchemy as sa
from alembic import op
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext

from core.migrations import ddl


def emitted(build: Callable[[], None]) -> list[str]:
    """The SQL statements ``build`` emits, as Alembic writes them offline (``alembic upgrade --sql``)."""
    out = io.StringIO()
    context = MigrationContext.configure(dialect_name="postgresql", opts={"as_sql": True, "output_buffer": out})
    with Operations.context(context):
        build()
    return [" ".join(s.split()) for s in out.getvalue().split(";") if s.strip()]


def test_a_table_of_before_0018_ends_with_its_tenant_and_is_keyed_by_id():
    def build() -> None:
        op.create_table(
            "notes",
            sa.Column("id", sa.Uuid(), nullable=False),
            sa.Column("author_id", sa.Integer(), nullable=True),
            ddl.stamp("read_at"),
            *ddl.timestamps(),
            *ddl.tenant_scoped("notes"),
            ddl.foreign_key("notes", "author_id", "users", ondelete="SET NULL"),
        )
        ddl.column_indexes("notes", "author_id", "tenant_id")

    assert emitted(build) == [
        "CREATE TABLE notes ( id UUID NOT NULL, author_id INTEGER, read_at TIMESTAMP WITH TIME ZONE, "
        "created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, "
        "updated_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, tenant_id UUID NOT NULL, "
        "CONSTRAINT pk_notes PRIMARY KEY (id), "
        "CONSTRAINT fk_notes_tenant_id_tenants FOREIGN KEY(tenant_id) REFERENCES tenants (id) ON DELETE CASCADE, "
        "CONSTRAINT fk_notes_author_id_users FOREIGN KEY(author_id) REFERENCES users (id) ON DELETE SET NULL )",
        "CREATE INDEX ix_notes_author_id ON notes (author_id)",
        "CREATE INDEX ix_notes_tenant_id ON notes (tenant_id)",
    ]


def test_a_tenant_keyed_table_starts_with_its_key_and_may_carry_the_delivery_state():
    def build() -> None:
        op.create_table(
            "sends",
            *ddl.tenant_keyed("sends"),
            sa.Column("batch_id", sa.Uuid(), nullable=False),
            *ddl.delivery_state(),
            ddl.tenant_foreign_key_to("sends", "batch_id", "batches"),
        )

    assert emitted(build) == [
        "CREATE TABLE sends ( tenant_id UUID NOT NULL, id UUID NOT NULL, batch_id UUID NOT NULL, "
        "status VARCHAR(16) NOT NULL, attempts INTEGER NOT NULL, next_attempt_at TIMESTAMP WITH TIME ZONE, "
        "last_attempt_at TIMESTAMP WITH TIME ZONE, finished_at TIMESTAMP WITH TIME ZONE, last_error TEXT, "
        "created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, "
        "CONSTRAINT pk_sends PRIMARY KEY (tenant_id, id), "
        "CONSTRAINT fk_sends_tenant_id_tenants FOREIGN KEY(tenant_id) REFERENCES tenants (id) ON DELETE CASCADE, "
        "CONSTRAINT fk_sends_tenant_id_batches FOREIGN KEY(tenant_id, batch_id) "
        "REFERENCES batches (tenant_id, id) ON DELETE CASCADE )",
    ]


def test_the_other_columns_and_keys():
    def build() -> None:
        op.create_table("pairs", ddl.tenant_id(nullable=True), ddl.created_at(), ddl.tenant_foreign_key("pairs"))
        ddl.add_foreign_key("pairs", "owner_id", "users", ondelete="CASCADE")
        ddl.drop_foreign_key("pairs", "owner_id", "users")

    assert emitted(build) == [
        "CREATE TABLE pairs ( tenant_id UUID, created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, "
        "CONSTRAINT fk_pairs_tenant_id_tenants FOREIGN KEY(tenant_id) REFERENCES tenants (id) ON DELETE CASCADE )",
        "ALTER TABLE pairs ADD CONSTRAINT fk_pairs_owner_id_users FOREIGN KEY(owner_id) REFERENCES users (id) "
        "ON DELETE CASCADE",
        "ALTER TABLE pairs DROP CONSTRAINT fk_pairs_owner_id_users",
    ]


def test_partial_and_unique_indexes():
    def build() -> None:
        ddl.partial_index("ix_sends_due", "sends", ["next_attempt_at"], "status = 'pending'")
        ddl.unique_per_tenant_ignoring_case("uq_keys_name", "keys", "name", "revoked_at IS NULL")
        ddl.live_key_and_name("forms")

    assert emitted(build) == [
        "CREATE INDEX ix_sends_due ON sends (next_attempt_at) WHERE status = 'pending'",
        "CREATE UNIQUE INDEX uq_keys_name ON keys (tenant_id, lower(name)) WHERE revoked_at IS NULL",
        "CREATE UNIQUE INDEX uq_forms_tenant_key_live ON forms (tenant_id, key) WHERE deleted_at IS NULL",
        "CREATE UNIQUE INDEX uq_forms_tenant_name_live ON forms (tenant_id, lower(name)) WHERE deleted_at IS NULL",
    ]
