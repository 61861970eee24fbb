"""/api/meta (what the webapp needs before sign-in) and /api/health."""

from __future__ import annotations

from typing import Any

import redis
from flask import current_app
from flask_smorest import Blueprint
from marshmallow import Schema, fields
from sqlalchemy import text

from core import db
from core.i18n import LANGUAGES, timezones
from core.sentry import release_of
from engine.schema.columns import TYPE_LABELS, ColumnType
from engine.schema.filters import OPERATORS

bp = Blueprint("meta", __name__, url_prefix="/api", description="Service information and health.")


class LanguageOut(Schema):
    code = fields.String()
    name = fields.String()


class ColumnTypeOut(Schema):
    type = fields.String()
    label = fields.String()
    operators = fields.List(fields.String())


class SocialProviderOut(Schema):
    name = fields.String(metadata={"description": "For /api/auth/social/{name}/start."})
    label = fields.String()


class MetaOut(Schema):
    environment = fields.String()
    support_email = fields.String()
    sentry_dsn = fields.String(allow_none=True)
    release = fields.String(metadata={"description": "The running release; the webapp reports errors under it."})
    dev_mailbox = fields.Boolean()
    languages = fields.List(fields.Nested(LanguageOut))
    timezones = fields.List(fields.String())
    column_types = fields.List(fields.Nested(ColumnTypeOut))
    social_providers = fields.List(
        fields.Nested(SocialProviderOut), metadata={"description": "Enabled sign-in providers (Google, Facebook)."}
    )


class HealthOut(Schema):
    status = fields.String()
    release = fields.String(metadata={"description": "The running release (deploys check it after switching)."})
    database = fields.String()
    broker = fields.String()


@bp.route("/meta")
@bp.response(200, MetaOut)
def meta() -> dict[str, Any]:
    """Public settings for the webapp: languages, timezones, support address."""
    settings = current_app.config["LOOM"]
    return {
        "environment": settings.env,
        "support_email": settings.support_email,
        "sentry_dsn": settings.webapp_sentry_dsn,
        "release": release_of(settings),
        "dev_mailbox": current_app.config.get("LOOM_DEV_MAILBOX", False),
        "languages": [{"code": code, "name": name} for code, name in LANGUAGES.items()],
        "timezones": list(timezones()),
        "column_types": [
            {"type": kind.value, "label": TYPE_LABELS[kind], "operators": list(OPERATORS[kind])} for kind in ColumnType
        ],
        "social_providers": [{"name": p.name, "label": p.label} for p in settings.social_providers.values()],
    }


@bp.route("/health")
@bp.response(200, HealthOut)
@bp.alt_response(503, schema=HealthOut, description="The database or the broker is unreachable.")
def health() -> Any:
    """Check the database and the broker."""
    settings = current_app.config["LOOM"]
    result = {"status": "ok", "release": release_of(settings), "database": "ok", "broker": "ok"}
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:
        current_app.logger.exception("health: database unreachable")
        result["database"] = "unreachable"
    try:
        client = redis.Redis.from_url(settings.redis_url, socket_connect_timeout=2, socket_timeout=2)
        client.ping()
        client.close()
    except Exception:
        current_app.logger.exception("health: broker unreachable")
        result["broker"] = "unreachable"
    if "unreachable" in result.values():
        result["status"] = "unavailable"
        return result, 503
    return result
