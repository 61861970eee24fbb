"""Expression index builds: never deadlocked, retried when they fail, swept when left behind.

These tests commit for real: CREATE INDEX CONCURRENTLY cannot run inside a transaction and
waits for every open one, so each test makes its own workspace and deletes it afterwards.
"""

from __future__ import annotations

import dataclasses
import json
import threading
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import delete, select, text

from core import db
from core.identity.models import Tenant
from runtime.entities.index_builds import build_index, retry_wait, sweep
from runtime.entities.indexes import partition_of, statistics_name
from runtime.entities.models import EntityIndex
from tests.factories import create_blueprint, create_entity, create_tenant, signed_in_user

SLUG = "x-index-builds"


@pytest.fixture()
def world(app: Any, raw_engine: Any) -> Iterator[dict[str, Any]]:
    settings = app.config["LOOM"]
    app.config["LOOM"] = dataclasses.replace(settings, index_min_rows=3, index_build_timeout_ms=60_000)
    client = app.test_client()
    _, headers = signed_in_user(client)
    create_tenant(client, headers, SLUG)
    create_blueprint(client, headers, SLUG)
    for qty in range(4):
        create_entity(client, headers, SLUG, "stock_item", type="BOX", qty=qty, weight=str(qty), space=f"A{qty}")
    db.session.remove()
    try:
        with app.app_context():
            yield {"client": client, "headers": headers, "app": app, "engine": raw_engine}
    finally:
        app.config["LOOM"] = settings
        db.session.remove()
        names = db.session.scalars(select(EntityIndex.name).execution_options(all_tenants=True)).all()
        db.session.execute(delete(Tenant).where(Tenant.slug == SLUG))
        db.session.commit()
        db.session.remove()
        with raw_engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for name in names:
                conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
                conn.exec_driver_sql(f"DROP STATISTICS IF EXISTS {statistics_name(name)}")


def _ask(world: dict[str, Any], *columns: str) -> None:
    """A list request filtering on ``columns``: it asks for their indexes."""
    tree = {"and": [{"column": c, "op": "not_empty"} for c in columns]}
    response = world["client"].get(
        f"/api/tenants/{SLUG}/entities",
        query_string={"blueprint": "stock_item", "filter": json.dumps(tree)},
        headers=world["headers"],
    )
    assert response.status_code == 200, response.get_json()


def _rows() -> dict[str, EntityIndex]:
    db.session.remove()
    rows = db.session.scalars(select(EntityIndex).execution_options(all_tenants=True)).all()
    return {row.column_key: row for row in rows}


def _index(engine: Any, name: str) -> Any:
    with engine.connect() as conn:
        return conn.execute(
            text(
                "SELECT c.relname, i.indisvalid, t.relname AS on_table FROM pg_class c "
                "JOIN pg_index i ON i.indexrelid = c.oid JOIN pg_class t ON t.oid = i.indrelid WHERE c.relname = :n"
            ),
            {"n": name},
        ).first()


def _build_until_done(index_id: uuid.UUID) -> str:
    """What the task does: a build that finds the builder busy is queued again."""
    for _ in range(100):
        outcome = build_index(index_id)
        if outcome != "busy":
            return outcome
    raise AssertionError("the builder stayed busy")


def test_two_builds_asked_at_once_both_end_ready_on_the_workspace_partition(world):
    _ask(world, "qty", "weight")
    rows = _rows()
    assert sorted(rows) == ["qty", "weight"] and {r.status for r in rows.values()} == {"pending"}
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def run(key: str) -> None:
        with world["app"].app_context():
            barrier.wait()
            outcomes[key] = build_index(rows[key].id)
            if outcomes[key] == "busy":
                outcomes[key] = _build_until_done(rows[key].id)
            db.session.remove()

    threads = [threading.Thread(target=run, args=(key,)) for key in rows]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == {"qty": "ready", "weight": "ready"}
    with world["engine"].connect() as conn:
        partition = conn.scalar(text(partition_of(rows["qty"].tenant_id)))
        for row in _rows().values():
            assert row.status == "ready" and row.ready_at is not None and row.error is None
            index = _index(world["engine"], row.name)
            assert index.indisvalid and index.on_table == partition
            # ANALYZE followed: the planner has statistics on the indexed expression.
            assert _expression_stats(conn, row.name) == (partition, -1.0)  # every value distinct


def _expression_stats(conn: Any, index: str) -> tuple[str, float] | None:
    """The table and n_distinct of the statistics object made with ``index``: what the planner
    estimates a filter on the expression from (it takes none from a partial index)."""
    found = conn.execute(
        text("SELECT tablename, n_distinct FROM pg_stats_ext_exprs WHERE statistics_name = :n"),
        {"n": statistics_name(index)},
    ).first()
    return (found.tablename, found.n_distinct) if found is not None else None


