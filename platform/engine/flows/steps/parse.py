"""Reading a steps table from JSON: every problem with its path and a plain reason.

``parse`` checks the table against the blueprint's columns (what the browser sends); ``load``
reads back a table stored in a diagram, shape only, with the basis it was checked against.
"""

from __future__ import annotations

import re
from typing import Any

from engine.schema.columns import Column, ColumnType
from engine.schema.errors import FieldErrors
from engine.schema.filters import Condition as FilterCondition
from engine.schema.filters import Group as FilterGroup
from engine.schema.filters import parse_filter
from engine.schema.schema import Schema
from engine.schema.values import EMAIL_PATTERN

from .model import (
    DEFAULT_LIMITS,
    VERSION,
    Basis,
    Check,
    FieldInfo,
    Group,
    Limits,
    Steps,
    Timer,
    Transition,
    Who,
)
from .values import CONTROL_CHARACTERS, ValueReader, field_words

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
ROLES = ("owner", "admin", "editor")
MAX_LABEL = 80


class StepsInvalid(ValueError):
    """A steps table that cannot be used, with plain reasons per path (``transitions.0.to``)."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v[0]}" for k, v in errors.items() if v))


def parse(data: object, columns: list[Column] | tuple[Column, ...], *, limits: Limits = DEFAULT_LIMITS) -> Steps:
    """The steps ``data`` describes, checked against the blueprint's ``columns``; StepsInvalid otherwise."""
    reader = _Reader({c.key: c for c in columns}, None, limits)
    steps = reader.steps(data)
    if reader.errors or steps is None:
        raise StepsInvalid(reader.errors or {"steps": ["Give the steps as an object."]})
    return steps


def load(data: object, basis: Basis) -> Steps:
    """The steps stored in a diagram (``to_json`` form) with the ``basis`` stored beside them."""
    reader = _Reader(None, basis, Limits(10**6, 10**6, 10**6, 10**6, 10**6, 10**6))
    steps = reader.steps(data)
    if reader.errors or steps is None:
        raise StepsInvalid(reader.errors or {"steps": ["Give the steps as an object."]})
    return steps


