"""What a blueprint draft changes against its last published version, column by column, in plain words.

Each change is ``{"kind": "column", "key", "name", "details"}`` (``kind`` ``form`` for the layout
of the form); columns are matched by key, so a renamed key is one column removed and one added.
"""

from __future__ import annotations

from typing import Any

from engine.schema.columns import TYPE_LABELS, Column
from engine.schema.schema import Schema

Changes = dict[str, list[dict[str, Any]]]


def column_changes(old: Schema | None, new: Schema, *, form_changed: bool = False) -> Changes:
    """Columns added, removed and changed from ``old`` (None: nothing published yet) to ``new``."""
    before = {c.key: c for c in old.columns} if old is not None else {}
    after = {c.key: c for c in new.columns}
    result: Changes = {"added": [], "removed": [], "changed": []}
    for key, column in after.items():
        if key not in before:
            result["added"].append(_item(column, [_described(column)]))
    for key, column in before.items():
        if key not in after:
            result["removed"].append(_item(column, []))
    for key, column in after.items():
        earlier = before.get(key)
        if earlier is not None:
            details = _differences(earlier, column)
            if details:
                result["changed"].append(_item(column, details))
    if old is not None and [k for k in after if k in before] != [k for k in before if k in after]:
        result["changed"].append({"kind": "order", "key": "", "name": "Order of the columns", "details": []})
    if old is not None and form_changed:
        result["changed"].append({"kind": "form", "key": "", "name": "Form layout", "details": []})
    return result


def _item(column: Column, details: list[str]) -> dict[str, Any]:
    return {"kind": "column", "key": column.key, "name": column.label, "details": details}


def _type(column: Column) -> str:
    return TYPE_LABELS[column.type].lower()


def _described(column: Column) -> str:
    text = f"A {_type(column)} column"
    if column.options:
        text += f" with {_listed([o.value for o in column.options])}"
    if column.reference:
        text += f" linking to {column.reference}"
    return text + (", required." if column.required else ".")


def _differences(old: Column, new: Column) -> list[str]:
    found = []
    if old.label != new.label:
        found.append(f"Renamed from '{old.label}' to '{new.label}'.")
    if old.type != new.type:
        found.append(f"Now a {_type(new)} column; was a {_type(old)} column.")
    if old.required != new.required:
        found.append("Now required." if new.required else "No longer required.")
    if old.default != new.default:
        found.append(f"Default value now {_shown(new.default)}; was {_shown(old.default)}.")
    old_values, new_values = old.option_values(), new.option_values()
    added = [v for v in new_values if v not in old_values]
    removed = [v for v in old_values if v not in new_values]
    if added:
        found.append(f"Options added: {_listed(added)}.")
    if removed:
        found.append(f"Options removed: {_listed(removed)}.")
    old_options = {o.value: o for o in old.options}
    relabelled = [o.value for o in new.options if o.value in old_options and old_options[o.value] != o]
    if relabelled:
        found.append(f"Label or colour changed for {_listed(relabelled)}.")
    if (
        not added
        and not removed
        and [v for v in new_values if v in old_values] != [v for v in old_values if v in new_values]
    ):
        found.append("Options reordered.")
    if old.rules != new.rules:
        found.append("Its rules changed.")
    if old.reference != new.reference:
        found.append(f"Now links to {new.reference}; linked to {old.reference}.")
    if old.help_text != new.help_text:
        found.append("Its help text changed.")
    return found


def _shown(value: Any) -> str:
    return "none" if value is None or value == "" else f"'{value}'"


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
