"""The Python a steps table becomes: updates as assignments, conditions as expressions, in plain code.

Scripts see the record's fields as variables in their Python types (engine.flows.variables):
decimals as ``Decimal``, dates as ``date``, date-times as aware ``datetime``. ``pressed_by`` is the
person pressing the button, which the runtime provides with the step's data.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

from engine.schema.columns import NUMERIC, ColumnType

from .model import (
    Actor,
    Basis,
    Calc,
    Check,
    Clear,
    Duration,
    FieldRef,
    Group,
    Join,
    Literal,
    Now,
    Text,
    Timer,
    Today,
    Transition,
    Update,
    Value,
)

ACTOR = "pressed_by"
# Names the generated code calls: a field with one of these keys would hide it from the scripts.
RESERVED = frozenset(
    {"now", "today", "date", "datetime", "timedelta", "round", "str", "set", "len", "True", "False", "None", ACTOR}
)
_ODD = re.compile("[\u007f-\u009f\u2028\u2029]")


def text(value: str) -> str:
    """A Python string literal, in double quotes, readable (non-ASCII letters kept)."""
    return _ODD.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def literal(value: Any, kind: ColumnType) -> str:
    """The Python expression of a stored value of a field of type ``kind``."""
    if kind in (ColumnType.INTEGER, ColumnType.USER):
        return str(int(value))
    if kind == ColumnType.DECIMAL:
        return f"Decimal({text(str(value))})"
    if kind == ColumnType.BOOLEAN:
        return "True" if value else "False"
    if kind == ColumnType.DATE:
        day = date.fromisoformat(str(value))
        return f"date({day.year}, {day.month}, {day.day})"
    if kind == ColumnType.DATETIME:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        return f"datetime.fromisoformat({text(moment.isoformat())})"
    if kind == ColumnType.CHOICES:
        items = value if isinstance(value, list | tuple) else [value]
        return "[" + ", ".join(text(str(item)) for item in items) + "]"
    return text(str(value))


def _kind(basis: Basis, key: str) -> ColumnType:
    info = basis.field(key)
    return info.type if info is not None else ColumnType.TEXT


def _label(basis: Basis, key: str) -> str:
    info = basis.field(key)
    return info.label if info is not None else key


def state_change(state: str, to: str) -> str:
    return f"{state} = {text(to)}"


def initial_script(state: str, initial: str) -> str:
    return f"if not {state}:\n    {state} = {text(initial)}"


def route_condition(state: str, value: str) -> str:
    return f"{state} == {text(value)}"


def transition_script(transition: Transition, state: str, basis: Basis) -> str:
    lines: list[str] = []
    if transition.condition is not None:
        message = "Only when " + words(transition.condition, basis, top=True)
        lines += [f"if not ({condition(transition.condition, basis)}):", f"    refuse({text(message)})"]
    return "\n".join([*lines, *updates(transition.updates, basis), state_change(state, transition.to)])


def timer_script(timer: Timer, state: str, basis: Basis) -> str:
    """The timer's updates and move, only while the record is still in the timer's state: a button
    pressed in the same step (or another timer due with it) may have moved it on already."""
    lines = [*updates(timer.updates, basis), state_change(state, timer.to)]
    return f"if {route_condition(state, timer.state)}:\n" + "\n".join("    " + line for line in lines)


def updates(items: tuple[Update, ...], basis: Basis) -> list[str]:
    lines: list[str] = []
    for update in items:
        lines += _update(update.field, update.value, basis)
    return lines


def _update(target: str, value: Value, basis: Basis) -> list[str]:
    kind = _kind(basis, target)
    if isinstance(value, Literal):
        return [f"{target} = {literal(value.value, kind)}"]
    if isinstance(value, Now):
        return [f"{target} = now()"]
    if isinstance(value, Today):
        return [f"{target} = today()"]
    if isinstance(value, Actor):
        return [f"{target} = {ACTOR}"]
    if isinstance(value, Clear):
        return [f"{target} = None"]
    if isinstance(value, FieldRef):
        source = _kind(basis, value.field)
        if kind == ColumnType.INTEGER and source == ColumnType.DECIMAL:
            return [f"{target} = None if {value.field} is None else round({value.field})"]
        if kind == ColumnType.DECIMAL and source == ColumnType.INTEGER:
            return [f"{target} = None if {value.field} is None else Decimal({value.field})"]
        return [f"{target} = {value.field}"]
    if isinstance(value, Calc):
        return _calc(target, kind, value, basis)
    assert isinstance(value, Join)
    parts = [_part(part) for part in value.parts]
    return [f"{target} = " + " + ".join(parts)]


def _part(part: FieldRef | Text) -> str:
    if isinstance(part, Text):
        return text(part.value)
    return f'("" if {part.field} is None else str({part.field}))'


def _calc(target: str, kind: ColumnType, calc: Calc, basis: Basis) -> list[str]:
    lines: list[str] = []
    for operand in (calc.left, calc.right):
        if isinstance(operand, FieldRef):
            reason = f"{_label(basis, operand.field)} is empty, so {_label(basis, target)} cannot be worked out."
            lines += [f"if {operand.field} is None:", f"    refuse({text(reason)})"]
    if kind in NUMERIC:
        assert not isinstance(calc.right, Duration)
        if calc.op == "/" and isinstance(calc.right, FieldRef):
            reason = f"{_label(basis, calc.right.field)} is 0, so {_label(basis, target)} cannot be worked out."
            lines += [f"if {calc.right.field} == 0:", f"    refuse({text(reason)})"]
        expression = f"{_number(calc.left)} {calc.op} {_number(calc.right)}"
        return [*lines, f"{target} = " + (f"round({expression})" if kind == ColumnType.INTEGER else expression)]
    assert isinstance(calc.right, Duration)
    left = calc.left.field if isinstance(calc.left, FieldRef) else literal(calc.left.value, kind)
    return [*lines, f"{target} = {left} {calc.op} {span(calc.right)}"]


def _number(operand: FieldRef | Literal) -> str:
    if isinstance(operand, FieldRef):
        return f"Decimal({operand.field})"
    return f"Decimal({text(str(operand.value))})"


def span(duration: Duration) -> str:
    return f"timedelta(days={duration.days}, hours={duration.hours}, minutes={duration.minutes})"


# Conditions ------------------------------------------------------------------------------


def condition(node: Check | Group, basis: Basis) -> str:
    if isinstance(node, Group):
        if not node.children:
            return "True" if node.kind == "and" else "False"
        if len(node.children) == 1:
            return condition(node.children[0], basis)
        return f" {node.kind} ".join(f"({condition(child, basis)})" for child in node.children)
    name, op, value, kind = node.column, node.op, node.value, _kind(basis, node.column)
    empty = f'{name} is None or {name} == "" or {name} == []'
    if op == "empty":
        return empty
    if op == "not_empty":
        return f"not ({empty})"
    if kind == ColumnType.CHOICES:
        wanted = "set([" + ", ".join(text(str(v)) for v in value) + "])"
        if op == "contains":
            return f"{name} is not None and {wanted} <= set({name})"
        return f"{name} is not None and len(set({name}) & {wanted}) > 0"
    if op == "contains":
        return f"{name} is not None and {text(str(value).lower())} in {name}.lower()"
    if op == "starts_with":
        return f"{name} is not None and {name}.lower().startswith({text(str(value).lower())})"
    if op == "in":
        return f"{name} in (" + "".join(literal(v, kind) + ", " for v in value) + ")"
    if op == "between":
        low, high = (literal(v, kind) for v in value)
        return f"{name} is not None and {low} <= {name} <= {high}"
    if op == "within":
        direction, days = value
        moment = "today()" if kind == ColumnType.DATE else "now()"
        low, high = (
            (f"{moment} - timedelta(days={days})", moment)
            if direction == "last"
            else (moment, f"{moment} + timedelta(days={days})")
        )
        return f"{name} is not None and {low} <= {name} <= {high}"
    if op in ("eq", "ne"):
        return f"{name} {'==' if op == 'eq' else '!='} {literal(value, kind)}"
    symbol = {"gt": ">", "after": ">", "gte": ">=", "lt": "<", "before": "<", "lte": "<="}[op]
    return f"{name} is not None and {name} {symbol} {literal(value, kind)}"


OP_WORDS = {
    "eq": "is",
    "ne": "is not",
    "gt": "is more than",
    "gte": "is at least",
    "lt": "is less than",
    "lte": "is at most",
    "before": "is before",
    "after": "is after",
    "contains": "contains",
    "starts_with": "starts with",
    "in": "is one of",
    "between": "is between",
    "empty": "is empty",
    "not_empty": "is not empty",
}


def words(node: Check | Group, basis: Basis, *, top: bool = False) -> str:
    """The condition in plain words: "Quantity is more than 0 and Cargo is not empty"."""
    if isinstance(node, Group):
        joined = f" {node.kind} ".join(words(child, basis) for child in node.children)
        return joined if top or len(node.children) < 2 else f"({joined})"
    label = _label(basis, node.column)
    if node.op in ("empty", "not_empty"):
        return f"{label} {OP_WORDS[node.op]}"
    if node.op == "within":
        direction, days = node.value
        return f"{label} is within the {direction} {days} day{'s' if days != 1 else ''}"
    if node.op == "between":
        return f"{label} is between {_shown(node.value[0])} and {_shown(node.value[1])}"
    if isinstance(node.value, tuple):
        return f"{label} {OP_WORDS[node.op]} " + ", ".join(_shown(v) for v in node.value)
    return f"{label} {OP_WORDS[node.op]} {_shown(node.value)}"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def duration_words(duration: Duration) -> str:
    parts = [(duration.days, "day"), (duration.hours, "hour"), (duration.minutes, "minute")]
    return ", ".join(f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n) or "0 minutes"
