"""Whether a steps table still fits its blueprint: every field it uses is there, with the type the
table was made for, and every state it uses is an option of the state column.

The table's basis keeps each field's type from when it was designed; the diagram's scripts were
written for that type (a date is set to ``today()``, a number to a number), so a field that is
gone or has another type now is refused by name before a version is published.
"""

from __future__ import annotations

from engine.flows.errors import FlowError
from engine.flows.refusals import refusal
from engine.schema.columns import NUMERIC, TEXTUAL, TYPE_LABELS, Column, ColumnType

from .bpmn import transition_elements
from .model import Calc, FieldRef, Group, Join, Steps, Update


def fit_problems(steps: Steps, columns: tuple[Column, ...], blueprint: str) -> list[FlowError]:
    """One problem per field (or state) of ``steps`` that ``blueprint``'s ``columns`` lack, on the
    first button or timer using it."""
    have = {column.key: column for column in columns}
    users = _users(steps)
    found: list[FlowError] = []
    for info in steps.basis.fields:
        column = have.get(info.key)
        element = users.get(info.key)
        needed = TYPE_LABELS[info.type].lower()
        named = {"field": info.key, "label": info.label, "type": needed, "blueprint": blueprint}
        if column is None:
            found.append(refusal("flow.steps.field_gone", element, **named))
        elif not compatible(info.type, column.type):
            now = TYPE_LABELS[column.type].lower()
            found.append(refusal("flow.steps.field_type", element, **named, now=now))
    state = have.get(steps.state)
    if state is not None and state.type == ColumnType.CHOICE:
        options = set(state.option_values())
        for value in steps.basis.states:
            if value not in options:
                gone = {"state": value, "column": state.label, "blueprint": blueprint}
                found.append(refusal("flow.steps.state_gone", users.get(f"state:{value}"), **gone))
    return found


def compatible(designed: ColumnType, now: ColumnType) -> bool:
    """Whether a value written for a field of type ``designed`` fits one of type ``now``."""
    return designed == now or (designed in TEXTUAL and now in TEXTUAL) or (designed in NUMERIC and now in NUMERIC)


def _users(steps: Steps) -> dict[str, str]:
    """The element of the first button or timer using each field (and ``state:<value>``)."""
    elements = transition_elements(steps)
    found: dict[str, str] = {}
    for transition in steps.transitions:
        ids = elements.get(transition.id) or []
        if not ids:
            continue
        keys = [steps.state, *transition.form, *_update_keys(transition.updates)]
        keys += [f"state:{s}" for s in (*transition.from_, transition.to)]
        if transition.who.field:
            keys.append(transition.who.field)
        if transition.condition is not None:
            keys += _condition_keys(transition.condition)
        for key in keys:
            found.setdefault(key, ids[0])
    return found


def _update_keys(updates: tuple[Update, ...]) -> list[str]:
    keys = []
    for update in updates:
        keys.append(update.field)
        value = update.value
        if isinstance(value, FieldRef):
            keys.append(value.field)
        elif isinstance(value, Calc):
            keys += [side.field for side in (value.left, value.right) if isinstance(side, FieldRef)]
        elif isinstance(value, Join):
            keys += [part.field for part in value.parts if isinstance(part, FieldRef)]
    return keys


def _condition_keys(group: Group) -> list[str]:
    keys: list[str] = []
    for child in group.children:
        keys += _condition_keys(child) if isinstance(child, Group) else [child.column]
    return keys
