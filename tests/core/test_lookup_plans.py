"""Lookups made with no tenant scope reach an index by its leading column, never a sequential scan.

Since the keys became (tenant_id, id), a query naming the id alone cannot use the key's index.
Each test runs the real code path, captures the statements it sends, and EXPLAINs them with
sequential scans, hash and merge joins off: the plan must read each table through an index whose
first column the query constrains (an index scanned whole, filtering on its second column, does
not count), so the choice does not hang on how few rows a test has. Where the planner's choice of
the table to start from matters (the timers' sweep), the tables get thousands of rows first.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import event, select, text

from core import clock, db
from core.errors import NotFound
from core.identity.models import Tenant
from tests.factories import (
    STOCK_COLUMNS,
    create_blueprint,
    create_entity,
    create_flow,
    create_tenant,
    drawn_stock,
    hardened_admin,
    signed_in_user,
)

Captured = list[tuple[str, Any]]


@contextmanager
def captured(app: Any) -> Iterator[Captured]:
    """The statements sent on any of the app's connections meanwhile, with their parameters."""
    engine = app.extensions["loom_engine"]
    found: Captured = []

    def note(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, many: bool) -> None:
        if not many:
            found.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield found
    finally:
        event.remove(engine, "before_cursor_execute", note)


def _leading_column(index: str) -> str | None:
    return db.session.connection().scalar(
        text(
            "SELECT a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] WHERE c.relname = :name"
        ),
        {"name": index},
    )


def _nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("Plans", []):
        yield from _nodes(child)


def plan_problems(statement: str, parameters: Any) -> list[str]:
    """What in the statement's plan reads a table other than by an index's leading column. The
    statement runs (EXPLAIN ANALYZE, undone with its savepoint), so that what run-time partition
    pruning leaves out (other workspaces' partitions of entities, never executed) is not judged."""
    connection = db.session.connection()
    with connection.begin_nested() as undone:  # the planner settings and any change end with it
        for setting in ("enable_seqscan", "enable_hashjoin", "enable_mergejoin"):
            connection.exec_driver_sql(f"SET LOCAL {setting} = off")
        explain = f"EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) {statement}"
        [[plan]] = connection.exec_driver_sql(explain, parameters).all()
        undone.rollback()
    problems = []
    for node in _nodes(plan[0]["Plan"]):
        if node.get("Actual Loops") == 0:
            continue
        if node["Node Type"] == "Seq Scan":
            problems.append(f"Seq Scan on {node['Relation Name']}")
        elif "Index Name" in node:
            leading = _leading_column(node["Index Name"])
            condition = node.get("Index Cond", "")
            if leading is None or not re.search(rf"\b{leading}\b", condition):
                problems.append(f"{node['Index Name']} walked without its leading column ({condition or 'no cond'})")
    return problems


def assert_served(found: Captured, wanted: Callable[[str], bool], at_least: int = 1) -> None:
    chosen = [(s, p) for s, p in found if wanted(s)]
    assert len(chosen) >= at_least, [s for s, _ in found]
    for statement, parameters in chosen:
        assert plan_problems(statement, parameters) == [], statement


def clone(table: str, where: str, copies: int, **overrides: str) -> None:
    """``copies`` copies of the one row of ``table`` that ``where`` finds (``src``, copy ``g``), with
    ``overrides`` as SQL: enough rows for the planner to weigh a table as a big one."""
    connection = db.session.connection()
    columns = connection.execute(
        text(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' "
            "AND table_name = :table AND is_generated = 'NEVER' ORDER BY ordinal_position"
        ),
        {"table": table},
    ).scalars()
    names = list(columns)
    values = ", ".join(overrides.get(name, f"src.{name}") for name in names)
    connection.exec_driver_sql(
        f"INSERT INTO {table} ({', '.join(names)}) SELECT {values} "
        f"FROM (SELECT * FROM {table} WHERE {where} LIMIT 1) AS src, generate_series(1, {copies}) AS g"
    )
    connection.exec_driver_sql(f"ANALYZE {table}")


def copy_of(column: str) -> str:
    """A copy's uuid, the same for the same source value and copy number (keys stay joined)."""
    return f"md5(src.{column}::text || g)::uuid"


def _tenant_id(slug: str) -> uuid.UUID:
    return db.session.scalars(select(Tenant.id).where(Tenant.slug == slug)).one()


