"""Reading a steps table from JSON: every problem with its path and a plain reason.

``parse`` checks the table against the blueprint's columns (what the browser sends); ``load``
reads back a table stored in a diagram, shape only, with the basis it was checked against.
"""

from __future__ import annotations

import re
from typing import Any

from engine.schema.columns import NUMERIC, TEMPORAL, TEXTUAL, Column, ColumnType
from engine.schema.errors import FieldErrors
from engine.schema.filters import Condition as FilterCondition
from engine.schema.filters import Group as FilterGroup
from engine.schema.filters import parse_filter
from engine.schema.schema import Schema
from engine.schema.values import EMAIL_PATTERN, coerce

from .model import (
    DEFAULT_LIMITS,
    VERSION,
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
    Limits,
    Literal,
    Now,
    Steps,
    Text,
    Timer,
    Today,
    Transition,
    Update,
    Value,
    Who,
)
from .scripts import RESERVED

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
ROLES = ("owner", "admin", "editor")
MAX_LABEL = 80
MAX_TEXT_PART = 255
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
TEXT_TARGETS = frozenset({ColumnType.TEXT, ColumnType.LONG_TEXT})
TYPE_WORDS: dict[ColumnType, str] = {
    ColumnType.TEXT: "a text",
    ColumnType.LONG_TEXT: "a long text",
    ColumnType.INTEGER: "a whole number",
    ColumnType.DECIMAL: "a decimal number",
    ColumnType.BOOLEAN: "a yes/no",
    ColumnType.DATE: "a date",
    ColumnType.DATETIME: "a date and time",
    ColumnType.CHOICE: "a choice",
    ColumnType.CHOICES: "a several-choices",
    ColumnType.EMAIL: "an email",
    ColumnType.URL: "a web address",
    ColumnType.PHONE: "a phone",
    ColumnType.REFERENCE: "a link",
    ColumnType.USER: "a team member",
}


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


def field_words(info: FieldInfo | Column) -> str:
    return f"{info.label} is {TYPE_WORDS[info.type]} field"


