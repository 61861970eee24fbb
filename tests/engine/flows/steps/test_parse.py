"""Every way a steps table can be wrong is refused with the path of the part and a plain reason."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from engine.flows.steps import StepsInvalid, parse, to_json

from .cases import COLUMNS, busy_steps, delivery_steps


def _update(field: str, value: dict[str, Any]) -> dict[str, Any]:
    data = delivery_steps()
    data["transitions"][0]["updates"] = [{"field": field, "value": value}]
    return data


def _with(path: str, value: Any) -> dict[str, Any]:
    """The Delivery steps with the part at ``path`` (dotted) set to ``value``."""
    data = delivery_steps()
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return data


def _errors(data: Any) -> dict[str, list[str]]:
    with pytest.raises(StepsInvalid) as caught:
        parse(data, COLUMNS)
    return caught.value.errors


def test_the_stories_parse_and_come_back_as_they_were_sent():
    for data in (delivery_steps(), busy_steps()):
        steps = parse(copy.deepcopy(data), COLUMNS)
        assert to_json(steps) == data
        assert parse(to_json(steps), COLUMNS) == steps


CASES = [
    # unknown fields and keys
    (_update("weight", {"kind": "now"}), "transitions.0.updates.0.field", "No field 'weight'"),
    (_with("transitions.0.colour", "red"), "transitions.0.colour", "Unknown field"),
    (_with("state", "nope"), "state", "No field 'nope'"),
    (_with("state", "cargo"), "state", "must be a choice field"),
    # values that do not fit their field
    (_update("qty", {"kind": "now"}), "transitions.0.updates.0.value", "fits only a date and time field"),
    (_update("started_at", {"kind": "today"}), "transitions.0.updates.0.value", "fits only a date field"),
    (_update("cargo", {"kind": "actor"}), "transitions.0.updates.0.value", "fits only a team member field"),
    (
        _update(
            "cargo",
            {
                "kind": "calc",
                "left": {"kind": "field", "field": "cargo"},
                "op": "+",
                "right": {"kind": "literal", "value": 1},
            },
        ),
        "transitions.0.updates.0.value",
        "Only numbers and dates",
    ),
    (
        _update(
            "qty",
            {
                "kind": "calc",
                "left": {"kind": "field", "field": "qty"},
                "op": "+",
                "right": {"kind": "duration", "days": 1},
            },
        ),
        "transitions.0.updates.0.value.right",
        "cannot be added to a number",
    ),
    (
        _update("qty", {"kind": "join", "parts": [{"kind": "text", "value": "a"}]}),
        "transitions.0.updates.0.value",
        "only into a text field",
    ),
    (_update("qty", {"kind": "field", "field": "cargo"}), "transitions.0.updates.0.value.field", "cannot be copied"),
    (
        _update(
            "qty",
            {
                "kind": "calc",
                "left": {"kind": "field", "field": "cargo"},
                "op": "+",
                "right": {"kind": "literal", "value": 1},
            },
        ),
        "transitions.0.updates.0.value.left.field",
        "cannot be used to work out",
    ),
    (
        _update(
            "qty",
            {
                "kind": "calc",
                "left": {"kind": "field", "field": "qty"},
                "op": "/",
                "right": {"kind": "literal", "value": 0},
            },
        ),
        "transitions.0.updates.0.value.right",
        "Dividing by 0",
    ),
    (
        _update(
            "qty",
            {
                "kind": "calc",
                "left": {"kind": "field", "field": "qty"},
                "op": "^",
                "right": {"kind": "literal", "value": 2},
            },
        ),
        "transitions.0.updates.0.value.op",
        "Use +, -, * or /",
    ),
    (
        _update(
            "due_on",
            {
                "kind": "calc",
                "left": {"kind": "field", "field": "due_on"},
                "op": "+",
                "right": {"kind": "duration", "hours": 3},
            },
        ),
        "transitions.0.updates.0.value.right",
        "whole days",
    ),
    (
        _update(
            "due_on",
            {
                "kind": "calc",
                "left": {"kind": "field", "field": "due_on"},
                "op": "*",
                "right": {"kind": "duration", "days": 3},
            },
        ),
        "transitions.0.updates.0.value.op",
        "forward (+) or back (-)",
    ),
    (
        _update("qty", {"kind": "literal", "value": "many"}),
        "transitions.0.updates.0.value",
        "Quantity refuses this value",
    ),
    (_update("tags", {"kind": "literal", "value": ["hot"]}), "transitions.0.updates.0.value", "Not an option: hot"),
    (_update("qty", {"kind": "literal", "value": None}), "transitions.0.updates.0.value", "Give a value"),
    (_update("code", {"kind": "clear"}), "transitions.0.updates.0.value", "required"),
    (_update("status", {"kind": "literal", "value": "DELIVERED"}), "transitions.0.updates.0.field", "not an update"),
    (_update("note", {"kind": "join", "parts": []}), "transitions.0.updates.0.value.parts", "at least one part"),
    (_update("cargo", {"kind": "guess"}), "transitions.0.updates.0.value", "Choose a value"),
    # the form
    (_with("transitions.0.form", ["status"]), "transitions.0.form.0", "cannot be in a form"),
    (_with("transitions.0.form", ["cargo", "cargo"]), "transitions.0.form.1", "asked twice"),
    (_with("transitions.0.form", ["weight"]), "transitions.0.form.0", "No field 'weight'"),
    # states
    (_with("transitions.0.from", ["LOST"]), "transitions.0.from.0", "not an option"),
    (_with("transitions.0.from", []), "transitions.0.from", "at least one state"),
    (_with("transitions.0.to", "LOST"), "transitions.0.to", "not an option"),
    (_with("initial", "LOST"), "initial", "not an option"),
    # ids and labels
    (_with("transitions.1.id", "delivery_started"), "transitions.1.id", "already uses the id"),
    (_with("transitions.0.id", "Delivery started"), "transitions.0.id", "lowercase letters"),
    (_with("transitions.0.id", "9lives"), "transitions.0.id", "lowercase letters"),
    (_with("transitions.0.label", "   "), "transitions.0.label", "label of 1 to 80"),
    (_with("transitions.0.label", "x" * 81), "transitions.0.label", "label of 1 to 80"),
    # who
    (_with("transitions.0.who", {"kind": "role", "role": "viewer"}), "transitions.0.who.role", "Choose a role"),
    (_with("transitions.0.who", {"kind": "member", "email": "ada"}), "transitions.0.who.email", "email address"),
    (_with("transitions.0.who", {"kind": "field", "field": "cargo"}), "transitions.0.who.field", "team member field"),
    (_with("transitions.0.who", {"kind": "boss"}), "transitions.0.who", "Say who may press it"),
    # conditions use the grid's filter rules
    (
        _with("transitions.0.condition", {"and": [{"column": "weight", "op": "gt", "value": 1}]}),
        "transitions.0.condition.0.column",
        "No column 'weight'",
    ),
    (
        _with("transitions.0.condition", {"and": [{"column": "qty", "op": "starts_with", "value": "1"}]}),
        "transitions.0.condition.0.op",
        "does not apply",
    ),
    (
        _with(
            "transitions.0.condition", {"and": [{"column": "created_at", "op": "gt", "value": "2026-01-01T00:00:00Z"}]}
        ),
        "transitions.0.condition",
        "record's own fields",
    ),
    # timers
    (
        _with("timers", [{"id": "late", "state": "LOST", "after": {"days": 1}, "to": "CANCELLED"}]),
        "timers.0.state",
        "not an option",
    ),
    (
        _with("timers", [{"id": "late", "state": "PENDING", "after": {"days": 0}, "to": "CANCELLED"}]),
        "timers.0.after",
        "longer than zero",
    ),
    (
        _with("timers", [{"id": "late", "state": "PENDING", "after": {"days": -1}, "to": "CANCELLED"}]),
        "timers.0.after.days",
        "whole number",
    ),
    (
        _with("timers", [{"id": "delivered", "state": "PENDING", "after": {"days": 1}, "to": "CANCELLED"}]),
        "timers.0.id",
        "already uses the id",
    ),
    (
        _with(
            "timers",
            [
                {
                    "id": "late",
                    "state": "PENDING",
                    "after": {"days": 1},
                    "to": "CANCELLED",
                    "updates": [{"field": "driver", "value": {"kind": "actor"}}],
                }
            ],
        ),
        "timers.0.updates.0.value",
        "nobody presses it",
    ),
    # the table as a whole
    (_with("version", 2), "version", "Only version 1"),
    ([], "steps", "as an object"),
]


@pytest.mark.parametrize(("data", "path", "words"), CASES, ids=[f"{i}-{c[1]}" for i, c in enumerate(CASES)])
def test_a_wrong_table_names_the_part_and_the_reason(data, path, words):
    errors = _errors(data)
    assert path in errors, errors
    assert any(words in message for message in errors[path]), errors[path]


def test_a_field_named_like_a_helper_cannot_be_used():
    from engine.schema import Schema

    columns = [*COLUMNS, *Schema.parse([{"key": "now", "label": "Now", "type": "datetime"}]).columns]
    data = _update("now", {"kind": "now"})
    with pytest.raises(StepsInvalid) as caught:
        parse(data, columns)
    assert "scripts need that name" in caught.value.errors["transitions.0.updates.0.field"][0]


def test_too_many_transitions_are_refused_by_the_limit():
    from engine.flows.steps import Limits

    with pytest.raises(StepsInvalid) as caught:
        parse(delivery_steps(), COLUMNS, limits=Limits(transitions=1))
    assert caught.value.errors["transitions"] == ["At most 1 transitions."]
