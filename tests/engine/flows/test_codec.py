"""Process data survives JSON exactly, types included; what it cannot keep is refused clearly."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.flows import codec

texts = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=12)
decimals = st.builds(
    lambda sign, digits, exponent: Decimal((sign, tuple(digits), exponent)),
    st.sampled_from([0, 1]),
    st.lists(st.integers(0, 9), min_size=1, max_size=100),
    st.integers(-1000, 900),
).filter(lambda d: -1000 <= d.adjusted() <= 1000)
hashable_leaves = (
    st.none()
    | st.booleans()
    | st.integers(-codec.MAX_INTEGER, codec.MAX_INTEGER)
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts
    | decimals
    | st.dates()
    | st.datetimes()
    | st.datetimes(timezones=st.timezones())
    | st.timedeltas()
)
hashables = st.recursive(
    hashable_leaves, lambda inner: st.tuples(inner, inner) | st.frozensets(inner, max_size=3), max_leaves=6
)
values = st.recursive(
    hashables,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(texts | st.sampled_from(["$date", "$set", "$dict", "typename"]), inner, max_size=4)
        | st.sets(hashables, max_size=4)
    ),
    max_leaves=12,
)


def same(a, b) -> bool:
    """Equal, of the same type all the way down (decimals digit for digit, moments with their offset)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, Decimal):
        return a.as_tuple() == b.as_tuple()
    if isinstance(a, float):
        return repr(a) == repr(b)
    if isinstance(a, datetime):
        return a == b and a.utcoffset() == b.utcoffset() and (a.tzinfo is None) == (b.tzinfo is None)
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, set | frozenset):
        members = {y: y for y in b}
        return a == b and all(same(x, members[x]) for x in a)
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return bool(a == b)


@settings(max_examples=300)
@given(values)
def test_every_value_comes_back_exactly(value):
    assert same(codec.loads(codec.dumps(value)), value)


def test_decimals_keep_their_digits_and_moments_their_offset():
    moment = datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    back = codec.loads(codec.dumps({"price": Decimal("10.50"), "at": moment, "day": date(2026, 1, 2)}))
    assert str(back["price"]) == "10.50" and back["at"].utcoffset() == timedelta(hours=1)
    assert back["day"] == date(2026, 1, 2) and not isinstance(back["day"], datetime)


def test_durations_sets_tuples_and_characters_beyond_the_basic_plane_come_back_as_they_were():
    data = {
        "wait": timedelta(microseconds=5),
        "pairs": {(1, 2), ("a", Decimal("1.0"))},
        "frozen": frozenset({frozenset({1})}),
        "point": (1, [2]),
        "smile": "😀 \U00010348",
        "$key": {"$decimal": "not a tag"},
    }
    assert same(codec.loads(codec.dumps(data)), data)


def test_data_that_looks_like_a_tag_stays_data():
    assert codec.loads(codec.dumps({"$date": "not a date"})) == {"$date": "not a date"}


@pytest.mark.parametrize(
    "bad",
    [
        float("nan"),
        Decimal("Infinity"),
        object(),
        {1: "x"},
        "a\x00b",
        {"a\x00": 1},
        "\ud800",
        "\ud83d\ude00",  # a surrogate pair split into two characters: JSON would join them into one
        Decimal("1e999999999"),
        Decimal("1" * 101),
        10**100,
    ],
)
def test_values_a_flow_cannot_keep_are_refused(bad):
    with pytest.raises(ValueError):
        codec.dumps({"x": bad})


def test_a_value_that_contains_itself_is_refused_not_a_recursion_error():
    looped: list[object] = [1]
    looped.append(looped)
    with pytest.raises(ValueError, match="nested"):
        codec.dumps(looped)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('{"$decimal": "1e999999999"}', "1E-1000 and 1E\\+1000"),
        ('{"$decimal": "NaN"}', "number"),
        ('{"$decimal": 5}', "short text"),
        ('{"$set": [[1, 2]]}', "cannot change"),
        ('{"$set": [{"$set": [1]}]}', "cannot change"),
        ('{"$duration": [1e400, 0, 0]}', "finite"),
        ('{"$duration": [999999999999, 0, 0]}', "999999999 days"),
        ('"\\ud800"', "surrogate"),
        ('{"a\\u0000": 1}', "NUL"),
        ("1" * 5000, "at most 100 digits"),
        ("1e999", "finite"),
        ("NaN", "finite"),
        ("[" * 60 + "]" * 60, "nested"),
    ],
)
def test_decoding_refuses_what_encoding_never_makes_with_a_clear_message(text, says):
    with pytest.raises(ValueError, match=says):
        codec.loads(text)


def test_a_giant_exponent_is_refused_from_its_text_alone():
    # Building this number's integer value would take minutes; the codec never does.
    with pytest.raises(ValueError):
        codec.loads(json.dumps({"$decimal": "9" * 100 + "E+999999999"}))
    with pytest.raises(ValueError):
        codec.decode({"$decimal": "1E-999999999"})


def test_a_script_that_makes_a_set_of_tuples_gets_it_back():
    from engine.flows.sandbox import Sandbox

    box = Sandbox()
    try:
        result = box.execute("pairs = {(1, 2), (3, 4)}", {}, now=datetime(2026, 1, 1, tzinfo=UTC), zone="UTC")
    finally:
        box.close()
    assert result["pairs"] == {(1, 2), (3, 4)} and type(result["pairs"]) is set


def test_a_decimal_of_every_digit_allowed_comes_back_and_longer_text_is_refused():
    # Whatever encode lets through, decode reads back: 100 digits, written out or with an exponent.
    for value in (Decimal((1, (9,) * 100, -105)), Decimal((0, (1,) + (0,) * 99, 1)), Decimal((1, (9,) * 100, 900))):
        assert same(codec.loads(codec.dumps(value)), value)
    with pytest.raises(ValueError):
        codec.loads('{"$decimal": "' + "1" * 200 + '"}')