class _Reader:
    """One pass over the JSON. With ``columns`` it checks everything; with ``basis`` only the shape."""

    def __init__(self, columns: dict[str, Column] | None, basis: Basis | None, limits: Limits) -> None:
        self.columns, self.basis, self.limits = columns, basis, limits
        self.errors: dict[str, list[str]] = {}
        self.used: set[str] = set()
        self.states: tuple[str, ...] = basis.states if basis is not None else ()
        self.state = ""

    def fail(self, path: str, message: str) -> None:
        self.errors.setdefault(path, []).append(message)

    def keys(self, raw: dict[str, Any], allowed: set[str], path: str) -> None:
        for key in sorted(set(raw) - allowed, key=str):
            self.fail(f"{path}.{key}" if path else str(key), "Unknown field.")

    def column(self, key: Any, path: str) -> Column | FieldInfo | None:
        """The field ``key`` names, or None (with the reason) when there is none."""
        if not isinstance(key, str) or not key:
            self.fail(path, "Choose a field.")
            return None
        if self.columns is None:
            info = self.basis.field(key) if self.basis is not None else None
            if info is None:
                self.fail(path, f"No field '{key}' in the steps' basis.")
            else:
                self.used.add(key)
            return info
        column = self.columns.get(key)
        if column is None:
            self.fail(path, f"No field '{key}' in this blueprint.")
            return None
        if key in RESERVED:
            self.fail(path, f"Steps cannot use the field '{key}': scripts need that name. Give the field another key.")
            return None
        self.used.add(key)
        return column

    # The table ----------------------------------------------------------------------------

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

    def listed(self, raw: Any, path: str, most: int, what: str) -> list[Any]:
        if not isinstance(raw, list):
            self.fail(path, f"Give a list of {what}.")
            return []
        if len(raw) > most:
            self.fail(path, f"At most {most} {what}.")
            return []
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
        if not isinstance(label, str) or not label.strip() or len(label) > MAX_LABEL or _CONTROL.search(label):
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

    def duration(self, raw: Any, path: str, *, whole_days: bool, total: bool) -> Duration | None:
        if not isinstance(raw, dict):
            self.fail(path, 'Give a time like {"days": 2, "hours": 0, "minutes": 0}.')
            return None
        self.keys(raw, {"kind", "days", "hours", "minutes"}, path)
        parts = []
        for name, most in (("days", self.limits.max_days), ("hours", 24 * 1000), ("minutes", 60 * 1000)):
            value = raw.get(name, 0)
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= most:
                self.fail(f"{path}.{name}", f"Give a whole number from 0 to {most}.")
                return None
            parts.append(value)
        found = Duration(*parts)
        if total and not any(parts):
            self.fail(path, "Give a time longer than zero.")
            return None
        if whole_days and (found.hours or found.minutes):
            self.fail(path, "A date moves by whole days only.")
            return None
        return found

    # Updates ------------------------------------------------------------------------------

    def updates(self, raw: Any, path: str, *, timer: bool) -> tuple[Update, ...]:
        found = []
        for index, item in enumerate(self.listed(raw, path, self.limits.updates, "updates")):
            where = f"{path}.{index}"
            if not isinstance(item, dict):
                self.fail(where, 'Each update is {"field": ..., "value": ...}.')
                continue
            self.keys(item, {"field", "value"}, where)
            column = self.column(item.get("field"), f"{where}.field")
            if column is None:
                continue
            if column.key == self.state:
                self.fail(f"{where}.field", "The state changes to the step's 'to' state; it is not an update.")
                continue
            value = self.value(item.get("value"), f"{where}.value", column, timer=timer)
            if value is not None:
                found.append(Update(column.key, value))
        return tuple(found)

    def value(self, raw: Any, path: str, target: Column | FieldInfo, *, timer: bool) -> Value | None:
        kinds = ("literal", "now", "today", "actor", "field", "calc", "join", "clear")
        if not isinstance(raw, dict) or raw.get("kind") not in kinds:
            self.fail(path, "Choose a value: " + ", ".join(kinds) + ".")
            return None
        kind = raw["kind"]
        shape = {"literal": {"value"}, "field": {"field"}, "calc": {"left", "op", "right"}, "join": {"parts"}}
        self.keys(raw, {"kind", *shape.get(kind, set())}, path)
        kind_type = target.type
        if kind == "literal":
            return self.literal(raw.get("value"), path, target)
        if kind in ("now", "today", "actor"):
            wanted = {"now": ColumnType.DATETIME, "today": ColumnType.DATE, "actor": ColumnType.USER}[kind]
            words = {"now": "The current time", "today": "Today's date", "actor": "The person pressing"}[kind]
            if kind_type != wanted:
                self.fail(path, f"{words} fits only {TYPE_WORDS[wanted]} field; {field_words(target)}.")
                return None
            if kind == "actor" and timer:
                self.fail(path, "A timer moves on by itself: nobody presses it.")
                return None
            made: dict[str, Value] = {"now": Now(), "today": Today(), "actor": Actor()}
            return made[kind]
        if kind == "clear":
            if isinstance(target, Column) and target.required:
                self.fail(path, f"{target.label} is required, so it cannot be emptied.")
                return None
            return Clear()
        if kind == "field":
            source = self.column(raw.get("field"), f"{path}.field")
            if source is None:
                return None
            if not _copies(source.type, kind_type):
                self.fail(
                    f"{path}.field", f"{source.label} cannot be copied into {target.label}; {field_words(source)}."
                )
                return None
            return FieldRef(source.key)
        if kind == "calc":
            return self.calc(raw, path, target)
        return self.join(raw.get("parts"), path, target)

    def literal(self, raw: Any, path: str, target: Column | FieldInfo) -> Literal | None:
        if isinstance(target, Column):
            try:
                value = coerce(target, raw)
            except (ValueError, TypeError, ArithmeticError) as exc:
                self.fail(path, f"{target.label} refuses this value: {exc}")
                return None
            if value is None:
                self.fail(path, f"Give a value for {target.label} (or choose to empty it).")
                return None
        else:
            value = raw
        return Literal(tuple(value) if isinstance(value, list) else value)

    def calc(self, raw: dict[str, Any], path: str, target: Column | FieldInfo) -> Calc | None:
        op = raw.get("op")
        if target.type in NUMERIC:
            if op not in ("+", "-", "*", "/"):
                self.fail(f"{path}.op", "Use +, -, * or /.")
                return None
            left = self.operand(raw.get("left"), f"{path}.left", target, numeric=True)
            right_raw = raw.get("right")
            if isinstance(right_raw, dict) and right_raw.get("kind") == "duration":
                self.fail(f"{path}.right", f"A time span cannot be added to a number; {field_words(target)}.")
                return None
            right = self.operand(right_raw, f"{path}.right", target, numeric=True)
            if isinstance(right, Literal) and op == "/" and _is_zero(right.value):
                self.fail(f"{path}.right", "Dividing by 0 gives no number.")
                return None
            if left is None or right is None:
                return None
            return Calc(left, str(op), right)
        if target.type in TEMPORAL:
            if op not in ("+", "-"):
                self.fail(f"{path}.op", "A date moves forward (+) or back (-).")
                return None
            left = self.operand(raw.get("left"), f"{path}.left", target, numeric=False)
            right_raw = raw.get("right")
            if not isinstance(right_raw, dict) or right_raw.get("kind") != "duration":
                self.fail(f"{path}.right", "Give a time span to move the date by.")
                return None
            whole_days = target.type == ColumnType.DATE
            duration = self.duration(right_raw, f"{path}.right", whole_days=whole_days, total=False)
            if left is None or duration is None:
                return None
            return Calc(left, str(op), duration)
        self.fail(path, f"Only numbers and dates can be worked out; {field_words(target)}.")
        return None

    def operand(self, raw: Any, path: str, target: Column | FieldInfo, *, numeric: bool) -> FieldRef | Literal | None:
        if not isinstance(raw, dict) or raw.get("kind") not in ("field", "literal"):
            self.fail(path, "Give a field or a value.")
            return None
        self.keys(raw, {"kind", "field" if raw["kind"] == "field" else "value"}, path)
        if raw["kind"] == "field":
            source = self.column(raw.get("field"), f"{path}.field")
            if source is None:
                return None
            fits = source.type in NUMERIC if numeric else source.type == target.type
            if not fits:
                self.fail(
                    f"{path}.field", f"{source.label} cannot be used to work out {target.label}; {field_words(source)}."
                )
                return None
            return FieldRef(source.key)
        if numeric:
            number = Column(key="number", label="The number", type=ColumnType.DECIMAL)
            checked = self.literal(raw.get("value"), path, number if isinstance(target, Column) else target)
            return Literal(checked.value) if checked is not None else None
        return self.literal(raw.get("value"), path, target)

    def join(self, raw: Any, path: str, target: Column | FieldInfo) -> Join | None:
        if target.type not in TEXT_TARGETS:
            self.fail(path, f"Text can be joined only into a text field; {field_words(target)}.")
            return None
        parts: list[FieldRef | Text] = []
        items = self.listed(raw, f"{path}.parts", self.limits.join_parts, "parts")
        if not items and isinstance(raw, list):
            self.fail(f"{path}.parts", "Give at least one part to join.")
        for index, item in enumerate(items):
            where = f"{path}.parts.{index}"
            if not isinstance(item, dict) or item.get("kind") not in ("field", "text"):
                self.fail(where, "Each part is a field or some words.")
                continue
            self.keys(item, {"kind", "field" if item["kind"] == "field" else "value"}, where)
            if item["kind"] == "field":
                source = self.column(item.get("field"), f"{where}.field")
                if source is not None:
                    parts.append(FieldRef(source.key))
                continue
            text = item.get("value")
            if not isinstance(text, str) or not text or len(text) > MAX_TEXT_PART or _CONTROL.search(text):
                self.fail(f"{where}.value", f"Give 1 to {MAX_TEXT_PART} characters.")
                continue
            parts.append(Text(text))
        return Join(tuple(parts)) if len(parts) == len(items) and parts else None

    # Conditions ---------------------------------------------------------------------------

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


def _copies(source: ColumnType, target: ColumnType) -> bool:
    if source == target or (source in NUMERIC and target in NUMERIC):
        return True
    return target in TEXT_TARGETS and (source in TEXTUAL or source == ColumnType.CHOICE)


def _is_zero(value: Any) -> bool:
    try:
        return float(value) == 0
    except (TypeError, ValueError):
        return False