def test_equality_on_an_indexed_column_is_estimated_from_its_statistics(world, raw_engine):
    """Without the statistics object "code = x" was estimated at 0.5% of the partition, and with
    enough records the plan walked the default order instead of asking the index."""
    _ask(world, "space")
    row = _rows()["space"]
    assert _build_until_done(row.id) == "ready"
    with raw_engine.connect() as conn:
        partition = conn.scalar(text(partition_of(row.tenant_id)))
        conn.exec_driver_sql(
            f"INSERT INTO {partition} (tenant_id, id, blueprint_id, blueprint_version_id, data, search_text, version, "
            "created_at, updated_at) SELECT tenant_id, gen_random_uuid(), blueprint_id, blueprint_version_id, "
            "jsonb_build_object('space', 'S' || g), '', 1, now(), now() FROM entities, generate_series(1, 5000) g "
            f"WHERE tenant_id = '{row.tenant_id}' LIMIT 5000"
        )
        conn.exec_driver_sql(f"ANALYZE {partition}")
        with_statistics = _estimate(conn, partition, row.blueprint_id)
        conn.exec_driver_sql(f"DROP STATISTICS {statistics_name(row.name)}")
        conn.exec_driver_sql(f"ANALYZE {partition}")
        without = _estimate(conn, partition, row.blueprint_id)
        conn.rollback()  # the records, and the statistics dropped, come back
    assert with_statistics <= 5 and without >= 25, (with_statistics, without)  # 0.5% of 5,004 records: 25


def test_the_sweep_gives_ready_indexes_their_missing_statistics(world, raw_engine):
    """Indexes built before builds made statistics get them from the sweep."""
    _ask(world, "qty")
    row = _rows()["qty"]
    assert _build_until_done(row.id) == "ready"
    with raw_engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(f"DROP STATISTICS {statistics_name(row.name)}")
        assert _expression_stats(conn, row.name) is None
    assert sweep()["analyzed"] == 1
    with raw_engine.connect() as conn:
        assert _expression_stats(conn, row.name) is not None
    assert sweep()["analyzed"] == 0


def _estimate(conn: Any, partition: str, blueprint_id: uuid.UUID) -> int:
    plan = conn.exec_driver_sql(
        f"EXPLAIN (FORMAT JSON) SELECT id FROM {partition} WHERE blueprint_id = '{blueprint_id}' "
        "AND (data ->> 'space') = 'nowhere'"
    ).scalar_one()
    return int(plan[0]["Plan"]["Plan Rows"])


def test_requests_asking_for_the_same_index_at_once_make_one_row_and_no_error(world):
    barrier = threading.Barrier(4)
    statuses: list[int] = []
    tree = json.dumps({"column": "space", "op": "eq", "value": "A1"})

    def ask() -> None:
        client = world["app"].test_client()
        barrier.wait()
        response = client.get(
            f"/api/tenants/{SLUG}/entities",
            query_string={"blueprint": "stock_item", "filter": tree},
            headers=world["headers"],
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200, 200, 200, 200]
    assert list(_rows()) == ["space"]


def test_a_failed_build_is_retried_later_and_then_ends_ready(world):
    world["app"].config["LOOM"] = dataclasses.replace(world["app"].config["LOOM"], index_build_timeout_ms=300)
    _ask(world, "qty")
    row = _rows()["qty"]
    engine = world["engine"]
    with engine.connect() as holder:
        partition = holder.scalar(text(partition_of(row.tenant_id)))
        # Another session holds the lock CREATE INDEX CONCURRENTLY needs: the build waits past its budget.
        holder.exec_driver_sql(f"LOCK TABLE {partition} IN SHARE UPDATE EXCLUSIVE MODE")
        assert build_index(row.id) == "retry"
        holder.rollback()
    failed = _rows()["qty"]
    assert failed.status == "pending" and failed.attempts == 1 and failed.error
    assert failed.next_attempt_at is not None and _index(engine, row.name) is None
    assert retry_wait(1).total_seconds() == 30 and retry_wait(9).total_seconds() == 3600

    # Not due yet: the sweep leaves it; once due, the sweep queues it and the build succeeds.
    assert sweep(now=failed.next_attempt_at - retry_wait(1) / 2)["queued"] == 0
    assert sweep(now=failed.next_attempt_at)["queued"] == 1
    assert build_index(row.id) == "ready"
    assert _rows()["qty"].status == "ready" and _index(engine, row.name).indisvalid


