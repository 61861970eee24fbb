"""Blueprints with their draft, immutable blueprint versions, and entities (JSONB data).

blueprints.current_version_id and blueprint_versions.blueprint_id point at each other, so the
first of the two foreign keys is added after both tables exist.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 21:41:38.769452
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from core.migrations import ddl

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "blueprints",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=63), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.Column("draft_columns", postgresql.JSONB(astext_type=sa.Text()), server_default="[]", nullable=False),
        sa.Column("draft_form", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("draft_changed", sa.Boolean(), server_default="true", nullable=False),
        sa.Column("current_version_id", sa.Uuid(), nullable=True),
        sa.Column("lock_version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        *ddl.timestamps(),
        *ddl.tenant_scoped("blueprints"),
    )
    ddl.column_indexes("blueprints", "tenant_id")
    ddl.live_key_and_name("blueprints")
    op.create_table(
        "blueprint_versions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("blueprint_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("columns", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("form", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("published_by", sa.Integer(), nullable=True),
        *ddl.tenant_scoped("blueprint_versions"),
        ddl.foreign_key("blueprint_versions", "blueprint_id", "blueprints", ondelete="CASCADE"),
        ddl.foreign_key("blueprint_versions", "published_by", "users", ondelete="SET NULL"),
        sa.UniqueConstraint("blueprint_id", "number", name="uq_blueprint_versions_blueprint_number"),
    )
    ddl.add_foreign_key("blueprints", "current_version_id", "blueprint_versions", ondelete="SET NULL")
    ddl.column_indexes("blueprint_versions", "blueprint_id", "tenant_id")
    op.create_table(
        "entities",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("blueprint_id", sa.Uuid(), nullable=False),
        sa.Column("blueprint_version_id", sa.Uuid(), nullable=False),
        sa.Column("data", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("aside", postgresql.JSONB(astext_type=sa.Text()), server_default="{}", nullable=False),
        sa.Column("search_text", sa.Text(), server_default="", nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        *ddl.timestamps(),
        *ddl.tenant_scoped("entities"),
        ddl.foreign_key("entities", "blueprint_id", "blueprints", ondelete="CASCADE"),
        ddl.foreign_key("entities", "blueprint_version_id", "blueprint_versions"),
        ddl.foreign_key("entities", "created_by", "users", ondelete="SET NULL"),
        ddl.foreign_key("entities", "updated_by", "users", ondelete="SET NULL"),
    )
    ddl.column_indexes("entities", "blueprint_version_id")
    op.create_index(
        "ix_entities_list_default", "entities", ["tenant_id", "blueprint_id", "created_at", "id"], unique=False
    )
    op.create_index(
        "ix_entities_search",
        "entities",
        [sa.literal_column("to_tsvector('simple'::regconfig, search_text)")],
        unique=False,
        postgresql_using="gin",
    )
    ddl.column_indexes("entities", "tenant_id")


def downgrade() -> None:
    op.drop_table("entities")
    ddl.drop_foreign_key("blueprints", "current_version_id", "blueprint_versions")
    op.drop_table("blueprint_versions")
    op.drop_table("blueprints")