class _Reader(ValueReader):
    """One pass over the JSON. With ``columns`` it checks everything; with ``basis`` only the shape."""

    def steps(self, raw: object) -> Steps | None:
        if not isinstance(raw, dict):
            self.fail("steps", "Give the steps as an object.")
            return None
        self.keys(raw, {"version", "state", "initial", "transitions", "timers"}, "")
        version = raw.get("version", VERSION)
        if version != VERSION or isinstance(version, bool):
            self.fail("version", f"Only version {VERSION} of steps is known.")
        state = raw.get("state")
        self.state = state if isinstance(state, str) else ""
        state_column = self.column(state, "state")
        if state_column is not None and state_column.type != ColumnType.CHOICE:
            self.fail("state", f"The state must be a choice field; {field_words(state_column)}.")
            state_column = None
        if isinstance(state_column, Column):
            self.states = state_column.option_values()
        initial = raw.get("initial")
        if initial is not None:
            initial = self.state_value(initial, "initial")
        transitions = self.transitions(raw.get("transitions", []), str(state))
        timers = self.timers(raw.get("timers", []))
        seen: set[str] = set()
        for section in ("transitions", "timers"):
            items = raw.get(section)
            for index, item in enumerate(items if isinstance(items, list) else []):
                step = item.get("id") if isinstance(item, dict) else None
                if isinstance(step, str) and step in seen:
                    self.fail(f"{section}.{index}.id", f"Another step already uses the id '{step}'.")
                elif isinstance(step, str):
                    seen.add(step)
        if self.errors or not isinstance(state, str):
            return None
        basis = self.basis if self.basis is not None else self.make_basis(state)
        return Steps(state, initial, transitions, timers, basis, VERSION)

    def make_basis(self, state: str) -> Basis:
        assert self.columns is not None
        fields = tuple(
            FieldInfo(key, self.columns[key].type, self.columns[key].label) for key in sorted(self.used | {state})
        )
        return Basis(self.states, fields)

    def state_value(self, raw: Any, path: str) -> str | None:
        if not isinstance(raw, str) or not raw:
            self.fail(path, "Choose a state.")
            return None
        if self.columns is not None and raw not in self.states:
            self.fail(path, f"'{raw}' is not an option of the state field.")
            return None
        return raw

    def step_id(self, raw: Any, path: str) -> str:
        if not isinstance(raw, str) or not ID_PATTERN.match(raw):
            self.fail(path, "Use lowercase letters, digits and underscores, starting with a letter (at most 63).")
            return ""
        return raw

    def transitions(self, raw: Any, state: str) -> tuple[Transition, ...]:
        found = []
        for index, item in enumerate(self.listed(raw, "transitions", self.limits.transitions, "transitions")):
            transition = self.transition(item, f"transitions.{index}", state)
            if transition is not None:
                found.append(transition)
        return tuple(found)

    def transition(self, raw: Any, path: str, state: str) -> Transition | None:
        if not isinstance(raw, dict):
            self.fail(path, "Each transition is an object.")
            return None
        before = len(self.errors)
        self.keys(raw, {"id", "label", "from", "to", "who", "form", "updates", "condition"}, path)
        step = self.step_id(raw.get("id"), f"{path}.id")
        label = raw.get("label")
        if (
            not isinstance(label, str)
            or not label.strip()
            or len(label) > MAX_LABEL
            or CONTROL_CHARACTERS.search(label)
        ):
            self.fail(f"{path}.label", f"Give the button a label of 1 to {MAX_LABEL} characters.")
            label = ""
        sources = []
        for index, item in enumerate(self.listed(raw.get("from"), f"{path}.from", 1000, "states")):
            value = self.state_value(item, f"{path}.from.{index}")
            if value is not None and value in sources:
                self.fail(f"{path}.from.{index}", f"'{value}' is listed twice.")
            elif value is not None:
                sources.append(value)
        if not raw.get("from") and isinstance(raw.get("from"), list):
            self.fail(f"{path}.from", "Choose at least one state the button is offered in.")
        target = self.state_value(raw.get("to"), f"{path}.to")
        who = self.who(raw.get("who"), f"{path}.who")
        form = self.form(raw.get("form", []), f"{path}.form", state)
        updates = self.updates(raw.get("updates", []), f"{path}.updates", timer=False)
        condition = self.condition(raw.get("condition"), f"{path}.condition")
        if len(self.errors) > before or target is None or who is None:
            return None
        return Transition(step, label.strip(), tuple(sources), target, who, form, updates, condition)

    def who(self, raw: Any, path: str) -> Who | None:
        if not isinstance(raw, dict) or raw.get("kind") not in ("role", "member", "field", "anyone"):
            self.fail(path, "Say who may press it: a role, a member, a person field, or anyone.")
            return None
        kind = raw["kind"]
        extra = {"role": "role", "member": "email", "field": "field", "anyone": None}[kind]
        self.keys(raw, {"kind", extra} if extra else {"kind"}, path)
        if kind == "role":
            role = raw.get("role")
            if role not in ROLES:
                self.fail(f"{path}.role", "Choose a role: " + ", ".join(ROLES) + ".")
                return None
            return Who("role", role=str(role))
        if kind == "member":
            email = raw.get("email")
            if not isinstance(email, str) or len(email) > 255 or not EMAIL_PATTERN.match(email):
                self.fail(f"{path}.email", "Give the member's email address.")
                return None
            return Who("member", email=email)
        if kind == "field":
            column = self.column(raw.get("field"), f"{path}.field")
            if column is None:
                return None
            if column.type != ColumnType.USER:
                self.fail(f"{path}.field", f"Choose a team member field; {field_words(column)}.")
                return None
            return Who("field", field=column.key)
        return Who("anyone")

    def form(self, raw: Any, path: str, state: str) -> tuple[str, ...]:
        keys: list[str] = []
        for index, item in enumerate(self.listed(raw, path, self.limits.form, "form fields")):
            column = self.column(item, f"{path}.{index}")
            if column is None:
                continue
            if column.key == state:
                self.fail(f"{path}.{index}", "The state changes only by its buttons; it cannot be in a form.")
            elif column.key in keys:
                self.fail(f"{path}.{index}", f"{column.label} is asked twice.")
            else:
                keys.append(column.key)
        return tuple(keys)

    # Timers -------------------------------------------------------------------------------

    def timers(self, raw: Any) -> tuple[Timer, ...]:
        found = []
        for index, item in enumerate(self.listed(raw, "timers", self.limits.timers, "timers")):
            timer = self.timer(item, f"timers.{index}")
            if timer is not None:
                found.append(timer)
        return tuple(found)

    def timer(self, raw: Any, path: str) -> Timer | None:
        if not isinstance(raw, dict):
            self.fail(path, "Each timer is an object.")
            return None
        before = len(self.errors)
        self.keys(raw, {"id", "state", "after", "to", "updates"}, path)
        step = self.step_id(raw.get("id"), f"{path}.id")
        state = self.state_value(raw.get("state"), f"{path}.state")
        after = self.duration(raw.get("after"), f"{path}.after", whole_days=False, total=True)
        target = self.state_value(raw.get("to"), f"{path}.to")
        updates = self.updates(raw.get("updates", []), f"{path}.updates", timer=True)
        if len(self.errors) > before or state is None or target is None or after is None:
            return None
        return Timer(step, state, after, target, updates)

    def condition(self, raw: Any, path: str) -> Group | None:
        if raw is None:
            return None
        if self.columns is None:
            node = self.shape(raw, path)
            return node if isinstance(node, Group) else None
        try:
            tree = parse_filter(Schema(tuple(self.columns.values())), raw)
        except FieldErrors as exc:
            for where, messages in exc.errors.items():
                for message in messages:
                    self.fail(path + where.removeprefix("filter"), message)
            return None
        if tree is None:
            return None
        return self.canonical(tree, path)

    def canonical(self, tree: FilterGroup, path: str) -> Group | None:
        children: list[Check | Group] = []
        for child in tree.children:
            if isinstance(child, FilterGroup):
                group = self.canonical(child, path)
                if group is not None:
                    children.append(group)
                continue
            assert isinstance(child, FilterCondition)
            if child.system:
                self.fail(path, f"A condition uses the record's own fields; {child.column.label} is not one.")
                continue
            self.used.add(child.column.key)
            children.append(Check(child.column.key, child.op, child.value))
        return Group(tree.kind, tuple(children)) if children else None

    def shape(self, raw: Any, path: str) -> Check | Group | None:
        if isinstance(raw, dict) and len(raw) == 1 and next(iter(raw)) in ("and", "or"):
            kind = next(iter(raw))
            children = [
                self.shape(item, f"{path}.{i}")
                for i, item in enumerate(self.listed(raw[kind], path, 1000, "conditions"))
            ]
            return Group(kind, tuple(c for c in children if c is not None))
        if isinstance(raw, dict) and isinstance(raw.get("column"), str) and isinstance(raw.get("op"), str):
            self.column(raw["column"], f"{path}.column")
            value = raw.get("value")
            if raw["op"] == "within" and isinstance(value, dict) and len(value) == 1:
                value = next(iter(value.items()))
            elif isinstance(value, list):
                value = tuple(value)
            return Check(raw["column"], raw["op"], value)
        self.fail(path, "Each condition is a column, an operator and a value, or an and/or group.")
        return None
