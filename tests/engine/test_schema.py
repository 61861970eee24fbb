"""Column types, coercion and validation: pure code, no database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.schema import ColumnType, FieldErrors, Schema, SchemaError
from engine.schema.values import coerce

STOCK = [
    {"key": "type", "label": "Type", "type": "choice", "required": True, "options": ["BOX", "PALLET"]},
    {"key": "space", "label": "Space", "type": "text", "rules": {"max_length": 10}},
    {"key": "weight", "label": "Weight", "type": "decimal", "rules": {"min": 0}},
    {"key": "qty", "label": "Quantity", "type": "integer", "default": 1, "rules": {"min": 0, "max": 1000}},
    {"key": "timestamp", "label": "Timestamp", "type": "datetime"},
    {"key": "tags", "label": "Tags", "type": "choices", "options": ["cold", "fragile", "heavy"]},
    {"key": "contact", "label": "Contact", "type": "email"},
    {"key": "site", "label": "Site", "type": "url"},
    {"key": "phone", "label": "Phone", "type": "phone"},
    {"key": "due", "label": "Due", "type": "date"},
    {"key": "done", "label": "Done", "type": "boolean"},
    {"key": "notes", "label": "Notes", "type": "long_text"},
    {"key": "owner", "label": "Owner", "type": "user"},
    {"key": "parent", "label": "Parent", "type": "reference", "reference": "stock_item"},
]


@pytest.fixture()
def stock() -> Schema:
    return Schema.parse(STOCK)


def test_round_trip_of_the_definition(stock):
    assert Schema.parse(stock.to_list()) == stock
    assert stock.column("qty").default == 1
    assert stock.column("type").option_values() == ("BOX", "PALLET")


def test_create_applies_defaults_and_coerces(stock):
    clean = stock.validate(
        {
            "type": "BOX",
            "weight": "12.50",
            "timestamp": "2026-11-23T15:30:00+01:00",
            "tags": ["heavy", "cold", "heavy"],
            "done": "yes",
            "due": "2026-12-01",
            "owner": "7",
        }
    )
    assert clean == {
        "type": "BOX",
        "weight": "12.50",
        "qty": 1,
        "timestamp": "2026-11-23T14:30:00.000000Z",
        "tags": ["cold", "heavy"],
        "done": True,
        "due": "2026-12-01",
        "owner": 7,
    }


def test_update_merges_over_existing_and_can_clear(stock):
    existing = stock.validate({"type": "BOX", "space": "A1"})
    updated = stock.validate({"space": None, "qty": 5}, existing=existing)
    assert updated == {"type": "BOX", "qty": 5}


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"type": "CRATE"}, "type"),
        ({}, "type"),
        ({"type": "BOX", "qty": "many"}, "qty"),
        ({"type": "BOX", "qty": 1001}, "qty"),
        ({"type": "BOX", "qty": 2.5}, "qty"),
        ({"type": "BOX", "weight": "-1"}, "weight"),
        ({"type": "BOX", "weight": "NaN"}, "weight"),
        ({"type": "BOX", "space": "x" * 11}, "space"),
        ({"type": "BOX", "timestamp": "2026-11-23T10:00:00"}, "timestamp"),
        ({"type": "BOX", "due": "23/11/2026"}, "due"),
        ({"type": "BOX", "contact": "not-an-email"}, "contact"),
        ({"type": "BOX", "site": "javascript:alert(1)"}, "site"),
        ({"type": "BOX", "phone": "call me"}, "phone"),
        ({"type": "BOX", "tags": ["cold", "wet"]}, "tags"),
        ({"type": "BOX", "done": "perhaps"}, "done"),
        ({"type": "BOX", "parent": "nope"}, "parent"),
        ({"type": "BOX", "colour": "red"}, "colour"),
        ({"type": "BOX", "qty": True}, "qty"),
    ],
)
def test_bad_values_get_a_message_on_their_field(stock, data, field):
    with pytest.raises(FieldErrors) as caught:
        stock.validate(data)
    assert field in caught.value.errors
    assert caught.value.errors[field][0]


@pytest.mark.parametrize(
    ("columns", "path"),
    [
        ([{"key": "Bad Key", "label": "x", "type": "text"}], "columns.0.key"),
        ([{"key": "id", "label": "x", "type": "text"}], "columns.0.key"),
        ([{"key": "a", "label": "", "type": "text"}], "columns.0.label"),
        ([{"key": "a", "label": "A", "type": "money"}], "columns.0.type"),
        ([{"key": "a", "label": "A", "type": "choice"}], "columns.0.options"),
        ([{"key": "a", "label": "A", "type": "text", "options": ["x"]}], "columns.0.options"),
        ([{"key": "a", "label": "A", "type": "integer", "rules": {"min": 5, "max": 1}}], "columns.0.rules.max"),
        ([{"key": "a", "label": "A", "type": "integer", "rules": {"pattern": "x"}}], "columns.0.rules.pattern"),
        ([{"key": "a", "label": "A", "type": "text", "rules": {"pattern": "("}}], "columns.0.rules.pattern"),
        ([{"key": "a", "label": "A", "type": "integer", "default": "x"}], "columns.0.default"),
        ([{"key": "a", "label": "A", "type": "reference"}], "columns.0.reference"),
        ([{"key": "a", "label": "A", "type": "text"}, {"key": "a", "label": "B", "type": "text"}], "columns.1.key"),
        ([{"key": "a", "label": "A", "type": "text", "colour": "red"}], "columns.0.colour"),
    ],
)
def test_bad_definitions_point_at_the_field(columns, path):
    with pytest.raises(SchemaError) as caught:
        Schema.parse(columns)
    assert path in caught.value.errors, caught.value.errors


@given(st.datetimes(timezones=st.just(UTC)), st.datetimes(timezones=st.just(UTC)))
def test_stored_datetimes_sort_as_text_in_time_order(a, b):
    column = Schema.parse([{"key": "t", "label": "T", "type": "datetime"}]).column("t")
    sa, sb = coerce(column, a), coerce(column, b)
    assert (sa < sb) == (a < b)
    assert datetime.fromisoformat(sa.replace("Z", "+00:00")) == a


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-(10**20), max_value=10**20))
def test_decimals_keep_every_digit(value):
    column = Schema.parse([{"key": "d", "label": "D", "type": "decimal"}]).column("d")
    from decimal import Decimal

    assert Decimal(coerce(column, value)) == value
    assert Decimal(coerce(column, str(value))) == value


def test_every_type_has_a_coercion():
    for kind in ColumnType:
        extra = {"options": ["a"]} if kind in (ColumnType.CHOICE, ColumnType.CHOICES) else {}
        if kind == ColumnType.REFERENCE:
            extra = {"reference": "other"}
        Schema.parse([{"key": "c", "label": "C", "type": kind.value, **extra}])


def test_a_catastrophic_pattern_cannot_stall():
    schema = Schema.parse([{"key": "t", "label": "T", "type": "text", "rules": {"pattern": "(a+)+$"}}])
    with pytest.raises(FieldErrors) as caught:
        schema.validate({"t": "a" * 40 + "!"})
    assert "t" in caught.value.errors
