"""Version changes of records: rules per type pair, and forward-then-backward is the identity."""

from __future__ import annotations

from datetime import UTC

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from engine.schema import Schema
from engine.schema.values import coerce, format_datetime
from engine.version_change import change_version, default_plan, parse_plan
from engine.version_change.plan import Plan, Step
from engine.version_change.run import inverse

OPTIONS = ["A", "B", "C"]
# What a record can hold: no NUL (lone surrogates are never generated).
STORABLE = st.characters(exclude_characters="\x00")
TYPES = ["text", "long_text", "integer", "decimal", "boolean", "date", "datetime", "choice", "choices", "email"]


def column(key: str, kind: str, **extra) -> dict:
    definition = {"key": key, "label": key.title(), "type": kind, **extra}
    if kind in ("choice", "choices"):
        definition["options"] = OPTIONS
    return definition


def values_for(kind: str):
    return {
        "text": st.text(STORABLE, min_size=1, max_size=20).filter(lambda t: t.strip() != ""),
        "long_text": st.text(STORABLE, min_size=1, max_size=40),
        "integer": st.integers(-(10**6), 10**6),
        "decimal": st.decimals(places=2, min_value=-1000, max_value=1000, allow_nan=False).map(str),
        "boolean": st.booleans(),
        "date": st.dates().map(lambda d: d.isoformat()),
        "datetime": st.datetimes(timezones=st.just(UTC)).map(format_datetime),
        "choice": st.sampled_from(OPTIONS),
        "choices": st.lists(st.sampled_from(OPTIONS), min_size=1, unique=True),
        "email": st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.(com|org)", fullmatch=True),
    }[kind]


@st.composite
def scenarios(draw):
    n = draw(st.integers(1, 5))
    kinds = [draw(st.sampled_from(TYPES)) for _ in range(n)]
    source_cols = [column(f"c{i}", kind) for i, kind in enumerate(kinds)]
    source = Schema.parse(source_cols)
    data = {}
    for col, kind in zip(source_cols, kinds, strict=True):
        if draw(st.booleans()) or True:
            value = draw(values_for(kind))
            try:
                stored = coerce(source.column(col["key"]), value)
            except ValueError:
                stored = None
            if stored is not None:
                data[col["key"]] = stored
    target_cols, steps = [], []
    for i, kind in enumerate(kinds):
        action = draw(st.sampled_from(["keep", "rename", "convert", "drop"]))
        if action == "drop":
            steps.append({"kind": "drop", "source": f"c{i}"})
            continue
        new_key = f"c{i}" if action in ("keep", "convert") else f"r{i}"
        new_kind = draw(st.sampled_from(TYPES)) if action == "convert" else kind
        if action == "convert" and new_kind == kind:
            action = "keep"
        target_cols.append(column(new_key, new_kind))
        steps.append({"kind": action, "source": f"c{i}", "target": new_key})
    for j in range(draw(st.integers(0, 2))):
        kind = draw(st.sampled_from(TYPES))
        default = draw(values_for(kind)) if draw(st.booleans()) else None
        target_cols.append(column(f"n{j}", kind))
        steps.append({"kind": "add", "target": f"n{j}", "default": default})
    target = Schema.parse(target_cols)
    return source, target, data, parse_plan(steps, source, target)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_forward_then_backward_is_the_identity(scenario):
    source, target, data, plan = scenario
    forward = change_version(data, {}, source, "A", target, "B", plan)
    assume(forward.status != "fail")
    back = change_version(forward.data, forward.aside, target, "B", source, "A", inverse(plan))
    assert back.status != "fail", back.errors
    assert back.data == data
    assert "A" not in back.aside


def test_dates_lose_their_time_but_come_back_exactly():
    source = Schema.parse([column("when", "datetime")])
    target = Schema.parse([column("when", "date")])
    plan = default_plan(source, target)
    data = {"when": "2026-11-23T15:45:10.123456Z"}
    forward = change_version(data, {}, source, "v1", target, "v2", plan)
    assert forward.status == "lossy" and forward.data == {"when": "2026-11-23"}
    back = change_version(forward.data, forward.aside, target, "v2", source, "v1", inverse(plan))
    assert back.data == data


def test_edits_made_after_a_version_change_win_over_what_was_kept_aside():
    source = Schema.parse([column("when", "datetime")])
    target = Schema.parse([column("when", "date")])
    plan = default_plan(source, target)
    forward = change_version({"when": "2026-11-23T15:45:00.000000Z"}, {}, source, "v1", target, "v2", plan)
    edited = {"when": "2026-12-24"}
    back = change_version(edited, forward.aside, target, "v2", source, "v1", inverse(plan))
    assert back.data == {"when": "2026-12-24T00:00:00.000000Z"}


def test_failures_name_the_column_and_change_nothing():
    source = Schema.parse([column("qty", "text")])
    target = Schema.parse([column("qty", "integer")])
    plan = default_plan(source, target)
    outcome = change_version({"qty": "twelve"}, {}, source, "v1", target, "v2", plan)
    assert outcome.status == "fail" and "qty" in outcome.errors
    assert change_version({"qty": "12"}, {}, source, "v1", target, "v2", plan).data == {"qty": 12}


def test_choice_to_choices_and_back_is_clean():
    source = Schema.parse([column("kind", "choice")])
    target = Schema.parse([column("kind", "choices")])
    plan = default_plan(source, target)
    forward = change_version({"kind": "B"}, {}, source, "v1", target, "v2", plan)
    assert forward.status == "clean" and forward.data == {"kind": ["B"]}


def test_plans_must_account_for_every_column():
    source = Schema.parse([column("a", "text"), column("b", "text")])
    target = Schema.parse([column("a", "text"), column("c", "integer")])
    import pytest

    from engine.schema import SchemaError

    with pytest.raises(SchemaError) as caught:
        parse_plan([{"kind": "keep", "source": "a", "target": "a"}], source, target)
    messages = " ".join(caught.value.errors["plan"])
    assert "'c'" in messages and "'b'" in messages
    plan = parse_plan(
        [
            {"kind": "keep", "source": "a", "target": "a"},
            {"kind": "drop", "source": "b"},
            {"kind": "add", "target": "c", "default": "5"},
        ],
        source,
        target,
    )
    assert plan == Plan((Step("keep", "a", "a"), Step("drop", "b"), Step("add", target="c", default=5)))


def test_the_day_of_a_moment_is_the_workspaces_day():
    from zoneinfo import ZoneInfo

    source = Schema.parse([column("when", "datetime")])
    target = Schema.parse([column("when", "date")])
    plan = default_plan(source, target)
    late = {"when": "2026-11-23T23:30:00.000000Z"}  # already the 24th in Berlin
    assert change_version(late, {}, source, "v1", target, "v2", plan).data == {"when": "2026-11-23"}
    berlin = ZoneInfo("Europe/Berlin")
    forward = change_version(late, {}, source, "v1", target, "v2", plan, berlin)
    assert forward.data == {"when": "2026-11-24"}
    back = change_version(forward.data, forward.aside, target, "v2", source, "v1", inverse(plan), berlin)
    assert back.data == late
    fresh = change_version({"when": "2026-11-24"}, {}, target, "v2", source, "v1", inverse(plan), berlin)
    assert fresh.data == {"when": "2026-11-23T23:00:00.000000Z"}  # midnight in Berlin
