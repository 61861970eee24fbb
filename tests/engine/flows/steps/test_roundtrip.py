"""For every table the editor can make: JSON and BPMN read back to the same table, and the BPMN
is a flow Loom reads and publishes without a problem."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.flows.checks import publish_problems
from engine.flows.parser import check
from engine.flows.steps import explain, from_bpmn, parse, to_bpmn, to_json
from engine.schema import Schema
from engine.schema.columns import ColumnType

TYPES = ["text", "long_text", "integer", "decimal", "boolean", "date", "datetime", "choices", "email", "user"]
WORDS = st.one_of(
    st.text(alphabet=st.sampled_from(list("abcXYZ 09_-\"'\\é中]>")), min_size=1, max_size=12), st.just("a]]>b")
)
STATE = st.text(alphabet=st.sampled_from(list("ABCab _-\"'\\é]>")), min_size=1, max_size=10).filter(str.strip)


@st.composite
def blueprints(draw: st.DrawFn) -> Schema:
    options = draw(st.lists(STATE, min_size=2, max_size=5, unique_by=lambda s: s.strip()))
    columns: list[dict[str, Any]] = [{"key": "state", "label": "State", "type": "choice", "options": options}]
    for index, kind in enumerate(draw(st.lists(st.sampled_from(TYPES), min_size=3, max_size=8))):
        column: dict[str, Any] = {"key": f"f{index}", "label": f"Field {index}", "type": kind}
        if kind == "choices":
            column["options"] = ["red", "green", "blue"]
        columns.append(column)
    return Schema.parse(columns)


def _literal(draw: st.DrawFn, kind: ColumnType) -> Any:
    strategies: dict[ColumnType, Any] = {
        ColumnType.TEXT: WORDS,
        ColumnType.LONG_TEXT: WORDS,
        ColumnType.INTEGER: st.integers(-1000, 1000),
        ColumnType.DECIMAL: st.decimals(-1000, 1000, places=2).map(str),
        ColumnType.BOOLEAN: st.booleans(),
        ColumnType.DATE: st.dates().map(lambda d: d.isoformat()).filter(lambda d: "0100" < d < "9990"),
        ColumnType.DATETIME: st.sampled_from(["2026-11-23T08:00:00Z", "1999-01-01T23:59:59.5+01:00"]),
        ColumnType.CHOICES: st.lists(st.sampled_from(["red", "green", "blue"]), min_size=1, max_size=3),
        ColumnType.EMAIL: st.just("ada@example.com"),
        ColumnType.USER: st.integers(1, 10_000),
    }
    return draw(strategies[kind])


def _fields(schema: Schema, kinds: set[ColumnType]) -> list[str]:
    return [c.key for c in schema.columns if c.type in kinds and c.key != "state"]


def _value(draw: st.DrawFn, schema: Schema, key: str, timer: bool) -> dict[str, Any]:
    column = schema.column(key)
    assert column is not None
    kind = column.type
    choices: list[dict[str, Any]] = [{"kind": "literal", "value": _literal(draw, kind)}, {"kind": "clear"}]
    same = _fields(schema, {kind})
    if same:
        choices.append({"kind": "field", "field": draw(st.sampled_from(same))})
    if kind == ColumnType.DATETIME:
        choices.append({"kind": "now"})
    if kind == ColumnType.DATE:
        choices.append({"kind": "today"})
    if kind == ColumnType.USER and not timer:
        choices.append({"kind": "actor"})
    numbers = _fields(schema, {ColumnType.INTEGER, ColumnType.DECIMAL})
    if kind in (ColumnType.INTEGER, ColumnType.DECIMAL):
        left = {"kind": "field", "field": draw(st.sampled_from(numbers))}
        right = {"kind": "literal", "value": draw(st.integers(1, 50))}
        choices.append({"kind": "calc", "left": left, "op": draw(st.sampled_from("+-*/")), "right": right})
    if kind in (ColumnType.DATE, ColumnType.DATETIME):
        hours = draw(st.integers(0, 30)) if kind == ColumnType.DATETIME else 0
        right = {"kind": "duration", "days": draw(st.integers(0, 40)), "hours": hours, "minutes": 0}
        choices.append(
            {"kind": "calc", "left": {"kind": "field", "field": key}, "op": draw(st.sampled_from("+-")), "right": right}
        )
    if kind in (ColumnType.TEXT, ColumnType.LONG_TEXT):
        parts = [{"kind": "text", "value": draw(WORDS)}] + [
            {"kind": "field", "field": f}
            for f in draw(st.lists(st.sampled_from([c.key for c in schema.columns]), max_size=3))
        ]
        choices.append({"kind": "join", "parts": parts})
    return draw(st.sampled_from(choices))


def _condition(draw: st.DrawFn, schema: Schema) -> dict[str, Any] | None:
    checks = []
    for column in draw(st.lists(st.sampled_from(list(schema.columns)), max_size=3)):
        kind = column.type
        if kind == ColumnType.CHOICE:
            checks.append({"column": column.key, "op": "in", "value": [column.options[0].value]})
        elif kind in (ColumnType.INTEGER, ColumnType.DECIMAL):
            op = draw(st.sampled_from(["gt", "lte", "between", "eq", "in"]))
            value = [1, 5] if op == "between" else [1, 2] if op == "in" else 3
            checks.append({"column": column.key, "op": op, "value": value})
        elif kind in (ColumnType.DATE, ColumnType.DATETIME):
            op = draw(st.sampled_from(["before", "within", "empty"]))
            value = {"last": 3} if op == "within" else _literal(draw, kind)
            checks.append({"column": column.key, "op": op, "value": value})
        elif kind in (ColumnType.TEXT, ColumnType.EMAIL):
            op = draw(st.sampled_from(["contains", "starts_with", "ne"]))
            checks.append({"column": column.key, "op": op, "value": "a@b.co" if op == "ne" else 'A"b'})
        elif kind == ColumnType.CHOICES:
            checks.append({"column": column.key, "op": draw(st.sampled_from(["contains", "in"])), "value": ["red"]})
        else:
            checks.append({"column": column.key, "op": "not_empty"})
    if not checks:
        return None
    return {"and": checks[:1] + ([{"or": checks[1:]}] if len(checks) > 1 else [])}


@st.composite
def tables(draw: st.DrawFn) -> tuple[Schema, dict[str, Any]]:
    schema = draw(blueprints())
    states = list(schema.column("state").option_values())  # type: ignore[union-attr]
    writable = [c.key for c in schema.columns if c.key != "state"]
    users = _fields(schema, {ColumnType.USER})
    whos = [{"kind": "anyone"}, {"kind": "role", "role": "admin"}, {"kind": "member", "email": "bo@example.com"}]
    whos += [{"kind": "field", "field": key} for key in users]
    transitions = []
    for index in range(draw(st.integers(0, 4))):
        updates = [
            {"field": key, "value": _value(draw, schema, key, False)}
            for key in draw(st.lists(st.sampled_from(writable), max_size=3))
        ]
        transitions.append(
            {
                "id": f"t{index}",
                "label": draw(WORDS).strip() or "Go",
                "from": draw(st.lists(st.sampled_from(states), min_size=1, max_size=2, unique=True)),
                "to": draw(st.sampled_from(states)),
                "who": draw(st.sampled_from(whos)),
                "form": draw(st.lists(st.sampled_from(writable), max_size=2, unique=True)),
                "updates": updates,
                "condition": _condition(draw, schema) if draw(st.booleans()) else None,
            }
        )
    timers = []
    for index in range(draw(st.integers(0, 2))):
        updates = [
            {"field": key, "value": _value(draw, schema, key, True)}
            for key in draw(st.lists(st.sampled_from(writable), max_size=2))
        ]
        after = {"days": draw(st.integers(0, 5)), "hours": draw(st.integers(0, 5)), "minutes": draw(st.integers(1, 59))}
        timers.append(
            {
                "id": f"late_{index}",
                "state": draw(st.sampled_from(states)),
                "after": after,
                "to": draw(st.sampled_from(states)),
                "updates": updates,
            }
        )
    initial = draw(st.sampled_from([None, *states]))
    return schema, {"version": 1, "state": "state", "initial": initial, "transitions": transitions, "timers": timers}


@settings(
    max_examples=100,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(tables())
def test_steps_read_back_from_json_and_bpmn_and_publish_cleanly(table):
    schema, data = table
    columns = list(schema.columns)
    steps = parse(data, columns)
    required = [c for c in columns if c.required]
    assert not required
    assert parse(to_json(steps), columns) == steps
    xml = to_bpmn(steps, process_id="flow", name="A flow", blueprint="things")
    assert from_bpmn(xml) == steps
    assert explain(xml) == ""
    flow, problems = check(xml)
    assert problems == []
    assert publish_problems(flow, schema, "things") == []
    assert flow.blueprint == "things"
    labels = {t.label for t in steps.transitions if t.from_ and any(s in steps.ways_out() for s in t.from_)}
    assert {t.label for t in flow.transitions.values()} == labels
