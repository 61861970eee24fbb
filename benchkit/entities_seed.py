"""Building the entity benchmark's data: workspaces and blueprints through the API, records by SQL.

Workspaces, blueprints and their publication go through the HTTP API (the Flask test client), so
whatever the app does per workspace happens. Records are then inserted in bulk with
INSERT ... SELECT generate_series into the schema Alembic built, in the form the app's writer
stores (``runtime/entities/writer.py``): validated values in ``data``, the text and choice values
in ``search_text``, time-ordered version 7 ids stamped with ``created_at``. ``check_shape`` proves
it: it writes one record through the API with a seeded record's values and compares the two.

The entities table's secondary indexes are dropped during the load and rebuilt from their own
definitions (``pg_get_indexdef``) after it, which is quicker than maintaining them row by row and
ends with the same indexes.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Any

import psycopg

PASSWORD = "benchmark pass phrase 2026"
CHOICES = ["BOX", "PALLET", "CRATE", "BAG"]
SMALL_COLUMNS: list[dict[str, Any]] = [
    {"key": "type", "label": "Type", "type": "choice", "required": True, "options": CHOICES},
    {"key": "space", "label": "Space", "type": "text"},
    {"key": "weight", "label": "Weight", "type": "decimal"},
    {"key": "qty", "label": "Quantity", "type": "integer"},
    {"key": "code", "label": "Code", "type": "text"},
]
# The big blueprint also has integer columns nobody filters until the benchmark does (f1 ... f6),
# each holding 100 values evenly (a filter on one value matches 1% of the records).
FRESH = [f"f{n}" for n in range(1, 7)]
BIG_COLUMNS: list[dict[str, Any]] = [
    *SMALL_COLUMNS,
    {"key": "timestamp", "label": "Timestamp", "type": "datetime"},
    *({"key": key, "label": key.upper(), "type": "integer"} for key in FRESH),
]
PRIMES = [7919, 104729, 1299709, 15485863, 179424673, 2038074743]

# Version 7 ids as core.ids.new_id makes them, stamped with the row's created_at (g seconds after
# 2025-01-01), so ids sort in creation order as they do in production.
_ID = (
    "(lpad(to_hex(1735689600000 + g * 1000), 12, '0') || '7' || substr(md5(g::text), 1, 3)"
    " || '8' || substr(md5(g::text || 'x'), 1, 15))::uuid"
)
_AT = "timestamptz '2025-01-01 00:00:00+00' + make_interval(secs => g)"
_WEIGHT = "((g * 7919) % 100000 / 100)::text || '.' || lpad(((g * 7919) % 100)::text, 2, '0')"
_SMALL_DATA = (
    f"'type', (ARRAY{CHOICES})[1 + g % 4], 'space', 'S-' || (g % 5000), 'weight', {_WEIGHT},"
    " 'qty', (g * 31) % 1000, 'code', 'k' || g"
)
_BIG_DATA = (
    _SMALL_DATA
    + f", 'timestamp', to_char(({_AT}) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
    + "".join(f", '{key}', (g * {prime}) % 100" for key, prime in zip(FRESH, PRIMES, strict=True))
)
_SEARCH = "(ARRAY{choices})[1 + g % 4] || ' S-' || (g % 5000) || ' k' || g".replace("{choices}", str(CHOICES))
_OF_TENANT = "JOIN tenants t ON t.id = b.tenant_id"
_INSERT = """
INSERT INTO entities (id, tenant_id, blueprint_id, blueprint_version_id, data, search_text,
                      created_by, updated_by, created_at, updated_at)
SELECT {id}, b.tenant_id, b.id, b.current_version_id, jsonb_build_object({data}), {search},
       {user}, {user}, {at}, {at}
FROM ({blueprints}) AS b, LATERAL (SELECT (b.first + i)::bigint AS g FROM generate_series(0, b.n - 1) AS i) AS s
"""


@dataclass
class World:
    """What the benchmark built: the app, the owner's headers, and where things are."""

    app: Any
    headers: dict[str, str]
    user_id: int
    big_slug: str
    big_key: str
    small_slugs: list[str]
    small_keys: list[str]
    writer_slug: str
    records: int = 0


