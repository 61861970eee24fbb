"""A user's language is their choice, empty until they make one; the sign-up language apart.

``users.language`` was NOT NULL with the default ``en`` and was written only when someone signed
up with Google or Facebook (then from the browser's Accept-Language). It becomes nullable and
means "the language this person chose" (account settings or the language menu); nobody has
chosen yet, so every row is emptied. ``users.signup_language`` (new, nullable) keeps the language
the browser asked for at sign-up: the last guess before English for emails (runtime/mail/language.py).

Which existing values were set at sign-up is knowable only for accounts without a password: only
Google and Facebook sign-up makes them, and it set ``language`` from the browser. Those keep the
value as ``signup_language``; every other ``en`` is the column default and is dropped.

Online: adding a nullable column and dropping NOT NULL and the default are catalogue changes. The
previous release reads ``language`` as a string and sends English for an empty one.

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-17 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("signup_language", sa.String(length=8), nullable=True))
    op.alter_column("users", "language", existing_type=sa.String(length=8), nullable=True, server_default=None)
    op.execute("UPDATE users SET signup_language = language WHERE password IS NULL")
    op.execute("UPDATE users SET language = NULL")


def downgrade() -> None:
    op.execute("UPDATE users SET language = COALESCE(language, signup_language, 'en')")
    op.alter_column("users", "language", existing_type=sa.String(length=8), nullable=False, server_default="en")
    op.drop_column("users", "signup_language")
