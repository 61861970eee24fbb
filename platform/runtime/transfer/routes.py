"""CSV import and export of records, and signed download links."""

from __future__ import annotations

import uuid
from typing import Any

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint as ApiBlueprint
from marshmallow import Schema as Ma
from marshmallow import fields, validate
from sqlalchemy import select
from werkzeug.wrappers import Response

from core import db
from core.errors import Invalid, NotFound
from core.files import storage
from core.files.models import StoredFile
from core.identity.access import EDIT, READ, open_tenant
from core.web import current_user_id, signed_in_route
from designer.blueprints.queries import get_blueprint
from engine.schema import Schema
from runtime.jobs.schemas import JobOut
from runtime.transfer import csvfile, export, importing
from runtime.transfer.links import file_key_from

bp = ApiBlueprint("transfer", __name__, url_prefix="/api", description="CSV import and export.")


class ExportIn(Ma):
    blueprint = fields.String(required=True)
    filter = fields.String(load_default=None)
    sort = fields.String(load_default=None)
    q = fields.String(load_default=None)
    excel = fields.Boolean(
        load_default=False,
        metadata={"description": "Excel-friendly: a byte order mark; in German workspaces ; and decimal commas."},
    )


class UploadOut(Ma):
    file_id = fields.UUID()
    headers = fields.List(fields.String())
    sample = fields.List(fields.List(fields.String()))
    rows = fields.Integer()
    mapping = fields.Dict(keys=fields.String(), values=fields.String(allow_none=True))
    encoding = fields.String(metadata={"description": "As found, or as chosen: " + ", ".join(csvfile.ENCODINGS)})
    delimiter = fields.String(metadata={"description": "The separator: one of , ; tab |"})


class ReadIn(Ma):
    blueprint = fields.String(required=True)
    encoding = fields.String(required=True, validate=validate.OneOf(list(csvfile.ENCODINGS)))
    delimiter = fields.String(required=True, validate=validate.OneOf(list(csvfile.DELIMITERS)))


class ImportIn(Ma):
    blueprint = fields.String(required=True)
    rows = fields.Integer(required=True)
    mapping = fields.Dict(keys=fields.String(), values=fields.String(allow_none=True), required=True)
    encoding = fields.String(load_default=None, metadata={"description": "Found again from the file when not given."})
    delimiter = fields.String(load_default=None, metadata={"description": "Found again from the file when not given."})
    locale = fields.String(
        load_default="en",
        metadata={
            "description": "How numbers and dates are written: en (1,234.5, 11/01/2026) or de (1.234,5, 01.11.2026)."
        },
    )


@signed_in_route(bp, "/tenants/<slug>/exports")
class Exports(MethodView):
    @bp.arguments(ExportIn)
    @bp.response(202, JobOut)
    def post(self, data: dict[str, Any], slug: str) -> Any:
        """Export a filtered list to CSV in the background; the finished job carries a download link."""
        open_tenant(db.session(), slug, current_user_id(), READ)
        return export.start_export(
            db.session(), get_blueprint(db.session(), data["blueprint"]), data, current_user_id()
        )


@signed_in_route(bp, "/tenants/<slug>/imports")
class Uploads(MethodView):
    @bp.response(201, UploadOut)
    def post(self, slug: str) -> dict[str, Any]:
        """Upload a CSV (multipart field ``file``, with ``blueprint``); returns its headers and a suggested mapping."""
        membership = open_tenant(db.session(), slug, current_user_id(), EDIT)
        upload = request.files.get("file")
        if upload is None:
            raise Invalid({"file": ["Choose a CSV file."]})
        blueprint = get_blueprint(db.session(), request.form.get("blueprint", ""))
        if blueprint.current_version is None:
            raise Invalid({"blueprint": [f"Publish {blueprint.name} before importing records."]})
        stored, info = importing.receive_upload(db.session(), membership.tenant_id, upload, current_user_id())
        schema = Schema.parse(blueprint.current_version.columns)
        return {"file_id": stored.id, **info, "mapping": importing.suggest_mapping(schema, info["headers"])}


def _upload(file_id: uuid.UUID) -> StoredFile:
    stored = db.session.get(StoredFile, file_id)
    if stored is None or stored.purpose != "import" or stored.tenant_id != db.session.info.get("tenant_id"):
        raise NotFound("No such upload here.")
    return stored


def _start(data: dict[str, Any], slug: str, file_id: uuid.UUID, *, check: bool) -> Any:
    open_tenant(db.session(), slug, current_user_id(), EDIT)
    stored = _upload(file_id)
    blueprint = get_blueprint(db.session(), data["blueprint"])
    if data["encoding"] is None or data["delimiter"] is None:
        found = importing.detected(stored)
        data = {"encoding": found.encoding, "delimiter": found.delimiter} | {
            k: v for k, v in data.items() if v is not None
        }
    return importing.start_import(db.session(), blueprint, stored, data, current_user_id(), check=check)


@signed_in_route(bp, "/tenants/<slug>/imports/<uuid:file_id>/read")
class ReadImport(MethodView):
    @bp.arguments(ReadIn)
    @bp.response(200, UploadOut)
    def post(self, data: dict[str, Any], slug: str, file_id: uuid.UUID) -> dict[str, Any]:
        """Read an upload again with another encoding or separator: its headers, sample and suggested mapping."""
        open_tenant(db.session(), slug, current_user_id(), EDIT)
        stored = _upload(file_id)
        blueprint = get_blueprint(db.session(), data["blueprint"])
        if blueprint.current_version is None:
            raise Invalid({"blueprint": [f"Publish {blueprint.name} before importing records."]})
        info = importing.reread(stored, csvfile.Dialect(data["encoding"], data["delimiter"]))
        schema = Schema.parse(blueprint.current_version.columns)
        return {"file_id": stored.id, **info, "mapping": importing.suggest_mapping(schema, info["headers"])}


@signed_in_route(bp, "/tenants/<slug>/imports/<uuid:file_id>/check")
class CheckImport(MethodView):
    @bp.arguments(ImportIn)
    @bp.response(202, JobOut)
    def post(self, data: dict[str, Any], slug: str, file_id: uuid.UUID) -> Any:
        """Check every row in the background, writing nothing; the job reports each refused row by line and column."""
        return _start(data, slug, file_id, check=True)


@signed_in_route(bp, "/tenants/<slug>/imports/<uuid:file_id>/start")
class StartImport(MethodView):
    @bp.arguments(ImportIn)
    @bp.response(202, JobOut)
    def post(self, data: dict[str, Any], slug: str, file_id: uuid.UUID) -> Any:
        """Create the records of the valid rows in the background; the job reports each refused row and
        ends with a link to download them as CSV, with a ``reason`` column."""
        return _start(data, slug, file_id, check=False)


@bp.route("/downloads/<token>")
@bp.doc(
    description="A signed link from a finished export; works for an hour, no sign-in needed. Answers with the "
    "file, or with a redirect (302) to a short-lived link of the file storage."
)
def download(token: str) -> Response:
    key = file_key_from(token)
    stored = None
    if key is not None:
        tenant_id, file_id = key
        query = select(StoredFile).where(StoredFile.id == file_id)
        if tenant_id is not None:  # by the whole key (tenant_id, id), as the primary key's index serves
            query = query.where(StoredFile.tenant_id == tenant_id)
        stored = db.session.scalars(query.execution_options(all_tenants=True)).first()
    files = storage.current()
    if stored is None or files.size(stored.id) is None:
        raise NotFound("This download link is not valid any more; export again.")
    return files.send(stored.id, name=stored.name, content_type=stored.content_type)
