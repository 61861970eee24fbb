"""The entity benchmark's in-process measurements: each request through the Flask app (no network),
and its baseline: the very statements the request sent, sent again with psycopg (no ORM, no Flask).

A figure is a ``Row``: the request's p50/p95/max over warm runs, the first run (cold: the first
request of its kind, on a connection that has not run it), Python (whole minus the time between
the driver's cursor events) and the baseline's p50/p95/max.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import psycopg

from benchkit.stats import Samples, SqlClock

REPLAY_LEAVES_OUT = "Flask, sign-in and membership logic, the ORM, validation, JSON; the commit"


@dataclass
class Row:
    """One measured line of the report."""

    name: str
    loom: Samples
    baseline: Samples | None
    leaves_out: str
    target: str = ""
    python: Samples | None = None
    cold: float | None = None  # ms of the first run
    notes: list[str] = field(default_factory=list)


class Bench:
    """The app, its owner's headers and a psycopg connection for the baselines."""

    def __init__(self, app: Any, headers: dict[str, str], dsn: str, runs: int) -> None:
        self.app = app
        self.client = app.test_client()
        self.headers = headers
        self.dsn = dsn
        self.runs = runs
        self.clock = SqlClock(app.extensions["loom_engine"])
        self.conn = psycopg.connect(dsn, autocommit=True)
        self.idle_writes = 0  # replayed UPDATEs and DELETEs that matched no row

    def close(self) -> None:
        self.clock.close()
        self.conn.close()

    # -- requests -----------------------------------------------------------------------------

    def request(self, method: str, path: str, status: int, **kwargs: Any) -> tuple[dict[str, Any], float, float]:
        """One request: its JSON, whole seconds and seconds in SQL."""
        self.clock.reset()
        start = time.perf_counter()
        response = self.client.open(path, method=method, headers=self.headers, **kwargs)
        whole = time.perf_counter() - start
        body: dict[str, Any] = response.get_json() if response.data else {}
        assert response.status_code == status, (path, response.status_code, body)
        return body, whole, self.clock.seconds

    def measure(
        self,
        name: str,
        call: Callable[[], tuple[dict[str, Any], float, float]],
        *,
        target: str = "",
        cold: bool = True,
        runs: int | None = None,
    ) -> Row:
        """``call`` once (the cold run, unless ``cold`` is False), then ``runs`` warm runs; the
        baseline replays the statements of the last run."""
        first = call()[1] * 1000 if cold else None
        loom, python = Samples(), Samples()
        for _ in range(runs or self.runs):
            _, whole, sql = call()
            loom.add(whole)
            python.add(whole - sql)
        statements = list(self.clock.statements)
        baseline = Samples()
        self.idle_writes = 0
        for _ in range(runs or self.runs):
            baseline.add(self.replay(statements))
        row = Row(name, loom, baseline, REPLAY_LEAVES_OUT, target, python, first)
        row.notes.append(f"{len(statements)} statements")
        if self.idle_writes:
            row.notes.append(f"baseline: {self.idle_writes} replayed writes matched no row")
        return row

    def replay(self, statements: list[tuple[str, Any]]) -> float:
        """Seconds to send ``statements`` again in one transaction, rolled back (writes leave nothing).

        Made fit to run again first (not timed): an INSERT gets new ids where the request made
        them; an UPDATE of a record checks the version it has now, so it writes as the request did."""
        ready = [(statement, self._again(statement, params)) for statement, params in statements]
        start = time.perf_counter()
        with self.conn.transaction(force_rollback=True), self.conn.cursor() as cursor:
            index = 0
            while index < len(ready):
                statement, params = ready[index]
                index += 1
                if isinstance(params, (list, tuple)) and params and isinstance(params[0], dict):
                    cursor.executemany(statement, params)
                    continue
                try:
                    cursor.execute(statement, params or None)
                except psycopg.errors.QueryCanceled:
                    # The request's own budget stopped it too (a scan within LOOM_LIST_BUDGET_MS):
                    # go on where the request did, at its rollback to the savepoint.
                    index = _rollback_after(ready, index)
                    continue
                if cursor.description is not None:
                    cursor.fetchall()
                elif statement.lstrip()[:6].upper() in ("UPDATE", "DELETE") and cursor.rowcount == 0:
                    self.idle_writes += 1
        return time.perf_counter() - start

    def _again(self, statement: str, params: Any) -> Any:
        from core.ids import new_id

        if isinstance(params, (list, tuple)):
            return [self._again(statement, p) for p in params]
        if not isinstance(params, dict):
            return params
        verb = statement.lstrip()[:6].upper()
        if verb == "INSERT" and isinstance(params.get("id"), uuid.UUID):
            return {**params, "id": new_id()}
        if verb == "UPDATE" and "entities_version" in params and "entities_id" in params:
            row = self.conn.execute("SELECT version FROM entities WHERE id = %s", (params["entities_id"],)).fetchone()
            return {**params, "entities_version": row[0] if row else params["entities_version"]}
        return params

    # -- the grid and lists --------------------------------------------------------------------

    def lister(self, slug: str, blueprint: str, **query: Any) -> Callable[[], tuple[dict[str, Any], float, float]]:
        args = {"blueprint": blueprint, "limit": 50}
        for key, value in query.items():
            args[key] = value if isinstance(value, (str, int)) else json.dumps(value)
        return lambda: self.request("GET", f"/api/tenants/{slug}/entities", 200, query_string=args)

    def grid(self, slug: str, blueprint: str, label: str) -> list[Row]:
        """The grid's first page and the page after it (the cursor of the first)."""
        first = self.measure(f"grid, first page, {label}", self.lister(slug, blueprint), target="Python <= 3 ms")
        cursor = self.lister(slug, blueprint)()[0].get("next_cursor")
        rows = [first]
        if cursor:
            rows.append(
                self.measure(
                    f"grid, next page, {label}", self.lister(slug, blueprint, cursor=cursor), target="Python <= 3 ms"
                )
            )
        return rows

    # -- writes --------------------------------------------------------------------------------

    def writes(self, slug: str, blueprint: str, label: str, runs: int) -> list[Row]:
        """Creates and updates through the API (the app's writer), ``runs`` of each."""
        path = f"/api/tenants/{slug}/entities"
        counter = iter(range(10**9))

        def create() -> tuple[dict[str, Any], float, float]:
            n = next(counter)
            data = {"type": "BOX", "space": f"W-{n}", "weight": "1.50", "qty": n % 1000, "code": f"w{n}"}
            return self.request("POST", path, 201, json={"blueprint": blueprint, "data": data})

        made = create()[0]
        state = {"version": made["version"]}

        def update() -> tuple[dict[str, Any], float, float]:
            body = {"version": state["version"], "data": {"qty": next(counter) % 1000, "space": f"U-{next(counter)}"}}
            result = self.request("PATCH", f"{path}/{made['id']}", 200, json=body)
            state["version"] = result[0]["version"]
            return result

        return [
            self.measure(f"create a record, {label}", create, runs=runs),
            self.measure(f"update a record, {label}", update, runs=runs),
        ]


def _rollback_after(statements: list[tuple[str, Any]], index: int) -> int:
    """Where the request went on after a statement its budget cancelled: its ROLLBACK TO SAVEPOINT."""
    for at in range(index, len(statements)):
        if statements[at][0].lstrip().upper().startswith("ROLLBACK TO SAVEPOINT"):
            return at
    raise RuntimeError("a replayed statement ran over its budget where the request's did not")
