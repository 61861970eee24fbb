"""/api/tenants/<slug>/views: each person's saved views of the records (filter, sort, visible columns,
grid or board and the board's grouping column)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from flask.views import MethodView
from marshmallow import Schema, fields, validate
from sqlalchemy import select

from core import db
from core.errors import Invalid, NotFound
from core.identity.access import READ, open_tenant
from core.web import current_user_id, paged, signed_in_route, tenant_blueprint
from designer.blueprints.models import Blueprint
from designer.blueprints.queries import get_blueprint
from engine.schema import FieldErrors
from engine.schema import Schema as ColumnSchema
from engine.schema.columns import ColumnType
from engine.schema.filters import parse_filter, parse_sort
from runtime.views.models import SavedView

bp = tenant_blueprint("views", __name__, "/views", "Saved grid views, per person.")
MAX_CONFIG_BYTES = 20_000
LAYOUTS = ("grid", "board")


class ViewConfig(Schema):
    filter = fields.Raw(load_default=None)
    sort = fields.List(fields.Dict(), load_default=None)
    columns = fields.List(fields.String(), load_default=None)
    layout = fields.String(
        load_default=None, metadata={"description": "How the records show: grid (the default) or board."}
    )
    group_by = fields.String(
        load_default=None, metadata={"description": "Key of the choice column the board groups by."}
    )


class ViewIn(Schema):
    blueprint = fields.String(required=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=80))
    config = fields.Nested(ViewConfig, required=True)


class ViewUpdate(Schema):
    name = fields.String(validate=validate.Length(min=1, max=80))
    config = fields.Nested(ViewConfig)


class ViewOut(Schema):
    id = fields.UUID()
    name = fields.String()
    blueprint = fields.String()
    config = fields.Dict()
    updated_at = fields.DateTime()


class ViewList(Schema):
    items = fields.List(fields.Nested(ViewOut))


class ViewArgs(Schema):
    blueprint = fields.String(required=True)


def _check(blueprint: Blueprint, config: dict[str, Any]) -> dict[str, Any]:
    if len(json.dumps(config)) > MAX_CONFIG_BYTES:
        raise Invalid({"config": ["This view is too large."]})
    schema = ColumnSchema.parse(blueprint.current_version.columns) if blueprint.current_version else ColumnSchema(())
    try:
        parse_filter(schema, config.get("filter"))
        parse_sort(schema, config.get("sort"))
    except FieldErrors as exc:
        raise Invalid({f"config.{k}": v for k, v in exc.errors.items()}) from exc
    unknown = [
        c
        for c in config.get("columns") or []
        if schema.column(c) is None and c not in ("id", "created_at", "updated_at")
    ]
    if unknown:
        raise Invalid({"config.columns": [f"No column '{unknown[0]}' in {blueprint.name}."]})
    layout = config.get("layout")
    if layout is not None and layout not in LAYOUTS:
        raise Invalid({"config.layout": [f"{layout} is not a layout; use grid or board."]})
    group_by = config.get("group_by")
    column = schema.column(group_by) if group_by is not None else None
    if group_by is not None and (column is None or column.type != ColumnType.CHOICE):
        raise Invalid({"config.group_by": [f"{blueprint.name} has no choice column '{group_by}'."]})
    return config


def _view(view: SavedView, key: str) -> dict[str, Any]:
    return {"id": view.id, "name": view.name, "blueprint": key, "config": view.config, "updated_at": view.updated_at}


def _mine(view_id: uuid.UUID) -> SavedView:
    view = db.session.get(SavedView, view_id)
    if view is None or view.user_id != current_user_id() or view.tenant_id != db.session.info.get("tenant_id"):
        raise NotFound("No such view.")
    return view


def _name_free(user_id: int, blueprint_id: uuid.UUID, name: str, except_id: uuid.UUID | None = None) -> None:
    query = select(SavedView.id).where(
        SavedView.user_id == user_id, SavedView.blueprint_id == blueprint_id, SavedView.name == name
    )
    if except_id:
        query = query.where(SavedView.id != except_id)
    if db.session.scalars(query).first() is not None:
        raise Invalid({"name": ["You already have a view with this name."]})


@signed_in_route(bp, "")
class Views(MethodView):
    @paged(bp, ViewArgs, ViewList)
    def get(self, args: dict[str, Any], slug: str) -> dict[str, Any]:
        """My saved views of a blueprint's grid, by name."""
        open_tenant(db.session(), slug, current_user_id(), READ)
        blueprint = get_blueprint(db.session(), args["blueprint"])
        views = db.session.scalars(
            select(SavedView)
            .where(SavedView.user_id == current_user_id(), SavedView.blueprint_id == blueprint.id)
            .order_by(SavedView.name)
            .limit(100)
        )
        return {"items": [_view(v, blueprint.key) for v in views]}

    @bp.arguments(ViewIn)
    @bp.response(201, ViewOut)
    def post(self, data: dict[str, Any], slug: str) -> dict[str, Any]:
        membership = open_tenant(db.session(), slug, current_user_id(), READ)
        blueprint = get_blueprint(db.session(), data["blueprint"])
        _name_free(current_user_id(), blueprint.id, data["name"])
        view = SavedView(
            tenant_id=membership.tenant_id,
            user_id=current_user_id(),
            blueprint_id=blueprint.id,
            name=data["name"],
            config=_check(blueprint, data["config"]),
        )
        db.session.add(view)
        db.session.flush()
        return _view(view, blueprint.key)


@signed_in_route(bp, "/<uuid:view_id>")
class ViewItem(MethodView):
    @bp.arguments(ViewUpdate)
    @bp.response(200, ViewOut)
    def patch(self, data: dict[str, Any], slug: str, view_id: uuid.UUID) -> dict[str, Any]:
        open_tenant(db.session(), slug, current_user_id(), READ)
        view = _mine(view_id)
        blueprint = db.session.get(Blueprint, view.blueprint_id)
        assert blueprint is not None
        if "name" in data:
            _name_free(current_user_id(), blueprint.id, data["name"], except_id=view.id)
            view.name = data["name"]
        if "config" in data:
            view.config = _check(blueprint, data["config"])
        db.session.flush()
        return _view(view, blueprint.key)

    @bp.response(204)
    def delete(self, slug: str, view_id: uuid.UUID) -> None:
        open_tenant(db.session(), slug, current_user_id(), READ)
        db.session.delete(_mine(view_id))
        db.session.flush()
