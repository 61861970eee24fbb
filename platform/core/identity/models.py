"""Identity models: the columns Flask-Security-Too needs plus Loom's tenants and members.

Flask-Security-Too compares its own timestamps as naive UTC datetimes, so the columns it
manages are ``DateTime`` without a zone; Loom's own columns are ``timestamptz``.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime, timedelta
from typing import Any

from flask import current_app, g, has_request_context
from flask_security import RefreshTrackerMixin, RoleMixin, UserMixin
from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    Uuid,
    func,
    text,
)
from sqlalchemy.ext.mutable import MutableList
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core import clock, db
from core.db import Base, Timestamped
from core.ids import new_id

roles_users = Table(
    "roles_users",
    Base.metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("role_id", Integer, ForeignKey("roles.id", ondelete="CASCADE"), primary_key=True),
)


class Role(Base, RoleMixin):
    """A system-wide role (``superadmin``); tenant roles live on Membership."""

    __tablename__ = "roles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    description: Mapped[str | None] = mapped_column(String(255))
    permissions: Mapped[list[str] | None] = mapped_column(ARRAY(String(80)))
    update_datetime: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.now(), onupdate=func.now(), nullable=False
    )


class User(Base, UserMixin):
    """A person who signs in."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    username: Mapped[str | None] = mapped_column(String(255), unique=True)
    password: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    fs_uniquifier: Mapped[str] = mapped_column(String(64), unique=True)
    fs_token_uniquifier: Mapped[str | None] = mapped_column(String(64), unique=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    current_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_login_ip: Mapped[str | None] = mapped_column(String(64))
    current_login_ip: Mapped[str | None] = mapped_column(String(64))
    login_count: Mapped[int | None] = mapped_column(Integer)
    tf_primary_method: Mapped[str | None] = mapped_column(String(64))
    tf_totp_secret: Mapped[str | None] = mapped_column(String(255))
    tf_phone_number: Mapped[str | None] = mapped_column(String(128))
    # The time step of the last authenticator code accepted: a code works once (two_factor.py).
    tf_last_counter: Mapped[int | None] = mapped_column(BigInteger)
    # Mutable: Flask-Security uses a recovery code up with list.pop(), which must reach the database.
    mf_recovery_codes: Mapped[list[str] | None] = mapped_column(MutableList.as_mutable(ARRAY(Text)))
    us_totp_secrets: Mapped[str | None] = mapped_column(Text)
    us_phone_number: Mapped[str | None] = mapped_column(String(128), unique=True)
    fs_webauthn_user_handle: Mapped[str | None] = mapped_column(String(64), unique=True)
    # The language this person chose (account settings or the language menu); empty until then.
    language: Mapped[str | None] = mapped_column(String(8))
    # The language the browser asked for at sign-up: the last guess before English for emails.
    signup_language: Mapped[str | None] = mapped_column(String(8))
    # Set on an account whose password someone else chose (the super admin's initial one); the
    # admin API does nothing else until the owner has changed it (runtime.admin.hardening).
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    # An email when a task in a workspace waits for this person (runtime.flows.notify); they may turn it off.
    notify_tasks: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    create_datetime: Mapped[datetime] = mapped_column(DateTime, server_default=func.now(), nullable=False)
    update_datetime: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.now(), onupdate=func.now(), nullable=False
    )

    roles: Mapped[list[Role]] = relationship(secondary=roles_users, lazy="selectin")
    refresh_trackers: Mapped[list[RefreshTracker]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )

    def augment_auth_token(self, tdata: dict[str, Any]) -> None:
        """Stamp the access token's expiry from Loom's clock (tests move it; see core.clock) and
        the session (refresh token family) it belongs to."""
        max_age: timedelta = current_app.config["SECURITY_TOKEN_MAX_AGE"]
        tdata["loom_exp"] = int((clock.now() + max_age).timestamp())
        tdata["sid"] = session_for_new_token()

    def verify_auth_token(self, tdata: dict[str, Any]) -> bool:
        """Not expired, and its session not ended (signed out, ended in the sessions' list, or
        revoked by a reused refresh token): one lookup by the family's unique index."""
        if int(tdata.get("loom_exp", 0)) <= clock.now().timestamp():
            return False
        sid = tdata.get("sid")
        if not isinstance(sid, str) or not session_is_live(self.id, sid):
            return False
        if has_request_context():
            g.setdefault(TOKEN_SESSION, sid)
        return True

    def get_security_payload(self) -> dict[str, Any]:
        """What Flask-Security-Too returns about the user in its JSON responses."""
        return public_user(self)


# An access token names its session: the refresh token family made in the same request (sign-in),
# or the one being refreshed. NEW_TOKEN_SESSION holds it in ``g`` until the refresh tracker is
# made (runtime.auth.security); TOKEN_SESSION is the session of the token that signed in.
NEW_TOKEN_SESSION = "loom_new_token_session"  # noqa: S105 - a key in g, not a secret
TOKEN_SESSION = "loom_token_session"  # noqa: S105 - a key in g, not a secret


