"""JSON through orjson changes only the speed: the same values come back from JSON columns and API
answers as the standard library gave, where orjson alone would differ (long integers, lone
surrogates, dates, non-text keys)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from flask import Flask, jsonify
from sqlalchemy import cast, literal, select
from sqlalchemy.dialects.postgresql import JSONB

from core import json_codec

VALUES: list[Any] = [
    {"b": 1, "a": [1.5, -0.0, None, True, "ü€😀"]},
    {"big": 2**70, "negative": -(2**65), "edge": 2**63 - 1, "digits": "12345678901234567890123"},
    [123456789012345678901234567890, 0.1, 1e-7, 2.5],
    {"nested": {"deeper": [{"x": 'text with \\ and " and \n'}]}},
]


@pytest.mark.parametrize("value", VALUES)
def test_the_codec_reads_and_writes_what_json_does(value: Any) -> None:
    written = json_codec.dumps(value)
    assert json.loads(written) == value
    assert json_codec.loads(written) == value
    assert json_codec.loads(json.dumps(value)) == value
    assert type(json_codec.loads(json.dumps(value))) is type(value)


def test_long_integers_keep_every_digit() -> None:
    parsed = json_codec.loads(b'{"n": 123456789012345678901234567890}')
    assert parsed["n"] == 123456789012345678901234567890
    assert isinstance(parsed["n"], int)


def test_what_orjson_refuses_is_written_by_json() -> None:
    assert json.loads(json_codec.dumps({"s": "a\ud800b"})) == {"s": "a\ud800b"}
    assert json.loads(json_codec.dumps({1: "one", None: "none"})) == {"1": "one", "null": "none"}
    assert json_codec.loads('"a\\ud800b"') == "a\ud800b"


@pytest.mark.parametrize("value", VALUES)
def test_json_columns_give_back_what_was_written(app: Flask, db_session: Any, value: Any) -> None:
    # Written by the engine's serializer, read back by its deserializer, through PostgreSQL's jsonb.
    read = db_session.execute(select(cast(literal(value, JSONB), JSONB))).scalar_one()
    assert read == value


def test_answers_are_the_values_flask_wrote(app: Flask) -> None:
    when = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)
    value = {"z": 1, "a": uuid.UUID(int=7), "when": when, "amount": Decimal("12.50"), "big": 2**70, "name": "Zoë"}
    with app.app_context():
        body = jsonify(value).get_data()
    assert json.loads(body) == {
        "a": "00000000-0000-0000-0000-000000000007",
        "amount": "12.50",
        "big": 2**70,
        "name": "Zoë",
        "when": "Sun, 06 Dec 2026 09:30:00 GMT",  # as Flask writes dates
        "z": 1,
    }
    with app.app_context():
        small = jsonify({"b": 2, "a": 1}).get_data()
    assert small == b'{"a":1,"b":2}\n'  # keys sorted as Flask sorts them
