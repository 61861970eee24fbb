"""Flask-Security-Too's access-token check, remembered per token for a few seconds.

Flask-Security checks a token by its signature, then loads the user by the token's uniquifier
(with their roles), then ``User.verify_auth_token`` checks the expiry and that the token's
session was not ended. This module keeps the outcome under the token's SHA-256
(``core.identity.auth_cache``), with the generations it was made under; a later request with the
same token gets the user back without a query, still refused once the token expires (its expiry
is kept and checked on every request). Sign-out, a session ended, a password change or reset,
deactivation, two-factor changes and deletion move the user's generation, so the next request
checks the token in full.

An entry is made only under generations read before the queries it rests on, and those need the
token's user id: the first request with a token notes it (a hint, kept in this process), the
second makes the entry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app, g, request
from flask_security.utils import get_request_attr, parse_auth_token, set_request_attr

from core import clock, db
from core.identity import auth_cache, member_cache
from core.identity.models import TOKEN_SESSION, Role, User
from core.identity.principal import KEY_PREFIX

MAX_HINTS = 20_000
_hints: dict[str, int] = {}  # token digest -> user id, for the generations read before the queries
Loader = Callable[[], Any]


def token_user(token: str | None, load: Loader) -> Any:
    """The user ``token`` signs in, as ``load()`` (Flask-Security's check) would answer, from the
    cache when an entry is there and still holds."""
    if get_request_attr("fs_authn_via") == "token" or not token or token.startswith(KEY_PREFIX):
        return load()
    ttl = auth_cache.seconds()
    if ttl == 0:
        return load()
    name = "token:" + auth_cache.digest(token)
    hit = _recall(name)
    if hit is not None:
        return hit
    hint = _hints.get(name)
    keys = (auth_cache.EVERYONE, auth_cache.user_key(hint)) if hint is not None else ()
    made_under = auth_cache.generations(keys) if keys else None
    user = load()
    if user is None or not isinstance(user, User):
        return user
    if made_under is not None and hint == user.id:
        auth_cache.remember(name, keys, made_under, _entry(token, user), ttl)
    elif len(_hints) < MAX_HINTS:
        _hints[name] = user.id
    else:
        _hints.clear()
    return user


def _entry(token: str, user: User) -> dict[str, Any]:
    data = parse_auth_token(token)
    return {
        "user": auth_cache.snapshot(user),
        "roles": [auth_cache.snapshot(role) for role in user.roles],
        "sid": g.get(TOKEN_SESSION),
        "expires": int(data.get("loom_exp", 0)),
        "fs_paa": data.get("fs_paa", 0),
    }


def _recall(name: str) -> User | None:
    _prefetch(name)
    found = auth_cache.recall(name)
    if found is None:
        return None
    entry: dict[str, Any] = found[1]
    if entry["expires"] <= clock.now().timestamp():
        return None
    roles = [auth_cache.revive(Role, values) for values in entry["roles"]]
    user = auth_cache.attach(db.session(), auth_cache.revive(User, entry["user"], {"roles": roles}), *roles)
    # What Flask-Security's request loader sets on success (flask_security.core._request_loader).
    set_request_attr("fs_authn_via", "token")
    if current_app.config.get("SECURITY_FRESHNESS_ALLOW_AUTH_TOKEN"):
        set_request_attr("fs_paa", entry["fs_paa"])
    if entry["sid"]:
        g.setdefault(TOKEN_SESSION, entry["sid"])
    return user  # type: ignore[no-any-return]


def _prefetch(name: str) -> None:
    """Read the generations of the token's entry and of the membership this request will open
    (``core.identity.access``) in one Redis round trip."""
    keys = auth_cache.keys_of(name)
    slug = (request.view_args or {}).get("slug")
    if keys and isinstance(slug, str):
        keys += auth_cache.keys_of(member_cache.entry_name(name[len("token:") :], slug))
    if keys:
        auth_cache.generations(keys)
