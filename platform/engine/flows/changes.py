"""What publishing a draft changes against the last published version, in plain words.

A flow designed as steps is compared button by button (transitions by id) and timer by timer:
what was added, removed, and for what changed, which part changed (its label, states, who may
press it, its form, updates or condition). Any other diagram is compared element by element
(by id): added, removed, renamed, or its settings changed; the layout is no change.

Each change is ``{"kind", "key", "name", "details"}``: ``kind`` is ``transition``, ``timer`` or
the BPMN element's kind (``user task``...), ``details`` plain sentences.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from engine.flows.element_content import BPMN, attributes, bpmn_elements, details, kind_words, words
from engine.flows.errors import FlowError
from engine.flows.parser import read_xml
from engine.flows.steps import Steps, from_bpmn
from engine.flows.steps.model import (
    Actor,
    Basis,
    Calc,
    Clear,
    Duration,
    FieldRef,
    Join,
    Literal,
    Now,
    Text,
    Timer,
    Today,
    Transition,
    Update,
    Value,
    Who,
)

SKIPPED = frozenset({"incoming", "outgoing"})
Changes = dict[str, list[dict[str, Any]]]


def flow_changes(old_xml: str | None, new_xml: str) -> Changes:
    """The changes from ``old_xml`` (None: nothing published yet, so everything is added) to ``new_xml``."""
    new_steps = from_bpmn(new_xml)
    old_steps = from_bpmn(old_xml) if old_xml is not None else None
    if new_steps is not None and (old_xml is None or old_steps is not None):
        return steps_changes(old_steps, new_steps)
    return element_changes(old_xml, new_xml)


def steps_changes(old: Steps | None, new: Steps) -> Changes:
    """Buttons and timers added, removed and changed, by id."""
    result: Changes = {"added": [], "removed": [], "changed": []}
    before_t = {t.id: t for t in old.transitions} if old is not None else {}
    after_t = {t.id: t for t in new.transitions}
    before_m = {t.id: t for t in old.timers} if old is not None else {}
    after_m = {t.id: t for t in new.timers}
    old_basis = old.basis if old is not None else new.basis
    for key, transition in after_t.items():
        if key not in before_t:
            result["added"].append(_item("transition", transition, _describe(transition, new.basis)))
    for key, timer in after_m.items():
        if key not in before_m:
            result["added"].append(_timer_item(timer, [_timer_line(timer, new.basis)], new.basis))
    for key, transition in before_t.items():
        if key not in after_t:
            result["removed"].append(_item("transition", transition, []))
    for key, timer in before_m.items():
        if key not in after_m:
            result["removed"].append(_timer_item(timer, [], old_basis))
    for key, transition in after_t.items():
        previous = before_t.get(key)
        if previous is not None:
            details = _transition_differences(previous, old_basis, transition, new.basis)
            if details:
                result["changed"].append(_item("transition", transition, details))
    for key, timer in after_m.items():
        earlier = before_m.get(key)
        if earlier is not None:
            details = _timer_differences(earlier, old_basis, timer, new.basis)
            if details:
                result["changed"].append(_timer_item(timer, details, new.basis))
    if old is not None:
        if old.state != new.state:
            result["changed"].append(
                {
                    "kind": "state",
                    "key": new.state,
                    "name": _field(new.basis, new.state),
                    "details": [
                        f"The state column is now {_field(new.basis, new.state)} "
                        f"instead of {_field(old.basis, old.state)}."
                    ],
                }
            )
        if old.initial != new.initial:
            text = _state(new.basis, new.initial) if new.initial else "none (the column's default)"
            was = _state(old.basis, old.initial) if old.initial else "none"
            result["changed"].append(
                {"kind": "state", "key": new.state, "name": "Starting state", "details": [f"Now {text}; was {was}."]}
            )
    return result


def _item(kind: str, transition: Transition, details: list[str]) -> dict[str, Any]:
    return {"kind": kind, "key": transition.id, "name": transition.label, "details": details}


def _timer_item(timer: Timer, details: list[str], basis: Basis) -> dict[str, Any]:
    name = f"After {_duration(timer.after)} in {_state(basis, timer.state)}"
    return {"kind": "timer", "key": timer.id, "name": name, "details": details}


def _describe(transition: Transition, basis: Basis) -> list[str]:
    lines = [f"Moves from {_states(basis, transition.from_)} to {_state(basis, transition.to)}.", _who(transition.who)]
    if transition.form:
        lines.append(f"Asks for {_fields(basis, transition.form)}.")
    lines += [_update(u, basis) for u in transition.updates]
    if transition.condition is not None:
        lines.append("Only when its condition holds.")
    return lines


def _transition_differences(old: Transition, old_basis: Basis, new: Transition, basis: Basis) -> list[str]:
    found = []
    if old.label != new.label:
        found.append(f"Renamed from '{old.label}' to '{new.label}'.")
    if old.from_ != new.from_:
        found.append(f"Offered in {_states(basis, new.from_)} instead of {_states(old_basis, old.from_)}.")
    if old.to != new.to:
        found.append(f"Moves to {_state(basis, new.to)} instead of {_state(old_basis, old.to)}.")
    if old.who != new.who:
        found.append(f"{_who(new.who)} Before: {_who(old.who).lower()}")
    if old.form != new.form:
        now = _fields(basis, new.form) if new.form else "nothing"
        was = _fields(old_basis, old.form) if old.form else "nothing"
        found.append(f"Asks for {now} instead of {was}.")
    found += _updates_differences(old.updates, old_basis, new.updates, basis)
    if old.condition != new.condition:
        if old.condition is None:
            found.append("Now only when a condition holds.")
        elif new.condition is None:
            found.append("No condition any more.")
        else:
            found.append("Its condition changed.")
    return found


def _timer_differences(old: Timer, old_basis: Basis, new: Timer, basis: Basis) -> list[str]:
    found = []
    if old.state != new.state or old.after != new.after:
        found.append(
            f"Now after {_duration(new.after)} in {_state(basis, new.state)}; "
            f"was after {_duration(old.after)} in {_state(old_basis, old.state)}."
        )
    if old.to != new.to:
        found.append(f"Moves to {_state(basis, new.to)} instead of {_state(old_basis, old.to)}.")
    found += _updates_differences(old.updates, old_basis, new.updates, basis)
    return found


def _timer_line(timer: Timer, basis: Basis) -> str:
    line = f"Moves to {_state(basis, timer.to)}."
    sets = [_update(u, basis) for u in timer.updates]
    return " ".join([line, *sets])


def _updates_differences(old: tuple[Update, ...], old_basis: Basis, new: tuple[Update, ...], basis: Basis) -> list[str]:
    if old == new:
        return []
    before = {u.field: u for u in old}
    after = {u.field: u for u in new}
    found = []
    for key, update in after.items():
        if before.get(key) != update:
            found.append(_update(update, basis) + ("" if key in before else " (new)"))
    for key in before:
        if key not in after:
            found.append(f"No longer sets {_field(old_basis, key)}.")
    return found or ["The order of its updates changed."]


def _who(who: Who) -> str:
    if who.kind == "role":
        return f"Done by a {who.role}."
    if who.kind == "member":
        return f"Done by {who.email}."
    if who.kind == "field":
        return f"Done by the person in {who.field}."
    return "Done by anyone."


def _update(update: Update, basis: Basis) -> str:
    return f"Sets {_field(basis, update.field)} to {_value(update.value, basis)}."


def _value(value: Value, basis: Basis) -> str:
    if isinstance(value, Literal):
        shown = ", ".join(map(str, value.value)) if isinstance(value.value, tuple) else str(value.value)
        return f"'{shown}'"
    if isinstance(value, Now):
        return "now"
    if isinstance(value, Today):
        return "today"
    if isinstance(value, Actor):
        return "the person who pressed it"
    if isinstance(value, Clear):
        return "empty"
    if isinstance(value, FieldRef):
        return _field(basis, value.field)
    if isinstance(value, Calc):
        right = value.right
        shown = _duration(right) if isinstance(right, Duration) else _value(right, basis)
        return f"{_value(value.left, basis)} {value.op} {shown}"
    assert isinstance(value, Join)
    parts = [f"'{p.value}'" if isinstance(p, Text) else _field(basis, p.field) for p in value.parts]
    return " + ".join(parts)


def _duration(duration: Duration) -> str:
    parts = [(duration.days, "day"), (duration.hours, "hour"), (duration.minutes, "minute")]
    shown = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in parts if n]
    return " ".join(shown) or "0 minutes"


def _field(basis: Basis, key: str) -> str:
    info = basis.field(key)
    return info.label if info is not None and info.label else key


def _fields(basis: Basis, keys: tuple[str, ...]) -> str:
    return ", ".join(_field(basis, key) for key in keys)


def _state(basis: Basis, state: str | None) -> str:
    return state or "?"


def _states(basis: Basis, states: tuple[str, ...]) -> str:
    return ", ".join(states) if states else "no state"


def element_changes(old_xml: str | None, new_xml: str) -> Changes:
    """Elements added, removed, renamed or otherwise changed, by id (the layout is no change)."""
    before = _elements(old_xml) if old_xml is not None else {}
    after = _elements(new_xml)
    result: Changes = {"added": [], "removed": [], "changed": []}
    for key, (kind, name, _content) in after.items():
        if key not in before:
            result["added"].append({"kind": kind, "key": key, "name": name, "details": []})
    for key, (kind, name, _content) in before.items():
        if key not in after:
            result["removed"].append({"kind": kind, "key": key, "name": name, "details": []})
    for key, (kind, name, content) in after.items():
        if key not in before:
            continue
        old_kind, old_name, old_content = before[key]
        details = []
        if old_kind != kind:
            details.append(f"Now a {kind}; was a {old_kind}.")
        if old_name != name:
            details.append(f"Renamed from '{old_name}' to '{name}'." if old_name else f"Named '{name}'.")
        if old_kind == kind and old_content != content:
            details.append("Its settings changed.")
        if details:
            result["changed"].append({"kind": kind, "key": key, "name": name, "details": details})
    return result


def _elements(xml: str) -> dict[str, tuple[str, str, Any]]:
    """(kind, name, content) of each process element by id; an unreadable diagram has none."""
    try:
        document = read_xml(xml)
    except FlowError:
        return {}
    found: dict[str, tuple[str, str, Any]] = {}

    def visit(container: Any) -> None:
        for node, local in bpmn_elements(container):
            element_id = node.get("id")
            if local in SKIPPED or element_id is None:
                continue
            content = (attributes(node, "id", "name"), details(node, _detail))
            found[element_id] = (kind_words(local), words(node.get("name")), content)
            if local in ("subProcess", "laneSet", "lane"):
                visit(node)

    for process in document.findall(f"{{{BPMN}}}process"):
        visit(process)
    return found


def _detail(qname: etree.QName, node: Any) -> bool:
    if qname.namespace == BPMN and (qname.localname in SKIPPED or node.get("id") is not None):
        return str(qname.localname).endswith("EventDefinition")
    return True
