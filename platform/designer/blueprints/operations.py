"""Blueprint use cases: create, edit the draft, publish a version, move to the Trash. They flush."""

from __future__ import annotations

import logging
import re
import unicodedata
import uuid
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from core import clock
from core.audit.operations import record_definition
from core.errors import Invalid
from core.events import emit
from designer.blueprints.models import Blueprint, BlueprintVersion
from designer.versioned import operations as versioned
from designer.versioned.queries import next_number
from engine.schema import Schema, SchemaError
from engine.schema.forms import parse_form

log = logging.getLogger(__name__)


def key_from_name(name: str) -> str:
    """A blueprint key from its name: 'Stock item' -> 'stock_item'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    key = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")
    if not key or not key[0].isalpha():
        key = f"b_{key}" if key else "blueprint"
    return key[:63].rstrip("_")


def _check_draft(columns: Any, form: Any, where: str) -> tuple[Schema, dict[str, Any]]:
    try:
        schema = Schema.parse(columns)
        return schema, parse_form(schema, form, where=f"{where}form")
    except SchemaError as exc:
        raise Invalid({f"{where}{path}": messages for path, messages in exc.errors.items()}) from exc


def create_blueprint(db_session: Session, tenant_id: uuid.UUID, data: dict[str, Any]) -> Blueprint:
    name = versioned.given_name(data["name"], "blueprint")
    key = data.get("key") or key_from_name(name)
    schema, form = _check_draft(data.get("columns", []), data.get("form"), "")
    versioned.check_unique(db_session, Blueprint, "blueprint", name, key)
    blueprint = Blueprint(
        tenant_id=tenant_id,
        key=key,
        name=name,
        description=data.get("description", ""),
        draft_columns=schema.to_list(),
        draft_form=form,
        flow_fields_editable=bool(data.get("flow_fields_editable", False)),
    )
    db_session.add(blueprint)
    db_session.flush()
    log.info("blueprint created", extra={"blueprint_id": str(blueprint.id), "tenant_id": str(tenant_id)})
    return blueprint


def update_blueprint(db_session: Session, blueprint: Blueprint, data: dict[str, Any]) -> Blueprint:
    versioned.check_lock(blueprint, data["lock_version"], "blueprint")
    if set(data) == {"lock_version", "flow_fields_editable"}:
        return _set_flow_fields_editable(db_session, blueprint, data["flow_fields_editable"])
    versioned.edit_name_and_description(db_session, blueprint, data, "blueprint")
    if "flow_fields_editable" in data:  # applies at once, like the name: it is no part of a version
        blueprint.flow_fields_editable = data["flow_fields_editable"]
    if "draft" in data:
        schema, form = _check_draft(data["draft"]["columns"], data["draft"].get("form"), "draft.")
        blueprint.draft_columns = schema.to_list()
        blueprint.draft_form = form
        blueprint.draft_changed = _differs_from_current(blueprint)
    blueprint.updated_at = clock.now()
    db_session.flush()
    return blueprint


def _set_flow_fields_editable(db_session: Session, blueprint: Blueprint, allowed: bool) -> Blueprint:
    """The switch alone, which applies at once and is no part of the draft: written without taking
    the lock, so a draft open in the designer at the same time still saves."""
    now = clock.now()
    db_session.execute(
        update(Blueprint)
        .where(Blueprint.id == blueprint.id)
        .values(flow_fields_editable=allowed, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    set_committed_value(blueprint, "flow_fields_editable", allowed)
    set_committed_value(blueprint, "updated_at", now)
    return blueprint


def _differs_from_current(blueprint: Blueprint) -> bool:
    current = blueprint.current_version
    return current is None or current.columns != blueprint.draft_columns or current.form != blueprint.draft_form


def publish_problems(db_session: Session, blueprint: Blueprint) -> list[dict[str, str]]:
    """What stops the draft from being published, each ``{"field", "message"}``: the preview
    shows them and publishing refuses them (422, keyed by field)."""
    try:
        _check_draft(blueprint.draft_columns, blueprint.draft_form, "draft.")
    except Invalid as exc:
        return [{"field": path, "message": m} for path, messages in (exc.errors or {}).items() for m in messages]
    schema = Schema.parse(blueprint.draft_columns)
    if not schema.columns:
        return [{"field": "draft.columns", "message": "Add at least one column before publishing."}]
    found = []
    if blueprint.current_version is not None and not _differs_from_current(blueprint):
        message = f"Nothing changed since version {blueprint.current_version.number}."
        found.append({"field": "draft", "message": message})
    found += [
        {"field": path, "message": message}
        for path, messages in _reference_errors(db_session, blueprint, schema).items()
        for message in messages
    ]
    return found


def publish_blueprint(db_session: Session, blueprint: Blueprint, lock_version: int, user_id: int) -> BlueprintVersion:
    """Freeze the draft as the next immutable version; refused with what ``publish_problems`` finds."""
    versioned.check_lock(blueprint, lock_version, "blueprint")
    problems = publish_problems(db_session, blueprint)
    if problems:
        errors: dict[str, list[str]] = {}
        for item in problems:
            errors.setdefault(item["field"], []).append(item["message"])
        raise Invalid(errors)
    schema, form = _check_draft(blueprint.draft_columns, blueprint.draft_form, "draft.")
    number = next_number(db_session, BlueprintVersion, BlueprintVersion.blueprint_id, blueprint.id)
    version = BlueprintVersion(
        tenant_id=blueprint.tenant_id,
        blueprint_id=blueprint.id,
        number=number,
        columns=schema.to_list(),
        form=form,
        published_at=clock.now(),
        published_by=user_id,
    )
    versioned.make_current(db_session, blueprint, version, "blueprint", user_id)
    data = {
        "blueprint": {"id": str(blueprint.id), "key": blueprint.key, "name": blueprint.name},
        "version": number,
        "columns": version.columns,
    }
    emit(db_session, "blueprint.published", blueprint.tenant_id, data, user_id=user_id, blueprint_id=blueprint.id)
    return version


def _reference_errors(db_session: Session, blueprint: Blueprint, schema: Schema) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for index, column in enumerate(schema.columns):
        if column.reference is None:
            continue
        target = db_session.scalars(
            select(Blueprint).where(Blueprint.key == column.reference, Blueprint.deleted_at.is_(None))
        ).first()
        if target is None or (target.id != blueprint.id and target.current_version_id is None):
            errors[f"draft.columns.{index}.reference"] = [
                f"'{column.reference}' is not a published blueprint of this workspace."
            ]
    return errors


def delete_blueprint(db_session: Session, blueprint: Blueprint, user_id: int | None) -> None:
    """Move the blueprint to the Trash; its entities are kept."""
    blueprint.deleted_at = clock.now()
    db_session.flush()
    record_definition(db_session, "blueprint.deleted", "blueprint", blueprint, user_id)


def add_column(
    db_session: Session, blueprint: Blueprint, column: dict[str, Any], user_id: int, field: str, why: str
) -> BlueprintVersion:
    """Add ``column`` to a published blueprint and publish the next version at once (adding a column
    loses nothing). Refused, naming ``field``, when the draft has changes of its own: those are the
    author's to publish or discard, not ours to publish along."""
    current = blueprint.current_version
    if current is None:
        raise Invalid({field: [f"Publish {blueprint.name} first."]})
    if _differs_from_current(blueprint):
        raise Invalid(
            {
                field: [
                    f"{why} {blueprint.name} has changes that are not published yet: publish or discard them "
                    "in the blueprint designer first, then try again."
                ]
            }
        )
    draft = {"columns": [*current.columns, column], "form": current.form}
    update_blueprint(db_session, blueprint, {"lock_version": blueprint.lock_version, "draft": draft})
    version = publish_blueprint(db_session, blueprint, blueprint.lock_version, user_id)
    log.info("column added", extra={"blueprint_id": str(blueprint.id), "column": column.get("key")})
    return version
