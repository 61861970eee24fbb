"""Pooled connections are checked before use only when they have sat idle.

A connection the pool hands out may have died while it waited there (a database restart, a
failover, a firewall's idle timeout). SQLAlchemy's ``pool_pre_ping`` sends a round trip on every
checkout to find out, about a third of a millisecond of a grid page's CPU and a round trip on
every request. A connection given back less than ``LOOM_DB_PING_IDLE_SECONDS`` ago was working
then: it is handed out without a check (HikariCP skips the check within 500 ms the same way).
One that sat longer is pinged, and a dead one is replaced before the request sees it
(``DisconnectionError``: the pool tries a fresh connection). 0 checks every checkout.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError

_IDLE_SINCE = "loom_idle_since"


def ping_when_idle(engine: Engine, idle_seconds: float) -> None:
    """Check ``engine``'s pooled connections on checkout once they sat idle ``idle_seconds``."""

    @event.listens_for(engine, "checkin")
    def _given_back(dbapi_connection: Any, record: Any) -> None:
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _handed_out(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        since = record.info.pop(_IDLE_SINCE, None)
        if since is None or time.monotonic() - since < idle_seconds:
            return  # new (just connected), or in use a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as exc:
            raise DisconnectionError("a pooled connection did not answer") from exc
