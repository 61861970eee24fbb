"""Who an access token is, and what they are in a workspace, remembered for a few seconds.

Every request signed in by an access token used to load its user (and roles), check its session
and load the caller's membership: three or four queries and about a third of a grid page's
Python. This process remembers the outcome of those checks for ``LOOM_AUTH_CACHE_SECONDS`` (at
most 5 s; 0 turns the cache off), under the SHA-256 of the token (never the token itself), and for
a membership under that hash, the workspace's slug and the user: one workspace's entry never
answers for another's.

Nothing a request must see at once waits for the entry to run out. Every entry carries the
*generations* it was made under, counters in Redis that move after a commit that changed what the
entry rests on: the user (sign-out, a session ended, a password changed or reset, deactivation,
deletion, two-factor changes), the membership (role changed, removed), the workspace (renamed,
deleted), or all of them at once (an UPDATE or DELETE of those tables that names no single row).
A request reads the generations (one Redis round trip) and uses an entry only if they have not
moved. The counters move after the commit, and entries take the generations read before their
queries, so an entry can never carry a generation newer than the data it holds. Without Redis
(down, or unreachable) nothing is cached, for a few seconds at a time.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from collections.abc import Iterable
from typing import Any

import redis
from flask import current_app, g, has_app_context, has_request_context
from sqlalchemy import inspect
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

MAX_SECONDS = 5
MAX_ENTRIES = 20_000
PREFIX = "loom:authgen:"
EVERYONE = PREFIX + "all"

log = logging.getLogger(__name__)
_entries: dict[str, tuple[float, tuple[str, ...], tuple[int, ...], Any]] = {}
_clients: dict[str, redis.Redis] = {}
_down_until = [0.0]


def user_key(user_id: int) -> str:
    return f"{PREFIX}u:{user_id}"


def tenant_key(tenant_id: uuid.UUID) -> str:
    return f"{PREFIX}t:{tenant_id}"


def membership_key(tenant_id: uuid.UUID, user_id: int) -> str:
    return f"{PREFIX}m:{tenant_id}:{user_id}"


def seconds() -> int:
    """The entries' lifetime; 0 (the cache is off) outside a request or without Redis."""
    if not has_request_context():
        return 0
    settings = current_app.config["LOOM"]
    if not settings.redis_url:
        return 0
    return max(0, min(int(settings.auth_cache_seconds), MAX_SECONDS))


def digest(token: str) -> str:
    """The SHA-256 of a token, hex: what names its entries (and nothing else of it is kept)."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _client() -> redis.Redis | None:
    if time.monotonic() < _down_until[0]:
        return None
    url = current_app.config["LOOM"].redis_url
    found = _clients.get(url)
    if found is None:
        found = _clients[url] = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
    return found


def _unreachable(action: str) -> None:
    """No cache for the next few seconds, and none of what this process remembered."""
    _down_until[0] = time.monotonic() + MAX_SECONDS
    _entries.clear()
    log.warning("auth cache off for %s s: Redis unreachable while %s", MAX_SECONDS, action)


def generations(keys: tuple[str, ...]) -> tuple[int, ...] | None:
    """The current generations of ``keys`` (read once per request each), or None without Redis."""
    known: dict[str, int] = g.setdefault("loom_auth_generations", {})
    missing = [key for key in keys if key not in known]
    if missing:
        client = _client()
        if client is None:
            return None
        try:
            values: list[bytes | None] = client.mget(missing)  # type: ignore[assignment]  # sync client
        except redis.RedisError:
            _unreachable("reading generations")
            return None
        known.update((key, int(value or 0)) for key, value in zip(missing, values, strict=True))
    return tuple(known[key] for key in keys)


def recall(name: str) -> tuple[tuple[str, ...], Any] | None:
    """The entry ``name`` if it is young enough and its generations have not moved."""
    found = _entries.get(name)
    if found is None:
        return None
    expires, keys, made_under, value = found
    if time.monotonic() >= expires:
        _entries.pop(name, None)
        return None
    if generations(keys) != made_under:
        _entries.pop(name, None)
        return None
    return keys, value


def remember(name: str, keys: tuple[str, ...], made_under: tuple[int, ...], value: Any, ttl: int) -> None:
    if len(_entries) >= MAX_ENTRIES:
        now = time.monotonic()
        for stale in [key for key, entry in _entries.items() if entry[0] <= now]:
            _entries.pop(stale, None)
        if len(_entries) >= MAX_ENTRIES:
            _entries.clear()
    _entries[name] = (time.monotonic() + ttl, keys, made_under, value)


def keys_of(name: str) -> tuple[str, ...]:
    """The generation keys the entry ``name`` was made under (none when there is no entry)."""
    found = _entries.get(name)
    return found[1] if found is not None else ()


def forget_all() -> None:
    """Drop what this process remembers (tests, and Redis going away)."""
    _entries.clear()


def bump(keys: Iterable[str]) -> None:
    """Move these generations: every entry made under them stops answering, in every process."""
    todo = sorted(set(keys))
    if not todo or not has_app_context():
        return
    url = current_app.config["LOOM"].redis_url
    if not url:
        return
    try:
        client = _clients.get(url) or redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)
        _clients[url] = client
        pipe = client.pipeline(transaction=False)
        for key in todo:
            pipe.incr(key)
        pipe.execute()
    except redis.RedisError:
        _unreachable("moving generations")


# Snapshots: plain column values, revived as detached instances and merged into the request's
# session without a query (so lazy relationships and flushes work as on a loaded row).


def snapshot(obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    values: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        value = state.dict.get(attr.key)
        values[attr.key] = list(value) if isinstance(value, list) else value
    return values


def revive(model: type, values: dict[str, Any], related: dict[str, Any] | None = None) -> Any:
    """A detached ``model`` holding ``values`` as if loaded (no constructor: the values go into
    its state directly, and ``make_transient_to_detached`` marks them committed)."""
    obj: Any = inspect(model).class_manager.new_instance()
    inspect(obj).dict.update((key, list(value) if isinstance(value, list) else value) for key, value in values.items())
    make_transient_to_detached(obj)
    for name, value in (related or {}).items():
        set_committed_value(obj, name, value)
    return obj


def attach(db_session: Session, obj: Any, *related: Any) -> Any:
    """``obj`` (detached, clean, revived for this request) in ``db_session`` as if loaded there,
    without a query: added as it is, or merged (a copy) when the session holds the row already,
    or one of the ``related`` objects its relationships carry in."""
    if any(inspect(each).key in db_session.identity_map for each in (obj, *related)):
        return db_session.merge(obj, load=False)
    db_session.add(obj)
    return obj
