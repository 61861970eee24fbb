"""Version change plans: per column, keep, rename, convert, add with a default, or drop."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.schema.columns import Column
from engine.schema.errors import SchemaError
from engine.schema.schema import Schema
from engine.schema.values import coerce

KINDS = ("keep", "rename", "convert", "add", "drop")


@dataclass(frozen=True)
class Step:
    """One line of a plan. ``source`` feeds ``target`` (keep/rename/convert); add sets ``default``."""

    kind: str
    source: str | None = None
    target: str | None = None
    default: Any = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind}
        if self.source is not None:
            data["source"] = self.source
        if self.target is not None:
            data["target"] = self.target
        if self.kind == "add":
            data["default"] = self.default
        return data


@dataclass(frozen=True)
class Plan:
    steps: tuple[Step, ...]

    def to_list(self) -> list[dict[str, Any]]:
        return [step.to_dict() for step in self.steps]

    def feeding(self, target: str) -> Step | None:
        for step in self.steps:
            if step.target == target:
                return step
        return None


def default_plan(source: Schema, target: Schema) -> Plan:
    """Match columns by key: keep (or convert when the type changed), add new ones, drop the rest."""
    steps: list[Step] = []
    for column in target.columns:
        old = source.column(column.key)
        if old is None:
            steps.append(Step("add", target=column.key, default=column.default))
        elif old.type == column.type:
            steps.append(Step("keep", source=column.key, target=column.key))
        else:
            steps.append(Step("convert", source=column.key, target=column.key))
    for column in source.columns:
        if target.column(column.key) is None:
            steps.append(Step("drop", source=column.key))
    return Plan(tuple(steps))


def parse_plan(raw: Any, source: Schema, target: Schema) -> Plan:
    """Check a plan from its JSON form; every target column must be fed exactly once."""
    if not isinstance(raw, list):
        raise SchemaError({"plan": ["Give a list of steps."]})
    errors: dict[str, list[str]] = {}
    steps: list[Step] = []
    fed: set[str] = set()
    used: set[str] = set()
    for index, item in enumerate(raw):
        path = f"plan.{index}"
        if not isinstance(item, dict) or item.get("kind") not in KINDS:
            errors[path] = ["Each step has a kind: " + ", ".join(KINDS) + "."]
            continue
        kind, src, dst = item["kind"], item.get("source"), item.get("target")
        try:
            source_column = _claim(source, src, used, "old", "used") if kind != "add" else None
        except ValueError as exc:
            errors[f"{path}.source"] = [str(exc)]
            continue
        if kind == "drop":
            steps.append(Step("drop", source=str(src)))
            continue
        try:
            target_column = _claim(target, dst, fed, "new", "filled")
        except ValueError as exc:
            errors[f"{path}.target"] = [str(exc)]
            continue
        default = None
        if kind == "add":
            try:
                default = coerce(target_column, item.get("default", target_column.default))
            except ValueError as exc:
                errors[f"{path}.default"] = [str(exc)]
                continue
        else:
            assert source_column is not None
            same = source_column.type == target_column.type
            if kind in ("keep", "rename") and not same:
                errors[f"{path}.kind"] = ["The type changes here; use convert."]
                continue
            if kind == "keep" and src != dst:
                errors[f"{path}.kind"] = ["The key changes here; use rename."]
                continue
        steps.append(Step(kind, source=None if kind == "add" else str(src), target=str(dst), default=default))
    for column in target.columns:
        if column.key not in fed:
            errors.setdefault("plan", []).append(f"Say where '{column.key}' comes from (or add it with a default).")
    for column in source.columns:
        if column.key not in used:
            errors.setdefault("plan", []).append(f"Say what happens to '{column.key}' (keep, convert or drop).")
    if errors:
        raise SchemaError(errors)
    return Plan(tuple(steps))


def _claim(schema: Schema, key: Any, claimed: set[str], version: str, verb: str) -> Column:
    """The column ``key`` names in the ``version`` ("old" or "new") schema, claimed for one step;
    ValueError when there is none, or when another step ``verb`` it already (used, filled)."""
    column = schema.column(str(key))
    if column is None:
        raise ValueError(f"The {version} version has no column '{key}'.")
    if key in claimed:
        raise ValueError(f"'{key}' is {verb} twice.")
    claimed.add(str(key))
    return column