def session_for_new_token() -> str:
    """The session a token minted now belongs to: set for this request, or a new family."""
    if not has_request_context():
        return uuid.uuid4().hex
    if NEW_TOKEN_SESSION not in g:
        setattr(g, NEW_TOKEN_SESSION, uuid.uuid4().hex)
    return str(g.get(NEW_TOKEN_SESSION))


# Plain SQL: on every request signed in by a token, and a quarter of the cost of building the
# same select() each time (bench/apikeys.py measures it).
_SESSION_ENDED = text(
    "SELECT 1 FROM refresh_trackers WHERE refresh_family = :family AND user_id = :user_id"
    " AND revoked_at IS NOT NULL AND revoked_at <= :now"
)


def session_is_live(user_id: int, family: str) -> bool:
    """Whether the user's session ``family`` was not ended. Ended sessions keep their row
    (SECURITY_REFRESH_TOKEN_CLEANUP_REVOKED is off); Flask-Security deletes only expired ones,
    whose last access tokens may still run out their own few minutes."""
    params = {"family": family, "user_id": user_id, "now": clock.naive_utcnow()}
    return db.session.execute(_SESSION_ENDED, params).first() is None


def token_session() -> str | None:
    """The session of the access token that signed this request in, if any."""
    value = g.get(TOKEN_SESSION) if has_request_context() else None
    return str(value) if value else None


TWO_FACTOR_GRACE = timedelta(days=30)
SUPERADMIN = "superadmin"


def is_superadmin(user: Any) -> bool:
    """Whether ``user`` (a User or Flask-Security's anonymous user) runs the whole system."""
    return bool(user and user.is_authenticated and any(role.name == SUPERADMIN for role in user.roles))


def two_factor_status(user: User) -> dict[str, Any]:
    """Whether the user has two-factor sign-in, and whether Loom still lets them go without.

    For the first 30 days after registration a user without it is asked to set it up
    (``prompt``); from then on (``required``) they can do nothing else until they have.
    """
    enabled = bool(user.tf_primary_method)
    due = _two_factor_due(user)
    required = not enabled and clock.naive_utcnow() >= due
    return {
        "enabled": enabled,
        "prompt": not enabled and not required,
        "required": required,
        "due_at": f"{due.isoformat()}Z",
    }


def two_factor_optional(user: User) -> bool:
    """Whether the user may still go without two-factor sign-in (their first 30 days)."""
    return clock.naive_utcnow() < _two_factor_due(user)


def _two_factor_due(user: User) -> datetime:
    return (user.create_datetime or clock.naive_utcnow()) + TWO_FACTOR_GRACE


def public_user(user: User) -> dict[str, Any]:
    """The user as the API shows it to that user."""
    return {
        "id": user.id,
        "email": user.email,
        "confirmed_at": user.confirmed_at.isoformat() + "Z" if user.confirmed_at else None,
        "created_at": user.create_datetime.isoformat() + "Z" if user.create_datetime else None,
        "language": user.language,
        "has_password": user.password is not None,
        "two_factor": two_factor_status(user),
        "admin": is_superadmin(user),
    }


class RefreshTracker(Base, RefreshTrackerMixin):
    """One sign-in session: a refresh token family rotated on every refresh."""

    __tablename__ = "refresh_trackers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    refresh_family: Mapped[str] = mapped_column(String(64), unique=True)
    gen: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    name: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_used_at: Mapped[datetime] = mapped_column(DateTime)
    create_datetime: Mapped[datetime] = mapped_column(DateTime, server_default=func.now(), nullable=False)

    user: Mapped[User] = relationship(back_populates="refresh_trackers")


class TenantRole(enum.StrEnum):
    """What a member may do in a tenant, from most to least powerful."""

    OWNER = "owner"
    ADMIN = "admin"
    EDITOR = "editor"
    VIEWER = "viewer"


class Tenant(Timestamped, Base):
    """The top-level workspace that holds everything a customer designs and runs."""

    __tablename__ = "tenants"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(120))
    slug: Mapped[str] = mapped_column(String(63), unique=True)
    timezone: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    # Moves when published versions are rewritten in place (to forget a deleted person), so the
    # processes that keep them parsed (runtime.flows.engine) parse them again.
    definitions_revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="tenant", cascade="all, delete-orphan", passive_deletes=True
    )


class Membership(Timestamped, Base):
    """A user's place in a tenant, with a role."""

    __tablename__ = "memberships"

    tenant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    role: Mapped[TenantRole] = mapped_column(
        Enum(TenantRole, name="tenant_role", values_callable=lambda e: [m.value for m in e])
    )

    tenant: Mapped[Tenant] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship()
