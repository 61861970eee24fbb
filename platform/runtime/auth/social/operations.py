"""Use cases of Google and Facebook accounts: sign in or sign up with one, link, unlink.

They flush and never commit (the request commits). A provider account is matched to a Loom user
only through a link made by that user (or at sign-up), never by its email: an unlinked account
whose email has a Loom user is refused, since linking it would hand that user's account to
whoever controls the provider account.
"""

from __future__ import annotations

import logging

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from core import clock, db
from core.errors import Conflict, NotFound
from core.identity.models import User
from core.identity.social import SocialIdentity
from runtime.auth.social.client import Profile

log = logging.getLogger(__name__)

LAST_WAY_IN = (
    "This is the only way into your account. Set a password first (use “Forgot your password?” "
    "on the sign-in page), or link another account."
)


class SignInRefused(Exception):
    """A provider account that cannot sign in; ``reason`` is the webapp's ``social_error``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def find_identity(provider: str, subject: str) -> SocialIdentity | None:
    query = select(SocialIdentity).where(SocialIdentity.provider == provider, SocialIdentity.subject == subject)
    return db.session.scalars(query).one_or_none()


def identities_of(user_id: int) -> list[SocialIdentity]:
    query = select(SocialIdentity).where(SocialIdentity.user_id == user_id).order_by(SocialIdentity.provider)
    return list(db.session.scalars(query))


def user_for_sign_in(provider: str, profile: Profile, language: str | None) -> User:
    """The linked user; or a new one for a verified email nobody has. SignInRefused otherwise."""
    identity = find_identity(provider, profile.subject)
    if identity is not None:
        user = db.session.get(User, identity.user_id)
        assert user is not None  # the foreign key
    else:
        email = _usable_email(profile.email)
        if email is None:
            raise SignInRefused("no_email")
        datastore = current_app.extensions["security"].datastore
        if datastore.find_user(case_insensitive=True, email=email) is not None:
            raise SignInRefused("email_exists")
        user = _sign_up(provider, profile, email, language)
    if not user.active:
        raise SignInRefused("disabled")
    return user


def _sign_up(provider: str, profile: Profile, email: str, language: str | None) -> User:
    """A user for a provider account: confirmed (the provider verified the address), no password."""
    datastore = current_app.extensions["security"].datastore
    now = clock.naive_utcnow()
    try:
        with db.session.begin_nested():
            user: User = datastore.create_user(
                email=email, password=None, confirmed_at=now, create_datetime=now, signup_language=language
            )
            db.session.flush()  # the user's id, for the link
            db.session.add(_identity(user, provider, profile))
            db.session.flush()
    except IntegrityError:
        # The same account or email signed up at the same moment in another request.
        raise SignInRefused("failed") from None
    log.info("user signed up with %s", provider, extra={"user_id": user.id, "provider": provider})
    return user


def link_identity(user: User, provider: str, profile: Profile) -> str:
    """Link the provider account to ``user``: "linked", or why not ("taken", "already_linked")."""
    identity = find_identity(provider, profile.subject)
    if identity is not None:
        return "linked" if identity.user_id == user.id else "taken"
    if any(own.provider == provider for own in identities_of(user.id)):
        return "already_linked"
    try:
        with db.session.begin_nested():
            db.session.add(_identity(user, provider, profile))
            db.session.flush()
    except IntegrityError:
        return "taken"  # linked by someone at the same moment
    log.info("%s account linked", provider, extra={"user_id": user.id, "provider": provider})
    return "linked"


def unlink_identity(user_id: int, provider: str) -> None:
    """Remove the user's account of ``provider``, unless it is their last way in."""
    # Locking the user serialises two unlinks, which could otherwise each leave the other one.
    user = db.session.scalars(select(User).where(User.id == user_id).with_for_update()).one()
    identities = identities_of(user_id)
    identity = next((i for i in identities if i.provider == provider), None)
    if identity is None:
        raise NotFound("No such account is linked.")
    if user.password is None and len(identities) == 1:
        raise Conflict(LAST_WAY_IN)
    db.session.delete(identity)
    db.session.flush()
    log.info("%s account unlinked", provider, extra={"user_id": user_id, "provider": provider})


def _identity(user: User, provider: str, profile: Profile) -> SocialIdentity:
    return SocialIdentity(
        user_id=user.id, provider=provider, subject=profile.subject, email=profile.email, created_at=clock.now()
    )


def _usable_email(email: str | None) -> str | None:
    """The address normalised as Flask-Security stores it, or None when it is not one."""
    if not email:
        return None
    try:
        return str(current_app.extensions["security"].mail_util.validate(email))
    except ValueError:
        return None