def test_due_timers_join_their_instances_and_records_by_whole_keys_and_fire_by_key(app, client):
    from runtime.flows.tasks import due_instances, fire_instance

    _, headers = signed_in_user(client)
    create_tenant(client, headers, "x-plan-timers")
    create_blueprint(client, headers, "x-plan-timers", columns=STOCK_COLUMNS)
    create_flow(client, headers, "x-plan-timers", "stock_item", name="Stock", xml=drawn_stock())
    create_entity(client, headers, "x-plan-timers", "stock_item", type="BOX")
    tenant_id = _tenant_id("x-plan-timers")
    where = f"tenant_id = '{tenant_id}'"
    # Thousands of finished instances and of timers due next month besides the one due tomorrow.
    clone("entities", where, 3000, id=copy_of("id"))
    clone("flow_instances", where, 3000, id=copy_of("id"), entity_id=copy_of("entity_id"), status="'completed'")
    clone("flow_timers", where, 3000, id=copy_of("id"), instance_id=copy_of("instance_id"), due_at="now() + '30 days'")
    clock.travel(timedelta(days=1, minutes=1))
    with captured(app) as sweep:
        [(due_tenant, instance_id)] = due_instances(db.session())
    assert due_tenant == tenant_id
    assert_served(sweep, lambda s: "flow_timers" in s)
    with captured(app) as fired:
        assert fire_instance(db.session(), tenant_id, instance_id) == ["put_away_due"]
    assert_served(fired, lambda s: s.startswith("SELECT") and "FROM flow_instances" in s and "FOR UPDATE" in s)


def test_index_builds_load_and_update_their_row_by_its_key(app, client):
    from runtime.entities.index_builds import _load, _set, build_index

    _, headers = signed_in_user(client)
    create_tenant(client, headers, "x-plan-index")
    tenant_id = _tenant_id("x-plan-index")
    with captured(app) as found:
        # On the builder's own connection the test's rows are not visible: the statements are what counts.
        with app.app_context():
            assert build_index(uuid.uuid4(), tenant_id) == "skipped"
        conn = db.session.connection()
        assert _load(conn, uuid.uuid4(), tenant_id) is None
        _set(conn, tenant_id, uuid.uuid4(), status="pending", next_attempt_at=None)
    assert_served(found, lambda s: "entity_indexes" in s, at_least=3)


def test_the_value_check_walks_records_in_key_order_and_reads_versions_by_key(app, client):
    from runtime.entities.value_check import refused_values

    _, headers = signed_in_user(client)
    for slug in ("x-plan-check-a", "x-plan-check-b"):
        create_tenant(client, headers, slug)
        create_blueprint(client, headers, slug)
        create_entity(client, headers, slug, "stock_item", type="BOX")
        create_entity(client, headers, slug, "stock_item", type="BOX")
    with captured(app) as found:
        assert list(refused_values(db.session(), batch=1)) == []
    # Every batch after the first reads on from the last key; each version is read by its key.
    assert_served(found, lambda s: "FROM entities" in s and "> (" in s, at_least=3)
    assert_served(found, lambda s: "FROM blueprint_versions" in s, at_least=2)


def test_the_back_office_finds_hook_endpoints_and_deliveries_by_id(app, client):
    from runtime.hooks import queries

    headers = hardened_admin(app, client)[1]
    with captured(app) as found:
        assert client.get(f"/api/admin/hooks/endpoints/{uuid.uuid4()}", headers=headers).status_code == 404
        by_delivery = {"delivery_id": str(uuid.uuid4())}
        assert client.get("/api/admin/hooks/attempts", query_string=by_delivery, headers=headers).status_code == 404
    assert_served(found, lambda s: "FROM hook_endpoints" in s)
    assert_served(found, lambda s: "FROM hook_deliveries" in s)
    endpoint = SimpleNamespace(tenant_id=uuid.uuid4(), blueprint_ids=[uuid.uuid4(), uuid.uuid4()])
    with captured(app) as keys:
        assert queries.blueprint_keys(db.session(), [endpoint]) == {}  # type: ignore[list-item]
    assert_served(keys, lambda s: "FROM blueprints" in s)


def test_a_download_link_names_its_file_by_key(app, client, db_session):
    from runtime.transfer.links import download_path, file_key_from

    _, headers = signed_in_user(client)
    create_tenant(client, headers, "x-plan-files")
    tenant_id, file_id = _tenant_id("x-plan-files"), uuid.uuid4()
    with app.test_request_context():
        path = download_path(tenant_id, file_id)
        assert file_key_from(path.rsplit("/", 1)[1]) == (tenant_id, file_id)
    with captured(app) as found:
        assert client.get(path).status_code == 404
    assert_served(found, lambda s: "FROM files" in s)


def test_token_lookups_lead_their_unique_indexes(app, db_session):
    from runtime.members.operations import find
    from runtime.messages.inbound import receive

    with app.test_request_context(), captured(app) as found:
        with pytest.raises(NotFound):
            find(db.session(), "no-such-invitation")
        with pytest.raises(NotFound):
            receive(db.session(), "no-such-hook", b"{}", {})
    assert_served(found, lambda s: "FROM invitations" in s)
    assert_served(found, lambda s: "FROM flow_inbound_hooks" in s)
