"""Importing a diagram with several pools as one flow per pool."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask.views import MethodView

from core import db
from core.config import Settings
from core.identity.access import MANAGE, open_tenant
from core.web import current_user_id, signed_in_route, tenant_blueprint
from designer.flows import importing, views
from designer.flows.import_schemas import PoolImportIn, PoolImportOut, PoolsIn, PoolsOut

bp = tenant_blueprint(
    "flow_imports",
    __name__,
    "",
    "A diagram with several pools imported as one flow per pool, message flows becoming messages.",
)


def _max_pools() -> int:
    settings: Settings = current_app.config["LOOM"]
    return settings.flow_import_max_pools


@signed_in_route(bp, "/flow-imports/pools")
class Pools(MethodView):
    @bp.arguments(PoolsIn)
    @bp.response(200, PoolsOut)
    def post(self, data: dict[str, Any], slug: str) -> dict[str, Any]:
        """The pools of a diagram that would each become a flow, and message flows that cannot become messages."""
        open_tenant(db.session(), slug, current_user_id(), MANAGE)
        return importing.pool_choices(data["xml"], _max_pools())


@signed_in_route(bp, "/flow-imports")
class PoolImport(MethodView):
    @bp.arguments(PoolImportIn)
    @bp.response(201, PoolImportOut)
    def post(self, data: dict[str, Any], slug: str) -> dict[str, Any]:
        """One new flow per pool of the diagram, each for the blueprint chosen for it (every pool must be chosen)."""
        membership = open_tenant(db.session(), slug, current_user_id(), MANAGE)
        flows = importing.import_pools(
            db.session(), membership.tenant_id, data["xml"], data["pools"], current_user_id(), _max_pools()
        )
        return {"flows": [views.detail(db.session(), flow) for flow in flows]}
