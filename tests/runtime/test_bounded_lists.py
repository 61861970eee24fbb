"""Record lists that never run away: a column without a ready index is read in steps within the
list budget and answered incomplete with a cursor that goes on; a rare search word is answered
from the full-text index; the count comes once, on the first page, and within the budget.

A few thousand records and a budget of 0 (one step of the scan per page) make the bound certain
at test size; nothing here depends on how fast the machine is.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from psycopg.sql import Literal
from sqlalchemy import event, select, text, update

from core import db
from core.db import set_tenant_scope
from designer.blueprints.models import Blueprint
from runtime.entities.indexes import partition_of
from runtime.entities.models import Entity, EntityIndex
from runtime.entities.usage import capped_count
from tests.factories import create_blueprint, create_tenant, signed_in_user

ENTITIES = "/api/tenants/x-bounded/entities"
RECORDS = 3000
CHUNK = 500


@pytest.fixture()
def stock(app, client):
    """3000 records: qty 1 (newest) to 3000 (oldest); the words "rare" on qty 2900 and 2950."""
    _, headers = signed_in_user(client)
    create_tenant(client, headers, "x-bounded")
    create_blueprint(client, headers, "x-bounded")
    blueprint = db.session.scalars(
        select(Blueprint).where(Blueprint.key == "stock_item").execution_options(all_tenants=True)
    ).one()
    set_tenant_scope(db.session(), blueprint.tenant_id)
    db.session.execute(
        text(
            "INSERT INTO entities (id, tenant_id, blueprint_id, blueprint_version_id, data, search_text, created_at)"
            " SELECT gen_random_uuid(), :tenant, :blueprint, :version,"
            " jsonb_build_object('type', 'BOX', 'qty', g),"
            " 'box ' || CASE WHEN g IN (2900, 2950) THEN 'rare' ELSE 'plain' END,"
            " now() - g * interval '1 second'"
            " FROM generate_series(1, :n) AS g"
        ),
        {
            "tenant": blueprint.tenant_id,
            "blueprint": blueprint.id,
            "version": blueprint.current_version.id,
            "n": RECORDS,
        },
    )
    settings = app.config["LOOM"]
    app.config["LOOM"] = dataclasses.replace(
        settings, list_budget_ms=0, list_scan_chunk=CHUNK, list_sort_max_rows=1000, list_search_cap=100
    )
    yield headers, blueprint
    app.config["LOOM"] = settings


def _page(client, headers, **params):
    encoded = {k: json.dumps(v) if k in ("filter", "sort") else v for k, v in params.items()}
    query = {"blueprint": "stock_item"} | encoded
    response = client.get(ENTITIES, query_string=query, headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _page_sending(app, client, headers, **params):
    """``_page``, and the statements (with their parameters) it sent."""
    sent: list[tuple[str, dict]] = []

    def note(_conn, _cursor, statement, parameters, *_args) -> None:
        sent.append((statement, parameters))

    engine = app.extensions["loom_engine"]
    event.listen(engine, "before_cursor_execute", note)
    try:
        return _page(client, headers, **params), sent
    finally:
        event.remove(engine, "before_cursor_execute", note)


def _all_pages(client, headers, **params):
    pages, cursor = [], None
    while True:
        body = _page(client, headers, **params, **({"cursor": cursor} if cursor else {}))
        pages.append(body)
        cursor = body["next_cursor"]
        if not cursor:
            return pages


def test_a_filter_without_a_ready_index_answers_in_steps_and_goes_on(client, stock):
    headers, _ = stock
    pages = _all_pages(client, headers, filter={"column": "qty", "op": "gte", "value": 2900})

    first = pages[0]
    assert first["complete"] is False and first["reason"] == "indexing"
    assert first["items"] == [] and first["next_cursor"]  # the first 500 records hold no match
    assert "count" in first and all("count" not in page for page in pages[1:])
    found = [e["data"]["qty"] for page in pages for e in page["items"]]
    assert found == list(range(2900, 3001))  # every match once, newest first
    assert pages[-1]["complete"] is True and pages[-1]["reason"] is None
    # One step of the scan per page (budget 0): five steps without a match, then full pages.
    assert [len(page["items"]) for page in pages] == [0] * 5 + [50, 50, 1]
    assert [page["complete"] for page in pages] == [False] * 5 + [True] * 3


def test_a_page_that_spent_the_budget_does_not_count_on_top(app, client, stock):
    """The budget is the whole list's: after a scan that ran out of it, the count is the planner's
    estimate, not a second wait as long as the first."""
    headers, _ = stock
    body, sent = _page_sending(app, client, headers, filter={"column": "qty", "op": "gte", "value": 2900})
    statements = [s for s, _ in sent]
    assert body["complete"] is False and body["count"]["exact"] is False
    assert not [s for s in statements if "count(*)" in s], statements


def test_a_full_page_within_the_first_step_is_complete(client, stock):
    headers, _ = stock
    body = _page(client, headers, filter={"column": "qty", "op": "lte", "value": 100}, limit=10)
    assert body["complete"] is True and body["reason"] is None
    assert [e["data"]["qty"] for e in body["items"]] == list(range(1, 11))
    assert body["next_cursor"]


def test_a_ready_index_lists_in_one_go(client, stock):
    headers, blueprint = stock
    _page(client, headers, filter={"column": "qty", "op": "eq", "value": 2999})  # asks for the index
    db.session.execute(
        update(EntityIndex)
        .where(EntityIndex.blueprint_id == blueprint.id, EntityIndex.column_key == "qty")
        .values(status="ready")
        .execution_options(all_tenants=True)
    )
    body = _page(client, headers, filter={"column": "qty", "op": "eq", "value": 2999})
    assert body["complete"] is True and [e["data"]["qty"] for e in body["items"]] == [2999]


def test_a_sort_without_a_ready_index_on_a_big_blueprint_shows_the_first_matches(client, stock):
    headers, _ = stock
    body = _page(client, headers, sort=[{"column": "qty", "direction": "desc"}], limit=5)
    assert body["complete"] is False and body["reason"] == "indexing"
    assert [e["data"]["qty"] for e in body["items"]] == [1, 2, 3, 4, 5]  # default order, not the sort
    assert body["next_cursor"] is None


def test_a_sort_without_a_ready_index_on_a_small_blueprint_is_sorted(app, client, stock):
    headers, _ = stock
    app.config["LOOM"] = dataclasses.replace(app.config["LOOM"], list_sort_max_rows=RECORDS, list_budget_ms=60_000)
    body = _page(client, headers, sort=[{"column": "qty", "direction": "desc"}], limit=5)
    assert body["complete"] is True
    assert [e["data"]["qty"] for e in body["items"]] == [3000, 2999, 2998, 2997, 2996]


def test_a_rare_search_word_is_answered_from_the_full_text_index(app, client, stock):
    headers, _ = stock
    app.config["LOOM"] = dataclasses.replace(app.config["LOOM"], list_budget_ms=60_000)
    body, sent = _page_sending(app, client, headers, q="rare", filter={"column": "qty", "op": "gte", "value": 2000})
    assert any("WITH search_hits AS MATERIALIZED" in s for s, _ in sent)
    assert body["complete"] is True
    assert [e["data"]["qty"] for e in body["items"]] == [2900, 2950]
    assert body["count"] == {"value": 2, "exact": True}


def test_searches_use_the_full_text_index_even_in_a_generic_plan(app, client, stock):
    """A prepared statement ends up with a generic plan (its values parameters): the search's
    expression must still be the index's, or the plan reads every record of the blueprint."""
    headers, blueprint = stock
    app.config["LOOM"] = dataclasses.replace(app.config["LOOM"], list_budget_ms=60_000)
    _, sent = _page_sending(app, client, headers, q="rare")
    searches = [(s, p) for s, p in sent if "to_tsquery" in s]
    assert len(searches) >= 2  # how many match, then the page from them
    connection = db.session.connection()
    connection.exec_driver_sql(f"ANALYZE {db.session.scalar(text(partition_of(blueprint.tenant_id)))}")
    connection.exec_driver_sql("SET LOCAL plan_cache_mode = force_generic_plan")
    # Only bitmap scans (GIN has no other kind): at test size the planner would rather walk the default
    # index, which says nothing about whether the full-text index could serve the search at all.
    for setting in ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan"):
        connection.exec_driver_sql(f"SET LOCAL {setting} = off")
    for number, (statement, parameters) in enumerate(searches):
        names = sorted(parameters)  # the statement's own placeholders, as a prepared statement's $n
        prepared = statement
        for position, name in enumerate(names, start=1):
            prepared = prepared.replace(f"%({name})s", f"${position}")
        connection.exec_driver_sql(f"PREPARE search_{number} AS {prepared}")
        raw = connection.connection.dbapi_connection
        values = ", ".join(Literal(parameters[name]).as_string(raw) for name in names)
        plan = "\n".join(connection.exec_driver_sql(f"EXPLAIN EXECUTE search_{number}({values})").scalars())
        assert "Bitmap Index Scan on entities_p" in plan and "to_tsvector_idx" in plan, plan