def test_a_build_failing_every_time_is_given_up_after_the_last_attempt(world):
    loom = world["app"].config["LOOM"]
    world["app"].config["LOOM"] = dataclasses.replace(loom, index_build_timeout_ms=300, index_build_max_attempts=2)
    _ask(world, "qty")
    row = _rows()["qty"]
    with world["engine"].connect() as holder:
        holder.exec_driver_sql(f"LOCK TABLE {holder.scalar(text(partition_of(row.tenant_id)))} IN EXCLUSIVE MODE")
        assert build_index(row.id) == "retry"
        assert build_index(row.id) == "failed"
        holder.rollback()
    given_up = _rows()["qty"]
    assert given_up.status == "failed" and given_up.attempts == 2 and given_up.next_attempt_at is None
    assert build_index(row.id) == "skipped"


def test_an_invalid_leftover_of_the_same_name_is_replaced_and_strays_are_swept(world):
    _ask(world, "qty")
    row = _rows()["qty"]
    engine = world["engine"]
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        partition = conn.scalar(text(partition_of(row.tenant_id)))
        # A build that failed half way leaves an INVALID index behind (here: division by zero on qty 0).
        for name in (row.name, "ix_ent_stray0000000000000"):
            with pytest.raises(Exception, match="division by zero"):
                conn.exec_driver_sql(f"CREATE INDEX CONCURRENTLY {name} ON {partition} ((1 / ((data ->> 'qty')::int)))")
            assert _index(engine, name).indisvalid is False
    assert build_index(row.id) == "ready"
    assert _index(engine, row.name).indisvalid
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:  # statistics left alone
        conn.exec_driver_sql(f"CREATE STATISTICS st_ent_strayst000000000000 ON ((data ->> 'x')) FROM {partition}")
    assert sweep()["dropped"] == 2
    with engine.connect() as conn:
        stray = "SELECT count(*) FROM pg_statistic_ext WHERE stxname = 'st_ent_strayst000000000000'"
        assert conn.scalar(text(stray)) == 0
    assert _index(engine, "ix_ent_stray0000000000000") is None and _index(engine, row.name) is not None


def test_small_blueprints_are_deferred_until_they_grow(world):
    world["app"].config["LOOM"] = dataclasses.replace(world["app"].config["LOOM"], index_min_rows=5)
    _ask(world, "weight")
    row = _rows()["weight"]
    assert build_index(row.id) == "deferred"
    deferred = _rows()["weight"]
    assert deferred.status == "deferred" and _index(world["engine"], row.name) is None
    create_entity(world["client"], world["headers"], SLUG, "stock_item", type="BOX", weight="9")
    assert sweep(now=deferred.next_attempt_at)["queued"] == 1
    assert build_index(row.id) == "ready"


def test_a_blueprint_keeps_within_its_index_budget_dropping_the_least_recently_used(world):
    world["app"].config["LOOM"] = dataclasses.replace(world["app"].config["LOOM"], index_max_per_blueprint=2)
    for column in ("qty", "weight", "space"):
        _ask(world, column)
        assert _build_until_done(_rows()[column].id) == "ready"
    rows = _rows()
    assert sorted(rows) == ["space", "weight"]
    assert all(_index(world["engine"], r.name).indisvalid for r in rows.values())
    with world["engine"].connect() as conn:  # the dropped index's statistics went with it
        assert [_expression_stats(conn, r.name) is not None for r in rows.values()] == [True, True]
        dropped = conn.scalar(text("SELECT count(*) FROM pg_statistic_ext WHERE stxname LIKE 'st\\_ent\\_%'"))
    assert dropped == 2


def test_a_prepared_statements_generic_plan_uses_the_blueprints_partial_index(world):
    """The list query writes the blueprint's id into its text, so even a generic plan (what a
    prepared statement ends up with, its tenant a parameter) proves the partial index's predicate."""
    from engine.schema import Schema
    from engine.schema.columns import Column, ColumnType
    from engine.schema.filters import parse_filter
    from runtime.entities import sql
    from runtime.entities.models import Entity

    _ask(world, "qty")
    row = _rows()["qty"]
    assert _build_until_done(row.id) == "ready"
    qty = Column(key="qty", label="Quantity", type=ColumnType.INTEGER, options=(), reference=None)
    tree = parse_filter(Schema((qty,)), {"column": "qty", "op": "gt", "value": 1})
    query = select(Entity.id).where(
        Entity.tenant_id == row.tenant_id, sql.of_blueprint(row.blueprint_id), sql.filter_sql(tree)
    )
    compiled = query.compile(db.session.get_bind(), compile_kwargs={"render_postcompile": True})
    assert str(row.blueprint_id) in str(compiled) and compiled.params  # the tenant stays a parameter
    with world["engine"].connect() as conn:
        conn.exec_driver_sql("SET plan_cache_mode = force_generic_plan")
        conn.exec_driver_sql("SET enable_seqscan = off")
        plan = "\n".join(conn.exec_driver_sql("EXPLAIN " + str(compiled), compiled.params).scalars())
    assert row.name in plan, plan
