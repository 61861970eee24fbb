"""What checking an API key costs per request, against plain baselines measured in the same run.

    .venv/bin/python bench/apikeys.py [--runs 2000] [--database NAME] [--no-write]

Builds a fresh database (loom_bench_apikeys_<pid> unless --database names one, or LOOM_BENCH_APIKEYS_DATABASE_URL) with the real
migrations, one workspace, its owner and one API key, then measures:

- the digest alone: HMAC-SHA256 of the presented key and ``hmac.compare_digest`` (pure CPU);
- the whole check, ``runtime.apikeys.auth.authenticate``: the indexed lookup of the key with its
  workspace, creator and membership in one query, the digest, the checks; its baseline is the same
  query sent with psycopg and the same digest, with no ORM;
- argon2 verifying a password, for contrast: what a password-style hash would add per request;
- a whole request (GET /api/tenants/<slug>, through the Flask app, no network) with the key and
  with the owner's access token (Flask-Security-Too's signed token).
- the access token's session check (``core.identity.models.session_is_live``): one lookup of its
  refresh family by its unique index, on every request signed in by an access token.

Prints the figures and writes the "## API keys" section of docs/benchmarks.md (not with --no-write).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("LOOM_ENV", "testing")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.options import add_common, bench_database, open_database  # noqa: E402

BENCH_URL = bench_database("loom_bench_apikeys", "LOOM_BENCH_APIKEYS_DATABASE_URL")

import psycopg  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bench.report import replace_section  # noqa: E402

PASSWORD = "benchmark pass phrase 2026"
SLUG = "x-keys"
LOOKUP = """
SELECT k.secret_digest, k.revoked_at, k.expires_at, t.slug, m.role, u.active
FROM api_keys k
JOIN tenants t ON t.id = k.tenant_id
JOIN users u ON u.id = k.created_by
LEFT JOIN memberships m ON m.tenant_id = k.tenant_id AND m.user_id = k.created_by AND m.created_at <= k.created_at
WHERE k.public_id = %s
"""


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    fn()  # warm up (connections, caches)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def micros(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1e6, ordered[int(len(ordered) * 0.95)] * 1e6


def setup() -> tuple[object, str, dict[str, str]]:
    from core import migrate

    open_database(BENCH_URL)
    migrate.upgrade(BENCH_URL)
    from runtime.app import create_app

    app = create_app("testing")
    client = app.test_client()
    email = "bench@example.com"
    client.post("/api/auth/register", json={"email": email, "password": PASSWORD})
    with psycopg.connect(raw_dsn(), autocommit=True) as conn:
        conn.execute("UPDATE users SET confirmed_at = now() WHERE email = %s", (email,))
    token = client.post("/api/auth/login", json={"email": email, "password": PASSWORD}).get_json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    workspace = {"name": "X Keys", "slug": SLUG, "timezone": "UTC", "language": "en"}
    assert client.post("/api/tenants", json=workspace, headers=headers).status_code == 201
    body = {"name": "Bench", "role": "editor", "password": PASSWORD}
    created = client.post(f"/api/tenants/{SLUG}/api-keys", json=body, headers=headers)
    assert created.status_code == 201, created.get_json()
    return app, created.get_json()["secret"], headers


def raw_dsn() -> str:
    return make_url(BENCH_URL).set(drivername="postgresql").render_as_string(hide_password=False)


def run(runs: int) -> dict[str, tuple[float, float]]:
    import hashlib
    import hmac

    from argon2 import PasswordHasher

    from core import db
    from runtime.apikeys import auth

    app, secret, token_headers = setup()
    key_headers = {"Authorization": f"Bearer {secret}"}
    results: dict[str, tuple[float, float]] = {}
    with app.test_request_context(f"/api/tenants/{SLUG}", headers=key_headers):
        stored = auth.digest(secret)
        server_key = auth._hmac_key(app.config["SECRET_KEY"])

        def digest_only() -> None:
            presented = hmac.new(server_key, secret.encode(), hashlib.sha256).hexdigest()
            assert hmac.compare_digest(presented, stored)

        def whole_check() -> None:
            # One transaction, as in a request (connection checkout is not the key's cost); the
            # objects are forgotten each time, so every check builds them again.
            auth.authenticate(secret)
            db.session.expunge_all()

        results["digest (HMAC-SHA256 + compare_digest)"] = micros(timed(digest_only, runs * 10))
        results["whole check (authenticate)"] = micros(timed(whole_check, runs))
        db.session.rollback()
        db.session.remove()

    from core.identity.models import session_is_live

    with psycopg.connect(raw_dsn()) as conn:
        user_id, family = conn.execute("SELECT user_id, refresh_family FROM refresh_trackers LIMIT 1").fetchone()
    with app.test_request_context("/api/auth/me"):
        assert session_is_live(user_id, family)
        results["access token's session check (session_is_live)"] = micros(
            timed(lambda: session_is_live(user_id, family), runs)
        )
        db.session.rollback()
        db.session.remove()

    with psycopg.connect(raw_dsn()) as conn:
        public_id = auth.public_id_of(secret)

        def raw_check() -> None:
            row = conn.execute(LOOKUP, (public_id,)).fetchone()
            presented = hmac.new(server_key, secret.encode(), hashlib.sha256).hexdigest()
            assert row is not None and hmac.compare_digest(row[0], presented)

        results["baseline: same query in psycopg + digest"] = micros(timed(raw_check, runs))

    hasher = PasswordHasher()
    hashed = hasher.hash(secret)
    results["for contrast: argon2 verify (default cost)"] = micros(timed(lambda: hasher.verify(hashed, secret), 20))

    client = app.test_client()

    def request_with(headers: dict[str, str]) -> Callable[[], None]:
        def call() -> None:
            assert client.get(f"/api/tenants/{SLUG}", headers=headers).status_code == 200

        return call

    results["request with the API key"] = micros(timed(request_with(key_headers), runs))
    results["request with an access token"] = micros(timed(request_with(token_headers), runs))
    return results


def write_report(runs: int, results: dict[str, tuple[float, float]]) -> str:
    check = results["whole check (authenticate)"][0]
    raw = results["baseline: same query in psycopg + digest"][0]
    argon = results["for contrast: argon2 verify (default cost)"][0]
    keyed = results["request with the API key"][0]
    token = results["request with an access token"][0]
    session = results["access token's session check (session_is_live)"][0]
    lines = [
        "## API keys (checking a key per request)",
        "",
        f"`bench/apikeys.py`, {runs} runs each, one process on this machine; microseconds, median and 95th percentile.",
        "The key is found by its public id through an index and compared as HMAC-SHA256 (`runtime/apikeys/auth.py`);",
        "the baseline is the same lookup query sent with psycopg plus the same digest, with no ORM.",
        "",
        "| Measure | p50 (µs) | p95 (µs) |",
        "|---|---|---|",
    ]
    lines += [f"| {name} | {p50:,.0f} | {p95:,.0f} |" for name, (p50, p95) in results.items()]
    lines += [
        "",
        f"The whole check costs {check / raw:.1f}x the plain query ({check - raw:,.0f} µs of ORM and checks), "
        f"{argon / check:,.0f}x less than one argon2 verify would; a request with a key takes "
        f"{keyed / token:.2f}x the time of one with an access token.",
        f"Checking that an access token's session was not ended (signed out) adds {session:,.0f} µs, "
        f"{session / token:.1%} of a request with an access token.",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=2000)
    add_common(parser, "loom_bench_apikeys")
    args = parser.parse_args()
    report = write_report(args.runs, run(args.runs))
    print(report)
    if not args.no_write:
        replace_section(ROOT / "docs" / "benchmarks.md", "## API keys", report)


if __name__ == "__main__":
    main()
