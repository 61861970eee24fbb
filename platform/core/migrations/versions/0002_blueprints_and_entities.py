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
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_blueprints_tenant_id_tenants"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_blueprints")),
    )
    op.create_index(op.f("ix_blueprints_tenant_id"), "blueprints", ["tenant_id"], unique=False)
    op.create_index(
        "uq_blueprints_tenant_key_live",
        "blueprints",
        ["tenant_id", "key"],
        unique=True,
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_index(
        "uq_blueprints_tenant_name_live",
        "blueprints",
        ["tenant_id", sa.literal_column("lower(name)")],
        unique=True,
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    op.create_table(
        "blueprint_versions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("blueprint_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("columns", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("form", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("published_by", sa.Integer(), nullable=True),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["blueprint_id"],
            ["blueprints.id"],
            name=op.f("fk_blueprint_versions_blueprint_id_blueprints"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["published_by"], ["users.id"], name=op.f("fk_blueprint_versions_published_by_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_blueprint_versions_tenant_id_tenants"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_blueprint_versions")),
        sa.UniqueConstraint("blueprint_id", "number", name="uq_blueprint_versions_blueprint_number"),
    )
    op.create_foreign_key(
        op.f("fk_blueprints_current_version_id_blueprint_versions"),
        "blueprints",
        "blueprint_versions",
        ["current_version_id"],
        ["id"],
        ondelete="SET NULL",
    )
    op.create_index(op.f("ix_blueprint_versions_blueprint_id"), "blueprint_versions", ["blueprint_id"], unique=False)
    op.create_index(op.f("ix_blueprint_versions_tenant_id"), "blueprint_versions", ["tenant_id"], unique=False)
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
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["blueprint_id"], ["blueprints.id"], name=op.f("fk_entities_blueprint_id_blueprints"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["blueprint_version_id"],
            ["blueprint_versions.id"],
            name=op.f("fk_entities_blueprint_version_id_blueprint_versions"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_entities_created_by_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_entities_tenant_id_tenants"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["updated_by"], ["users.id"], name=op.f("fk_entities_updated_by_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entities")),
    )
    op.create_index(op.f("ix_entities_blueprint_version_id"), "entities", ["blueprint_version_id"], unique=False)
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
    op.create_index(op.f("ix_entities_tenant_id"), "entities", ["tenant_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_entities_tenant_id"), table_name="entities")
    op.drop_index("ix_entities_search", table_name="entities", postgresql_using="gin")
    op.drop_index("ix_entities_list_default", table_name="entities")
    op.drop_index(op.f("ix_entities_blueprint_version_id"), table_name="entities")
    op.drop_table("entities")
    op.drop_constraint(op.f("fk_blueprints_current_version_id_blueprint_versions"), "blueprints", type_="foreignkey")
    op.drop_index(op.f("ix_blueprint_versions_tenant_id"), table_name="blueprint_versions")
    op.drop_index(op.f("ix_blueprint_versions_blueprint_id"), table_name="blueprint_versions")
    op.drop_table("blueprint_versions")
    op.drop_index(
        "uq_blueprints_tenant_name_live", table_name="blueprints", postgresql_where=sa.text("deleted_at IS NULL")
    )
    op.drop_index(
        "uq_blueprints_tenant_key_live", table_name="blueprints", postgresql_where=sa.text("deleted_at IS NULL")
    )
    op.drop_index(op.f("ix_blueprints_tenant_id"), table_name="blueprints")
    op.drop_table("blueprints")
