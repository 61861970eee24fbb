"""One value boundary for every record write: bad values get a 422 naming the field, nothing is written."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update

from core import db
from engine.schema.columns import Column, ColumnType
from engine.schema.values import coerce
from runtime.entities.models import Entity
from tests.factories import STOCK_COLUMNS, create_blueprint, create_entity, create_tenant, signed_in_user

SLUG = "x-bounds"
ENTITIES = f"/api/tenants/{SLUG}/entities"
COLUMNS = [*STOCK_COLUMNS, {"key": "due", "label": "Due", "type": "date"}]


@pytest.fixture()
def owner(client):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, SLUG)
    create_blueprint(client, headers, SLUG, columns=COLUMNS)
    return headers


def _count():
    return db.session.scalar(select(func.count()).select_from(Entity).execution_options(all_tenants=True))


def _post_raw(client, headers, body: str):
    return client.post(ENTITIES, data=body, content_type="application/json", headers=headers)


def _refused(response, field):
    assert response.status_code == 422, (response.status_code, response.get_data(as_text=True)[:300])
    body = response.get_json()
    assert field in body["errors"], body
    return body["errors"][field][0]


@pytest.mark.parametrize(
    ("field", "raw"),
    [
        ("space", '"a\\u0000b"'),
        ("space", '"\\ud800"'),
        ("space", '"\\udc00 alone"'),
        ("type", '"BOX\\u0000"'),
        ("qty", "1e999999999"),
        ("qty", str(2**53)),
        ("qty", str(-(2**53))),
        ("qty", '"' + "9" * 5000 + '"'),
        ("weight", '"1e999999999"'),
        ("weight", '"1e-999999999"'),
        ("weight", "1e999999999"),
        ("timestamp", '"0001-01-01T00:00:00+23:59"'),
        ("timestamp", '"9999-12-31T23:59:59-05:00"'),
    ],
)
def test_a_value_outside_the_boundary_is_a_422_naming_the_field_and_nothing_is_written(client, owner, field, raw):
    before = _count()
    data = '{"type": "BOX", ' if field != "type" else "{"
    response = _post_raw(client, owner, f'{{"blueprint": "stock_item", "data": {data}"{field}": {raw}}}}}')
    message = _refused(response, f"data.{field}")
    assert "Error" not in message  # a sentence for people, never a Python exception's name
    assert _count() == before


def test_a_5000_digit_whole_number_in_the_body_is_refused_not_a_server_error(client, owner):
    before = _count()
    response = _post_raw(
        client, owner, '{"blueprint": "stock_item", "data": {"type": "BOX", "qty": ' + "9" * 5000 + "}}"
    )
    assert 400 <= response.status_code < 500, response.get_data(as_text=True)[:300]
    assert _count() == before


def test_the_edges_inside_the_boundary_are_kept(client, owner):
    created = create_entity(
        client,
        owner,
        SLUG,
        "stock_item",
        type="BOX",
        qty=2**53 - 1,
        weight="1E+1000",
        timestamp="0001-01-01T23:59:00+23:59",
        due="9999-12-31",
        space="😀",
    )
    assert created["data"]["qty"] == 2**53 - 1 and created["data"]["space"] == "😀"
    assert created["data"]["timestamp"] == "0001-01-01T00:00:00.000000Z"
    assert created["data"]["due"] == "9999-12-31"


def test_the_last_moment_of_the_calendar_given_for_a_date_is_that_date(client, owner):
    created = create_entity(client, owner, SLUG, "stock_item", type="BOX", due="9999-12-31T23:59:59+00:00")
    assert created["data"]["due"] == "9999-12-31"


def test_a_refused_decimal_leaves_sorted_and_filtered_lists_answering(client, owner):
    create_entity(client, owner, SLUG, "stock_item", type="BOX", weight="2.5")
    _refused(
        client.post(
            ENTITIES, json={"blueprint": "stock_item", "data": {"type": "BOX", "weight": "1e999999999"}}, headers=owner
        ),
        "data.weight",
    )
    for query in (
        {"sort": json.dumps([{"column": "weight", "direction": "desc"}])},
        {"filter": json.dumps({"column": "weight", "op": "gt", "value": "1"})},
    ):
        listed = client.get(ENTITIES, query_string={"blueprint": "stock_item", **query}, headers=owner)
        assert listed.status_code == 200, listed.get_json()
        assert [r["data"]["weight"] for r in listed.get_json()["items"]] == ["2.5"]


def test_a_record_holding_a_value_from_before_stays_readable_and_editable(client, owner):
    created = create_entity(client, owner, SLUG, "stock_item", type="BOX")
    db.session.execute(
        update(Entity)
        .where(Entity.id == created["id"])
        .values(data={"type": "BOX", "qty": 2**60})
        .execution_options(all_tenants=True)
    )
    db.session.commit()
    url = f"{ENTITIES}/{created['id']}"
    assert client.get(url, headers=owner).get_json()["data"]["qty"] == 2**60
    record = client.get(url, headers=owner).get_json()
    edited = client.patch(
        url, json={"version": record["version"], "data": {**record["data"], "space": "A-1"}}, headers=owner
    )
    assert edited.status_code == 200, edited.get_json()
    assert edited.get_json()["data"] == {"type": "BOX", "qty": 2**60, "space": "A-1"}
    changed = client.patch(
        url, json={"version": edited.get_json()["version"], "data": {"qty": 2**60 + 1}}, headers=owner
    )
    _refused(changed, "data.qty")


INTEGER = Column(key="n", label="N", type=ColumnType.INTEGER)
DECIMAL = Column(key="d", label="D", type=ColumnType.DECIMAL)


@pytest.mark.parametrize(
    "value",
    [
        Decimal("1e999999999"),  # int() of this would compute 10^999999999 for minutes
        Decimal("-1e999999999"),
        Decimal("1e-999999999"),
        "1" * 5000,  # int() of this text raises ValueError past Python's 4300-digit limit
        float("inf"),
        2**53,
        True,
    ],
)
def test_whole_numbers_are_judged_before_any_conversion(value):
    with pytest.raises(ValueError):
        coerce(INTEGER, value)


def test_whole_numbers_in_other_forms_are_taken():
    assert coerce(INTEGER, Decimal("12.000")) == 12 and coerce(INTEGER, Decimal("0E+999999999")) == 0
    assert coerce(INTEGER, "-9007199254740991") == -(2**53 - 1) and coerce(INTEGER, 3.0) == 3


@pytest.mark.parametrize("value", [Decimal("1e999999999"), Decimal("1e-1001"), "1" * 39, Decimal("NaN"), "1e999999999"])
def test_decimals_are_bounded_in_digits_and_exponent(value):
    with pytest.raises(ValueError):
        coerce(DECIMAL, value)


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-05:00"])
def test_a_filter_by_a_moment_outside_the_calendar_is_a_422(client, owner, value):
    listed = client.get(
        ENTITIES,
        query_string={
            "blueprint": "stock_item",
            "filter": json.dumps({"column": "timestamp", "op": "gt", "value": value}),
        },
        headers=owner,
    )
    _refused(listed, "filter.0.value")
