"""Process data survives JSON exactly: decimals to the digit, dates, moments with their offset."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.flows import codec

leaves = (
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.text(max_size=20)
    | st.decimals(allow_nan=False, allow_infinity=False)
    | st.dates()
    | st.datetimes(timezones=st.just(UTC))
    | st.timedeltas()
)
values = st.recursive(
    leaves, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
)


@given(values)
def test_every_value_comes_back_exactly(value):
    back = codec.loads(codec.dumps(value))
    assert back == value
    assert type(back) is type(value)


def test_decimals_keep_their_digits_and_moments_their_offset():
    moment = datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    back = codec.loads(codec.dumps({"price": Decimal("10.50"), "at": moment, "day": date(2026, 1, 2)}))
    assert str(back["price"]) == "10.50" and back["at"].utcoffset() == timedelta(hours=1)
    assert back["day"] == date(2026, 1, 2) and not isinstance(back["day"], datetime)


def test_data_that_looks_like_a_tag_stays_data():
    assert codec.loads(codec.dumps({"$date": "not a date"})) == {"$date": "not a date"}


@pytest.mark.parametrize("bad", [float("nan"), Decimal("Infinity"), object(), {1: "x"}])
def test_values_a_flow_cannot_keep_are_refused(bad):
    with pytest.raises(ValueError):
        codec.dumps({"x": bad})
