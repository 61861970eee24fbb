"""Changing one record's version, keeping aside whatever the target cannot hold.

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

from engine.schema.columns import Column
from engine.schema.schema import Schema
from engine.version_change.convert import UTC_ZONE, convert, round_trips
from engine.version_change.plan import Plan, Step


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


@dataclass(frozen=True)
class _Move:
    """One plan step with everything that does not depend on the record worked out once."""

    step: Step
    source_key: str | None
    target_key: str | None
    source_column: Column | None
    target_column: Column | None
    identical: bool  # the target column accepts exactly the source's values: nothing to convert


class VersionChange:
    """``plan`` from ``source`` to ``target``, prepared once and applied to record after record.

    ``zone`` is the workspace's timezone (which day a moment falls on).
    """

    def __init__(
        self,
        source: Schema,
        source_id: str,
        target: Schema,
        target_id: str,
        plan: Plan,
        zone: ZoneInfo = UTC_ZONE,
    ) -> None:
        self.source_id, self.target_id, self.zone = source_id, target_id, zone
        self.required = [column.key for column in target.columns if column.required]
        self.moves = [self._prepare(step, source, target) for step in plan.steps]

    @staticmethod
    def _prepare(step: Step, source: Schema, target: Schema) -> _Move:
        old = source.column(step.source) if step.source is not None else None
        new = target.column(step.target) if step.target is not None else None
        identical = (
            old is not None
            and new is not None
            and (old == new or (step.kind == "rename" and _same_definition(old, new)))
        )
        return _Move(step, step.source, step.target, old, new, identical)

    def apply(self, data: dict[str, Any], aside: dict[str, Any]) -> Outcome:
        """Move one record's values; its values the target cannot hold go to the returned aside."""
        result: dict[str, Any] = {}
        stash: dict[str, Any] = {}
        errors: dict[str, str] = {}
        lossy: list[str] = []
        previous: dict[str, Any] = aside.get(self.target_id) or {}
        for move in self.moves:
            step, source_key, target_key = move.step, move.source_key, move.target_key
            value = data.get(source_key) if source_key is not None else None
            restored = _restorable(step, data, previous) if previous else _NOTHING
            if step.kind == "add":
                if restored is not _NOTHING:
                    result[str(target_key)] = restored
                elif step.default is not None:
                    result[str(target_key)] = step.default
                continue
            if value is None:
                if restored is not _NOTHING:
                    result[str(target_key)] = restored
                continue
            if step.kind == "drop":
                stash[str(source_key)] = {"value": value}
                lossy.append(str(source_key))
                continue
            source_column, target_column = move.source_column, move.target_column
            assert source_column is not None and target_column is not None and target_key is not None
            if move.identical:
                produced: Any = value  # the same definition holds the same values: nothing to check
            else:
                try:
                    produced = convert(value, source_column, target_column, self.zone)
                except ValueError as exc:
                    if restored is _NOTHING:
                        errors[target_key] = f"{value!r}: {exc}"
                        continue
                    produced = None
                if produced != value or source_column.type != target_column.type:
                    stash[str(source_key)] = {"value": value, "to": target_key, "produced": produced}
                    if produced is None or not round_trips(value, produced, source_column, target_column, self.zone):
                        lossy.append(str(source_key))
            if restored is not _NOTHING:
                result[target_key] = restored
            elif produced is not None:
                result[target_key] = produced
        for entry in stash.values():
            if "to" in entry:
                entry["produced"] = result.get(entry["to"])  # what the record holds now, restored or converted
        for key in self.required:
            if result.get(key) is None and key not in errors:
                errors[key] = "Required in the new version, and this record has no value for it."
        if errors:
            return Outcome("fail", errors=errors)
        new_aside = {k: v for k, v in aside.items() if k != self.target_id} if aside else {}
        if stash:
            new_aside[self.source_id] = stash
        return Outcome("lossy" if lossy else "clean", data=result, aside=new_aside, kept_aside=tuple(lossy))


def change_version(
    data: dict[str, Any],
    aside: dict[str, Any],
    source: Schema,
    source_id: str,
    target: Schema,
    target_id: str,
    plan: Plan,
    zone: ZoneInfo = UTC_ZONE,
) -> Outcome:
    """Move one record from ``source`` to ``target`` following ``plan`` (see ``VersionChange``)."""
    return VersionChange(source, source_id, target, target_id, plan, zone).apply(data, aside)


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
