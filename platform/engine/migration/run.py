"""Migrating one record between versions, keeping aside whatever the target cannot hold.

``aside`` maps a version id to the values set aside when the record left that version:
``{column_key: {"value": v}}`` for a dropped column, ``{"value": v, "to": key, "produced": p}``
for a converted one. Arriving back at that version restores them (a converted value only when
the converted column still holds what the conversion produced, so later edits win), which
makes forward-then-backward the identity.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any
from zoneinfo import ZoneInfo

from engine.migration.convert import UTC_ZONE, convert, round_trips
from engine.migration.plan import Plan, Step
from engine.schema.columns import Column
from engine.schema.schema import Schema


@dataclass(frozen=True)
class Outcome:
    status: str  # "clean", "lossy" or "fail"
    data: dict[str, Any] = field(default_factory=dict)
    aside: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    kept_aside: tuple[str, ...] = ()


def inverse(plan: Plan) -> Plan:
    """The plan that undoes ``plan`` column by column."""
    steps: list[Step] = []
    for step in plan.steps:
        if step.kind == "add":
            steps.append(Step("drop", source=step.target))
        elif step.kind == "drop":
            steps.append(Step("add", target=step.source))
        else:
            steps.append(Step(step.kind, source=step.target, target=step.source))
    return Plan(tuple(steps))


def migrate_record(
    data: dict[str, Any],
    aside: dict[str, Any],
    source: Schema,
    source_id: str,
    target: Schema,
    target_id: str,
    plan: Plan,
    zone: ZoneInfo = UTC_ZONE,
) -> Outcome:
    """Move one record's values from ``source`` to ``target`` following ``plan``.

    ``zone`` is the workspace's timezone (which day a moment falls on).
    """
    result: dict[str, Any] = {}
    stash: dict[str, Any] = {}
    errors: dict[str, str] = {}
    lossy: list[str] = []
    previous: dict[str, Any] = aside.get(target_id) or {}
    for step in plan.steps:
        value = data.get(str(step.source)) if step.source is not None else None
        restored = _restorable(step, data, previous)
        if step.kind == "add":
            if restored is not _NOTHING:
                result[str(step.target)] = restored
            elif step.default is not None:
                result[str(step.target)] = step.default
            continue
        if value is None:
            if restored is not _NOTHING:
                result[str(step.target)] = restored
            continue
        if step.kind == "drop":
            stash[str(step.source)] = {"value": value}
            lossy.append(str(step.source))
            continue
        source_column, target_column = source.column(str(step.source)), target.column(str(step.target))
        assert source_column is not None and target_column is not None
        if source_column == target_column or (step.kind == "rename" and _same_definition(source_column, target_column)):
            produced: Any = value  # the same definition holds the same values: nothing to check
        else:
            try:
                produced = convert(value, source_column, target_column, zone)
            except ValueError as exc:
                if restored is _NOTHING:
                    errors[str(step.target)] = f"{value!r}: {exc}"
                    continue
                produced = None
            if produced != value or source_column.type != target_column.type:
                stash[str(step.source)] = {"value": value, "to": step.target, "produced": produced}
                if produced is None or not round_trips(value, produced, source_column, target_column, zone):
                    lossy.append(str(step.source))
        if restored is not _NOTHING:
            result[str(step.target)] = restored
        elif produced is not None:
            result[str(step.target)] = produced
    for entry in stash.values():
        if "to" in entry:
            entry["produced"] = result.get(entry["to"])  # what the record holds now, restored or converted
    for column in target.columns:
        if column.required and result.get(column.key) is None and column.key not in errors:
            errors[column.key] = "Required in the new version, and this record has no value for it."
    if errors:
        return Outcome("fail", errors=errors)
    new_aside = {k: v for k, v in aside.items() if k != target_id}
    if stash:
        new_aside[source_id] = stash
    return Outcome("lossy" if lossy else "clean", data=result, aside=new_aside, kept_aside=tuple(lossy))


_NOTHING = object()


def _same_definition(a: Column, b: Column) -> bool:
    """Two columns that differ by key only accept exactly the same values."""
    return replace(a, key=b.key, label=b.label, help_text=b.help_text) == b


def _restorable(step: Step, data: dict[str, Any], previous: dict[str, Any]) -> Any:
    """The value set aside for ``step.target`` when the record left the target version, if it applies."""
    if step.target is None or step.target not in previous:
        return _NOTHING
    entry = previous[step.target]
    if "to" not in entry:  # dropped on the way out: it comes back unless new data feeds the column
        if step.kind == "add" or data.get(str(step.source)) is None:
            return entry["value"]
        return _NOTHING
    if step.source == entry["to"] and data.get(entry["to"]) == entry["produced"]:
        return entry["value"]  # unchanged since it was converted: the original is exact
    return _NOTHING
