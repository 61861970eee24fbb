"""The steps model: a flow as a table of transitions and timers over one state column.

Every class is frozen, so two models compare by value (``parse(to_json(s)) == s``). ``Basis``
is what the steps were checked against (the state's options in order, and the type and label of
every field they use): the BPMN is generated from it, and it travels inside the diagram so a
diagram reads back to the very same model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from engine.schema.columns import ColumnType

VERSION = 1


@dataclass(frozen=True)
class Limits:
    """How large a steps table may be (the runtime may pass its own)."""

    transitions: int = 100
    timers: int = 50
    updates: int = 30
    form: int = 50
    join_parts: int = 20
    max_days: int = 3650


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Who:
    """Who may press a button: ``role`` (role), ``member`` (email), ``field`` (a user field), ``anyone``."""

    kind: str
    role: str | None = None
    email: str | None = None
    field: str | None = None


@dataclass(frozen=True)
class Literal:
    value: Any  # the field's stored form; several choices are a tuple


@dataclass(frozen=True)
class Now:
    pass


@dataclass(frozen=True)
class Today:
    pass


@dataclass(frozen=True)
class Actor:
    pass


@dataclass(frozen=True)
class Clear:
    pass


@dataclass(frozen=True)
class FieldRef:
    field: str


@dataclass(frozen=True)
class Duration:
    days: int = 0
    hours: int = 0
    minutes: int = 0

    def iso(self) -> str:
        """ISO 8601, like ``P2DT3H``."""
        text = f"P{self.days}D" if self.days else "P"
        time = (f"{self.hours}H" if self.hours else "") + (f"{self.minutes}M" if self.minutes else "")
        return text + ("T" + time if time else "")


@dataclass(frozen=True)
class Calc:
    left: FieldRef | Literal
    op: str  # + - * /
    right: FieldRef | Literal | Duration


@dataclass(frozen=True)
class Text:
    value: str


@dataclass(frozen=True)
class Join:
    parts: tuple[FieldRef | Text, ...]


Value = Literal | Now | Today | Actor | Clear | FieldRef | Calc | Join


@dataclass(frozen=True)
class Update:
    field: str
    value: Value


@dataclass(frozen=True)
class Check:
    """One condition of the grid's filter builder: ``column op value`` (value in stored form)."""

    column: str
    op: str
    value: Any = None  # between/in: a tuple; within: ("last"|"next", days)


@dataclass(frozen=True)
class Group:
    kind: str  # "and" | "or"
    children: tuple[Check | Group, ...]


@dataclass(frozen=True)
class Transition:
    id: str
    label: str
    from_: tuple[str, ...]
    to: str
    who: Who
    form: tuple[str, ...] = ()
    updates: tuple[Update, ...] = ()
    condition: Group | None = None


@dataclass(frozen=True)
class Timer:
    id: str
    state: str
    after: Duration
    to: str
    updates: tuple[Update, ...] = ()


@dataclass(frozen=True)
class FieldInfo:
    key: str
    type: ColumnType
    label: str


@dataclass(frozen=True)
class Basis:
    """The state column's options, in order, and each field the steps use."""

    states: tuple[str, ...] = ()
    fields: tuple[FieldInfo, ...] = ()

    def field(self, key: str) -> FieldInfo | None:
        for info in self.fields:
            if info.key == key:
                return info
        return None


@dataclass(frozen=True)
class Steps:
    state: str
    initial: str | None = None
    transitions: tuple[Transition, ...] = ()
    timers: tuple[Timer, ...] = ()
    basis: Basis = field(default_factory=Basis)
    version: int = VERSION

    def ways_out(self) -> tuple[str, ...]:
        """States with a button or a timer, in the order of the state's options."""
        used = {s for t in self.transitions for s in t.from_} | {t.state for t in self.timers}
        return tuple(s for s in self.basis.states if s in used)
