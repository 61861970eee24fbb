"""Form layouts: which columns a blueprint's form shows, in which sections and order."""

from __future__ import annotations

from typing import Any

from engine.schema.errors import SchemaError
from engine.schema.schema import Schema

MAX_SECTIONS = 50


def default_form(schema: Schema) -> dict[str, Any]:
    """Every column, in order, in one untitled section."""
    return {"sections": [{"title": "", "fields": list(schema.keys())}]}


def parse_form(schema: Schema, raw: Any, where: str = "form") -> dict[str, Any]:
    """A checked form layout; a column may appear once; None means the default layout."""
    if raw is None:
        return default_form(schema)
    errors: dict[str, list[str]] = {}
    sections = raw.get("sections") if isinstance(raw, dict) else None
    if not isinstance(sections, list) or len(sections) > MAX_SECTIONS or set(raw) - {"sections"}:
        raise SchemaError(
            {where: [f'Use {{"sections": [{{"title": ..., "fields": [...]}}]}}, at most {MAX_SECTIONS}.']}
        )
    seen: set[str] = set()
    clean: list[dict[str, Any]] = []
    for index, section in enumerate(sections):
        path = f"{where}.sections.{index}"
        if not isinstance(section, dict) or set(section) - {"title", "fields"}:
            errors[path] = ["Each section has a title and a list of fields."]
            continue
        title = section.get("title") or ""
        fields = section.get("fields") or []
        if not isinstance(title, str) or len(title) > 120:
            errors[f"{path}.title"] = ["At most 120 characters."]
        if not isinstance(fields, list):
            errors[f"{path}.fields"] = ["Give a list of column keys."]
            continue
        for position, key in enumerate(fields):
            if not isinstance(key, str) or schema.column(key) is None:
                errors[f"{path}.fields.{position}"] = [f"No column '{key}' in this blueprint."]
            elif key in seen:
                errors[f"{path}.fields.{position}"] = [f"'{key}' is already on the form."]
            else:
                seen.add(key)
        clean.append(
            {"title": title if isinstance(title, str) else "", "fields": [f for f in fields if isinstance(f, str)]}
        )
    for column in schema.columns:
        if column.required and column.default is None and column.key not in seen:
            errors.setdefault(where, []).append(f"'{column.label}' is required, so it must be on the form.")
    if errors:
        raise SchemaError(errors)
    return {"sections": clean}
