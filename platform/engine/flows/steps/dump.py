"""The canonical JSON of a steps table (``parse(to_json(s), columns) == s``), and of its basis."""

from __future__ import annotations

from typing import Any

from engine.schema.columns import ColumnType

from .model import (
    Actor,
    Basis,
    Calc,
    Check,
    Clear,
    Duration,
    FieldInfo,
    FieldRef,
    Group,
    Join,
    Literal,
    Now,
    Steps,
    Text,
    Today,
    Update,
    Value,
    Who,
)


def to_json(steps: Steps) -> dict[str, Any]:
    """The table as the editor sends it, every key present, in a fixed order."""
    return {
        "version": steps.version,
        "state": steps.state,
        "initial": steps.initial,
        "transitions": [
            {
                "id": t.id,
                "label": t.label,
                "from": list(t.from_),
                "to": t.to,
                "who": _who(t.who),
                "form": list(t.form),
                "updates": _updates(t.updates),
                "condition": _node(t.condition) if t.condition is not None else None,
            }
            for t in steps.transitions
        ],
        "timers": [
            {"id": t.id, "state": t.state, "after": _duration(t.after), "to": t.to, "updates": _updates(t.updates)}
            for t in steps.timers
        ],
    }


def basis_json(basis: Basis) -> dict[str, Any]:
    return {"states": list(basis.states), "fields": [[f.key, f.type.value, f.label] for f in basis.fields]}


def basis_from_json(raw: Any) -> Basis:
    """The basis stored beside the steps; ValueError when it is not one."""
    if not isinstance(raw, dict) or not isinstance(raw.get("states"), list) or not isinstance(raw.get("fields"), list):
        raise ValueError("The steps' basis is not readable.")
    states = raw["states"]
    if not all(isinstance(s, str) for s in states):
        raise ValueError("The steps' basis is not readable.")
    fields = []
    for item in raw["fields"]:
        if not isinstance(item, list) or len(item) != 3 or not all(isinstance(part, str) for part in item):
            raise ValueError("The steps' basis is not readable.")
        fields.append(FieldInfo(item[0], ColumnType(item[1]), item[2]))
    return Basis(tuple(states), tuple(fields))


def _who(who: Who) -> dict[str, Any]:
    if who.kind == "role":
        return {"kind": "role", "role": who.role}
    if who.kind == "member":
        return {"kind": "member", "email": who.email}
    if who.kind == "field":
        return {"kind": "field", "field": who.field}
    return {"kind": "anyone"}


def _updates(updates: tuple[Update, ...]) -> list[dict[str, Any]]:
    return [{"field": u.field, "value": value_json(u.value)} for u in updates]


def _duration(duration: Duration) -> dict[str, Any]:
    return {"days": duration.days, "hours": duration.hours, "minutes": duration.minutes}


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def value_json(value: Value | Duration | Text) -> dict[str, Any]:
    if isinstance(value, Literal):
        return {"kind": "literal", "value": _plain(value.value)}
    if isinstance(value, FieldRef):
        return {"kind": "field", "field": value.field}
    if isinstance(value, Calc):
        return {"kind": "calc", "left": value_json(value.left), "op": value.op, "right": value_json(value.right)}
    if isinstance(value, Duration):
        return {"kind": "duration", **_duration(value)}
    if isinstance(value, Join):
        return {"kind": "join", "parts": [value_json(p) for p in value.parts]}
    if isinstance(value, Text):
        return {"kind": "text", "value": value.value}
    kinds: dict[type, str] = {Now: "now", Today: "today", Actor: "actor", Clear: "clear"}
    return {"kind": kinds[type(value)]}


def _node(node: Check | Group) -> dict[str, Any]:
    if isinstance(node, Group):
        return {node.kind: [_node(child) for child in node.children]}
    if node.op in ("empty", "not_empty"):
        return {"column": node.column, "op": node.op}
    if node.op == "within":
        direction, days = node.value
        return {"column": node.column, "op": node.op, "value": {direction: days}}
    return {"column": node.column, "op": node.op, "value": _plain(node.value)}