def dsn(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _ok(response: Any, status: int = 200) -> dict[str, Any]:
    body: dict[str, Any] = response.get_json()
    assert response.status_code == status, (response.status_code, body)
    return body


def sign_in(app: Any, url: str) -> tuple[dict[str, str], int]:
    client = app.test_client()
    email = "bench@example.com"
    _ok(client.post("/api/auth/register", json={"email": email, "password": PASSWORD}))
    with psycopg.connect(dsn(url), autocommit=True) as conn:
        row = conn.execute("UPDATE users SET confirmed_at = now() WHERE email = %s RETURNING id", (email,)).fetchone()
    assert row is not None
    token = _ok(client.post("/api/auth/login", json={"email": email, "password": PASSWORD}))["access_token"]
    return {"Authorization": f"Bearer {token}"}, int(row[0])


def make_tenant(app: Any, headers: dict[str, str], slug: str) -> None:
    body = {"name": slug, "slug": slug, "timezone": "UTC", "language": "en"}
    _ok(app.test_client().post("/api/tenants", json=body, headers=headers), 201)


def make_blueprint(app: Any, headers: dict[str, str], slug: str, key: str, columns: list[dict[str, Any]]) -> None:
    client = app.test_client()
    base = f"/api/tenants/{slug}/blueprints"
    created = _ok(client.post(base, json={"name": key, "key": key, "columns": columns}, headers=headers), 201)
    _ok(client.post(f"{base}/{key}/publish", json={"lock_version": created["lock_version"]}, headers=headers), 201)


def build(app: Any, url: str, tenants: int, blueprints: int, records: int, big: int) -> World:
    """``tenants`` workspaces of ``blueprints`` blueprints sharing ``records`` records, one
    workspace with one blueprint of ``big`` records, and a workspace of one blueprint that only
    the write measurements write to."""
    started = time.perf_counter()
    headers, user_id = sign_in(app, url)
    world = World(app, headers, user_id, "big", "stock_item", [], [f"b{n}" for n in range(1, blueprints + 1)], "writer")
    make_tenant(app, headers, "big")
    make_blueprint(app, headers, "big", "stock_item", BIG_COLUMNS)
    make_tenant(app, headers, "writer")
    make_blueprint(app, headers, "writer", "b1", SMALL_COLUMNS)
    for n in range(1, tenants + 1):
        slug = f"t{n:05d}"
        make_tenant(app, headers, slug)
        for key in world.small_keys:
            make_blueprint(app, headers, slug, key, SMALL_COLUMNS)
        world.small_slugs.append(slug)
        if n % 100 == 0:
            print(f"  {n} workspaces ({time.perf_counter() - started:.0f} s)", flush=True)
    print(f"workspaces and blueprints through the API in {time.perf_counter() - started:.1f} s", flush=True)
    started = time.perf_counter()
    per = max(1, records // (tenants * blueprints))
    world.records = big + per * (tenants * blueprints + 1)
    owners = "b.tenant_id, b.current_version_id"
    big_one = f"SELECT b.id, {owners}, 1 AS first, {big} AS n FROM blueprints b {_OF_TENANT} WHERE t.slug = 'big'"
    small = (
        f"SELECT b.id, {owners}, {big + 1} + (row_number() OVER (ORDER BY t.slug, b.key) - 1) * {per} AS first,"
        f" {per} AS n FROM blueprints b {_OF_TENANT} WHERE t.slug LIKE 't%' OR t.slug = 'writer'"
    )
    # No parameters: psycopg sends the text as it is (the % signs are SQL's modulo and LIKE's).
    with psycopg.connect(dsn(url), autocommit=True) as conn:
        definitions = _drop_indexes(conn)
        conn.execute(_insert(big_one, _BIG_DATA, user_id))
        conn.execute(_insert(small, _SMALL_DATA, user_id))
        loaded = time.perf_counter()
        for definition in definitions:
            conn.execute(definition)
        conn.execute("VACUUM ANALYZE entities")
    print(
        f"{world.records:,} records by SQL in {loaded - started:.1f} s, indexes and VACUUM ANALYZE in "
        f"{time.perf_counter() - loaded:.1f} s",
        flush=True,
    )
    return world


def _insert(blueprints: str, data: str, user_id: int) -> str:
    return _INSERT.format(id=_ID, data=data, search=_SEARCH, at=_AT, blueprints=blueprints, user=int(user_id))


def _drop_indexes(conn: psycopg.Connection[Any]) -> list[str]:
    """Drop the entities table's indexes that back no constraint; their definitions, to rebuild."""
    rows = conn.execute(
        """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
           WHERE i.indrelid = 'entities'::regclass
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)"""
    ).fetchall()
    for name, _ in rows:
        conn.execute(f"DROP INDEX {name}")
    # A partitioned table's index is defined ON ONLY the parent; rebuilt on the whole table here.
    return [definition.replace(" ON ONLY ", " ON ") for _, definition in rows]


def check_shape(world: World, url: str, big: int) -> None:
    """Write one record through the API with a seeded record's values; both must be stored alike.
    (The record written stays: one more in the big blueprint.)"""
    with psycopg.connect(dsn(url), autocommit=True) as conn:
        row = conn.execute(
            "SELECT data, search_text FROM entities WHERE data ->> 'code' = %s", (f"k{max(1, big // 2)}",)
        ).fetchone()
        assert row is not None
        seeded, seeded_search = row
        made = _ok(
            world.app.test_client().post(
                f"/api/tenants/{world.big_slug}/entities",
                json={"blueprint": world.big_key, "data": seeded},
                headers=world.headers,
            ),
            201,
        )
        stored = conn.execute(
            "SELECT data, search_text FROM entities WHERE id = %s", (uuid.UUID(made["id"]),)
        ).fetchone()
    assert stored is not None
    assert stored[0] == seeded, ("seeded data differs from the writer's", seeded, stored[0])
    assert stored[1] == seeded_search, ("seeded search_text differs from the writer's", seeded_search, stored[1])
    world.records += 1


def one_blueprint(app: Any, url: str, rows: int, slug: str, key: str) -> World:
    """One workspace with one blueprint (the big blueprint's columns) of ``rows`` records."""
    headers, user_id = sign_in(app, url)
    make_tenant(app, headers, slug)
    make_blueprint(app, headers, slug, key, BIG_COLUMNS)
    one = f"SELECT b.id, b.tenant_id, b.current_version_id, 1 AS first, {rows} AS n FROM blueprints b"
    with psycopg.connect(dsn(url), autocommit=True) as conn:
        definitions = _drop_indexes(conn)
        conn.execute(_insert(one, _BIG_DATA, user_id))
        for definition in definitions:
            conn.execute(definition)
        conn.execute("VACUUM ANALYZE entities")
    return World(app, headers, user_id, slug, key, [], [], slug, rows)
