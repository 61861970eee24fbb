"""Entities through the API: validation, optimistic locking, filters, sorts, keyset paging, isolation."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from core import db
from runtime.entities.models import Entity
from tests.factories import create_blueprint, create_entity, create_tenant, signed_in_user

ENTITIES = "/api/tenants/{slug}/entities"


@pytest.fixture()
def stock(client):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, "x-stock")
    create_blueprint(client, headers, "x-stock")
    return headers


def _count():
    return db.session.scalar(select(func.count()).select_from(Entity).execution_options(all_tenants=True))


def _list(client, headers, **params):
    query = {"blueprint": "stock_item"}
    for key, value in params.items():
        query[key] = json.dumps(value) if key in ("filter", "sort") else value
    response = client.get(ENTITIES.format(slug="x-stock"), query_string=query, headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_create_read_update_delete(client, stock):
    created = create_entity(
        client, stock, "x-stock", "stock_item", type="BOX", weight="12.50", timestamp="2026-11-23T10:00:00+01:00"
    )
    assert created["data"] == {"type": "BOX", "weight": "12.50", "qty": 1, "timestamp": "2026-11-23T09:00:00.000000Z"}
    assert created["blueprint_version"]["number"] == 1 and created["version"] == 1
    url = ENTITIES.format(slug="x-stock") + f"/{created['id']}"
    assert client.get(url, headers=stock).get_json()["data"]["weight"] == "12.50"

    updated = client.patch(url, json={"version": 1, "data": {"qty": 7, "space": "A-1"}}, headers=stock)
    assert updated.status_code == 200
    assert updated.get_json()["data"]["qty"] == 7 and updated.get_json()["version"] == 2

    stale = client.patch(url, json={"version": 1, "data": {"qty": 8}}, headers=stock)
    assert stale.status_code == 409
    assert client.get(url, headers=stock).get_json()["data"]["qty"] == 7

    assert client.delete(url, query_string={"version": 1}, headers=stock).status_code == 409
    assert client.delete(url, query_string={"version": 2}, headers=stock).status_code == 204
    assert client.get(url, headers=stock).status_code == 404


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"type": "BOX", "qty": "lots"}, "data.qty"),
        ({"qty": 3}, "data.type"),
        ({"type": "BOX", "colour": "red"}, "data.colour"),
        ({"type": "BOX", "weight": "-3"}, "data.weight"),
        ({"type": "SACK"}, "data.type"),
        ({"type": "BOX", "timestamp": "yesterday"}, "data.timestamp"),
    ],
)
def test_bad_values_get_field_errors_and_write_nothing(client, stock, data, field):
    before = _count()
    response = client.post(
        ENTITIES.format(slug="x-stock"), json={"blueprint": "stock_item", "data": data}, headers=stock
    )
    assert response.status_code == 422
    assert field in response.get_json()["errors"], response.get_json()
    assert _count() == before


def test_bad_update_changes_nothing(client, stock):
    created = create_entity(client, stock, "x-stock", "stock_item", type="BOX", qty=2)
    url = ENTITIES.format(slug="x-stock") + f"/{created['id']}"
    response = client.patch(url, json={"version": 1, "data": {"qty": "x", "space": "B"}}, headers=stock)
    assert response.status_code == 422 and "data.qty" in response.get_json()["errors"]
    after = client.get(url, headers=stock).get_json()
    assert after["data"] == created["data"] and after["version"] == 1


def test_filters_per_type_with_and_or_groups(client, stock):
    rows = [
        ("BOX", "A-1", "1.5", 10, "2026-01-05T08:00:00Z"),
        ("BOX", "B-2", "20", 3, "2026-02-10T08:00:00Z"),
        ("PALLET", "A-7", "300.25", 1, None),
        ("CRATE", None, None, 50, "2026-03-01T00:00:00Z"),
    ]
    for kind, space, weight, qty, stamp in rows:
        data = {"type": kind, "qty": qty, "space": space, "weight": weight, "timestamp": stamp}
        create_entity(client, stock, "x-stock", "stock_item", **{k: v for k, v in data.items() if v is not None})

    def spaces(tree):
        return sorted(str(e["data"].get("space")) for e in _list(client, stock, filter=tree)["items"])

    assert spaces({"column": "type", "op": "eq", "value": "BOX"}) == ["A-1", "B-2"]
    assert spaces({"column": "weight", "op": "gt", "value": "10"}) == ["A-7", "B-2"]  # numeric, not text order
    assert spaces({"column": "weight", "op": "between", "value": ["1", "20"]}) == ["A-1", "B-2"]
    assert spaces({"column": "qty", "op": "lte", "value": 3}) == ["A-7", "B-2"]
    assert spaces({"column": "space", "op": "starts_with", "value": "a-"}) == ["A-1", "A-7"]
    assert spaces({"column": "space", "op": "contains", "value": "-"}) == ["A-1", "A-7", "B-2"]
    assert spaces({"column": "space", "op": "empty"}) == ["None"]
    assert spaces({"column": "timestamp", "op": "before", "value": "2026-02-01T00:00:00Z"}) == ["A-1"]
    assert spaces({"column": "type", "op": "in", "value": ["PALLET", "CRATE"]}) == ["A-7", "None"]
    assert spaces({"column": "type", "op": "ne", "value": "BOX"}) == ["A-7", "None"]
    tree = {
        "or": [
            {"and": [{"column": "type", "op": "eq", "value": "BOX"}, {"column": "qty", "op": "gt", "value": 5}]},
            {"column": "weight", "op": "gte", "value": "300"},
        ]
    }
    assert spaces(tree) == ["A-1", "A-7"]


@pytest.mark.parametrize(
    ("tree", "path"),
    [
        ({"column": "qty", "op": "contains", "value": "1"}, "filter.0.op"),
        ({"column": "nope", "op": "eq", "value": "1"}, "filter.0.column"),
        ({"column": "qty", "op": "gt", "value": "many"}, "filter.0.value"),
        ({"column": "type", "op": "eq", "value": "SACK"}, "filter.0.value"),
        ({"column": "weight", "op": "between", "value": ["1"]}, "filter.0.value"),
        ({"xor": []}, "filter.0"),
    ],
)
def test_invalid_filters_are_422_on_the_filter(client, stock, tree, path):
    response = client.get(
        ENTITIES.format(slug="x-stock"),
        query_string={"blueprint": "stock_item", "filter": json.dumps(tree)},
        headers=stock,
    )
    assert response.status_code == 422
    assert path in response.get_json()["errors"], response.get_json()


def test_malformed_filter_json_and_bad_sort(client, stock):
    url = ENTITIES.format(slug="x-stock")
    response = client.get(url, query_string={"blueprint": "stock_item", "filter": "{oops"}, headers=stock)
    assert response.status_code == 422 and "filter" in response.get_json()["errors"]
    response = client.get(
        url, query_string={"blueprint": "stock_item", "sort": json.dumps([{"column": "nope"}])}, headers=stock
    )
    assert response.status_code == 422 and "sort.0.column" in response.get_json()["errors"]


def test_multi_column_sort_and_keyset_pages_cover_every_row_once(client, stock):
    import random

    rng = random.Random(7)
    for index in range(23):
        data = {"type": rng.choice(["BOX", "PALLET"]), "qty": rng.randint(1, 4)}
        if index % 5:
            data["weight"] = str(rng.randint(1, 3))
        create_entity(client, stock, "x-stock", "stock_item", **data)
    sort = [{"column": "weight", "direction": "desc"}, {"column": "qty", "direction": "asc"}]
    seen, cursor, pages, counts = [], None, 0, []
    while True:
        params = {"sort": sort, "limit": 4} | ({"cursor": cursor} if cursor else {})
        body = _list(client, stock, **params)
        seen += body["items"]
        pages += 1
        counts.append(body.get("count"))
        assert body["complete"] is True and body["reason"] is None
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == 23 and len({e["id"] for e in seen}) == 23 and pages == 6
    keys = [(e["data"].get("weight"), e["data"]["qty"]) for e in seen]
    with_weight = [k for k in keys if k[0] is not None]
    assert keys[: len(with_weight)] == with_weight  # empty weights last
    assert with_weight == sorted(with_weight, key=lambda k: (-float(k[0]), k[1]))
    assert counts == [{"value": 23, "exact": True}] + [None] * 5  # counted once, on the first page


def test_search_matches_word_prefixes(client, stock):
    create_entity(client, stock, "x-stock", "stock_item", type="PALLET", space="North shelf")
    create_entity(client, stock, "x-stock", "stock_item", type="BOX", space="South dock")
    found = _list(client, stock, q="nor")["items"]
    assert [e["data"]["space"] for e in found] == ["North shelf"]
    assert len(_list(client, stock, q="pal")["items"]) == 1


def test_references_must_stay_inside_the_tenant(client):
    _, alice = signed_in_user(client, "alice")
    create_tenant(client, alice, "alice-co")
    create_blueprint(client, alice, "alice-co", name="Site", columns=[{"key": "name", "label": "Name", "type": "text"}])
    create_blueprint(
        client,
        alice,
        "alice-co",
        name="Parcel",
        columns=[{"key": "site", "label": "Site", "type": "reference", "reference": "site"}],
    )
    own_site = create_entity(client, alice, "alice-co", "site", name="Depot")
    assert create_entity(client, alice, "alice-co", "parcel", site=own_site["id"])["data"]["site"] == own_site["id"]

    _, bob = signed_in_user(client, "bob")
    create_tenant(client, bob, "bob-co")
    create_blueprint(client, bob, "bob-co", name="Site", columns=[{"key": "name", "label": "Name", "type": "text"}])
    foreign = create_entity(client, bob, "bob-co", "site", name="Elsewhere")
    before = _count()
    response = client.post(
        "/api/tenants/alice-co/entities", json={"blueprint": "parcel", "data": {"site": foreign["id"]}}, headers=alice
    )
    assert response.status_code == 422 and "data.site" in response.get_json()["errors"]
    assert _count() == before


def test_another_tenants_entities_are_invisible(client, stock):
    created = create_entity(client, stock, "x-stock", "stock_item", type="BOX")
    _, mallory = signed_in_user(client, "mallory")
    create_tenant(client, mallory, "mallory-co")
    create_blueprint(client, mallory, "mallory-co")
    url = ENTITIES.format(slug="x-stock")
    item = f"{url}/{created['id']}"
    for method, target, kwargs in [
        ("get", url, {"query_string": {"blueprint": "stock_item"}}),
        ("post", url, {"json": {"blueprint": "stock_item", "data": {"type": "BOX"}}}),
        ("get", item, {}),
        ("patch", item, {"json": {"version": 1, "data": {"qty": 9}}}),
        ("delete", item, {}),
    ]:
        response = getattr(client, method)(target, headers=mallory, **kwargs)
        assert response.status_code == 404, (method, target)
    # Through Mallory's own tenant, Alice's record does not exist either.
    own = f"/api/tenants/mallory-co/entities/{created['id']}"
    assert client.get(own, headers=mallory).status_code == 404
    assert client.patch(own, json={"version": 1, "data": {"qty": 9}}, headers=mallory).status_code == 404
    assert client.get(item, headers=stock).get_json()["data"]["qty"] == 1


def test_filtering_and_sorting_build_expression_indexes_the_queries_use(client, stock):
    import uuid as _uuid

    from sqlalchemy import text

    from designer.blueprints.models import Blueprint
    from engine.schema import Schema
    from engine.schema.filters import parse_filter, parse_sort
    from runtime.entities import sql
    from runtime.entities.indexes import index_ddl, partition_of
    from runtime.entities.models import EntityIndex

    create_entity(client, stock, "x-stock", "stock_item", type="BOX", qty=5, weight="2.5")
    _list(
        client, stock, filter={"column": "qty", "op": "gt", "value": 1}, sort=[{"column": "weight", "direction": "asc"}]
    )
    rows = db.session.scalars(select(EntityIndex).execution_options(all_tenants=True)).all()
    assert sorted(r.column_key for r in rows) == ["qty", "weight"]
    _list(client, stock, filter={"column": "qty", "op": "gt", "value": 1})  # asked once only
    assert len(db.session.scalars(select(EntityIndex).execution_options(all_tenants=True)).all()) == 2

    # Build them here without CONCURRENTLY (which cannot run inside the test's transaction) and
    # check that the list query's plan uses them: the expressions must match exactly.
    from core.db import set_tenant_scope

    blueprint = db.session.scalars(select(Blueprint).execution_options(all_tenants=True)).one()
    set_tenant_scope(db.session(), blueprint.tenant_id)
    schema = Schema.parse(blueprint.current_version.columns)
    relation = db.session.scalar(text(partition_of(blueprint.tenant_id)))
    for row in rows:
        ddl = index_ddl(row.name, relation, blueprint.id, schema.column(row.column_key))
        assert "CONCURRENTLY" in ddl
        db.session.execute(text(ddl.replace("CONCURRENTLY ", "")))
    # Whatever the table's statistics, only an index the query's expressions match can avoid these.
    db.session.execute(text("SET LOCAL enable_seqscan = off"))
    db.session.execute(text("SET LOCAL enable_sort = off"))
    by_qty = {r.column_key: r.name for r in rows}
    tree = parse_filter(schema, {"column": "qty", "op": "gt", "value": 1})
    keys = sql.sort_keys(parse_sort(schema, [{"column": "weight", "direction": "asc"}]))
    query = (
        select(Entity.id)
        .where(Entity.tenant_id == blueprint.tenant_id, Entity.blueprint_id == blueprint.id, sql.filter_sql(tree))
        .order_by(*sql.order_by(keys))
        .limit(50)
    )
    compiled = query.compile(db.session.get_bind())
    plan = "\n".join(
        db.session.connection().exec_driver_sql("EXPLAIN " + str(compiled), compiled.params).scalars().all()
    )
    assert by_qty["weight"] in plan or by_qty["qty"] in plan, plan
    assert _uuid.UUID(str(blueprint.id))


@pytest.mark.parametrize("direction", ["asc", "desc"])
def test_single_column_keyset_pages_in_both_directions_with_empty_values_last(client, stock, direction):
    for qty in [5, None, 3, 5, None, 9, 1, 5]:
        data = {"type": "BOX"} | ({"weight": str(qty)} if qty is not None else {})
        create_entity(client, stock, "x-stock", "stock_item", **data)
    seen, cursor = [], None
    while True:
        params = {"sort": [{"column": "weight", "direction": direction}], "limit": 3} | (
            {"cursor": cursor} if cursor else {}
        )
        body = _list(client, stock, **params)
        seen += body["items"]
        cursor = body["next_cursor"]
        if not cursor:
            break
    weights = [e["data"].get("weight") for e in seen]
    numbers = sorted([5, 3, 5, 9, 1, 5], reverse=direction == "desc")
    assert weights == [str(n) for n in numbers] + [None, None]
    assert len({e["id"] for e in seen}) == 8