def test_a_common_search_word_pages_in_the_default_order(client, stock):
    headers, _ = stock
    body = _page(client, headers, q="box", limit=3)
    assert body["complete"] is True and [e["data"]["qty"] for e in body["items"]] == [1, 2, 3]
    assert body["count"]["exact"] is False  # over 1,000: the estimate


def test_a_count_over_its_budget_is_an_estimate(stock):
    _, blueprint = stock
    set_tenant_scope(db.session(), blueprint.tenant_id)
    slow = text("(SELECT true FROM pg_sleep(0.05))")  # each row takes longer than the whole budget
    value, exact = capped_count(db.session(), Entity.blueprint_id == blueprint.id, slow, budget_ms=1)
    assert exact is False and value >= 0
    assert capped_count(db.session(), Entity.blueprint_id == blueprint.id)[1] is False  # over 1,000


def test_the_first_page_of_all_records_carries_its_count(app, client, stock):
    """No filter: the count rides on the page's own query (no savepoint, no budget), and beyond
    1,000 records it is the planner's estimate; later pages have none."""
    headers, _ = stock
    body, sent = _page_sending(app, client, headers, limit=3)
    statements = [s for s, _ in sent]
    assert body["count"]["exact"] is False and body["count"]["value"] > 1000
    assert not any(s.startswith("SAVEPOINT") for s in statements)
    counted = [s for s in statements if "count(*)" in s]
    assert len(counted) == 1 and "ORDER BY" in counted[0]  # the page's own query
    assert "count" not in _page(client, headers, limit=3, cursor=body["next_cursor"])


def test_a_scan_starts_no_step_the_time_left_cannot_hold(stock):
    """A step starts only while the budget holds one more as long as the longest so far: with
    steps of at least 0.2 s and a budget of 0.3 s the scan stops after one step, where it used
    to start a second one at 0.2 s and answer at 0.4 s."""
    from runtime.entities import scan, sql

    _, blueprint = stock
    set_tenant_scope(db.session(), blueprint.tenant_id)
    slow = text("(SELECT true FROM pg_sleep(0.2))")  # once per statement: every step takes 0.2 s or more
    no_match = sql.of_blueprint(blueprint.id), Entity.data["qty"].as_integer() < 0, slow
    scanned = scan.scan_page(
        db.session(), blueprint.id, list(no_match), sql.sort_keys(()), None, 51, chunk=CHUNK, budget_ms=300
    )
    assert scanned.rows == [] and scanned.resume is not None
    first_edge = db.session.execute(
        select(Entity.created_at)
        .where(Entity.blueprint_id == blueprint.id)
        .order_by(Entity.created_at.desc(), Entity.id.desc())
        .offset(CHUNK - 1)
        .limit(1)
    ).scalar_one()
    assert scanned.resume[0] == first_edge  # it goes on after the first step's records, not the second's
