"""A Google or Facebook account linked to a Loom user (runtime/auth/social signs in with it).

The provider's ``subject`` (Google's ``sub``, Facebook's ``id``) is what identifies the account:
it never changes, while its email may. Each provider account belongs to one user at most, and a
user has at most one account of each provider.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Integer, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base

PROVIDERS = ("google", "facebook")


class SocialIdentity(Base):
    """One provider account linked to a user; deleting the user deletes it."""

    __tablename__ = "social_identities"
    __table_args__ = (
        UniqueConstraint("provider", "subject", name="uq_social_identities_provider_subject"),
        UniqueConstraint("user_id", "provider", name="uq_social_identities_user_id_provider"),
        CheckConstraint("provider IN ('google', 'facebook')", name="provider"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # No index of its own: uq_social_identities_user_id_provider starts with it.
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    provider: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(255))
    # The account's email when it was linked (providers may give none); shown to the user only.
    email: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), nullable=False)
