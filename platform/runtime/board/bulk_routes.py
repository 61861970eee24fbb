"""Moving several records chosen in the grid by one transition, and the states they can go to."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from core import db
from core.identity.access import EDIT, READ, open_tenant
from core.web import current_user_id, member_and_person, paged, signed_in_route, tenant_blueprint
from runtime.board import bulk, columns
from runtime.board.schemas import BulkMoveIn, BulkMoveOut, MoveTargetsArgs, MoveTargetsOut

bp = tenant_blueprint(
    "bulk_move", __name__, "", "Several records moved to a state at once, each by its one button, as if moved alone."
)


@signed_in_route(bp, "/entities/move")
class BulkMove(MethodView):
    @bp.arguments(BulkMoveIn)
    @bp.response(200, BulkMoveOut)
    @bp.alt_response(202, schema=BulkMoveOut, description="Many records: a background job moves them.")
    def post(self, data: dict[str, Any], slug: str) -> tuple[dict[str, Any], int]:
        """Move each record ``ids`` to the state ``to`` with the button that leads there, as a move of it alone would.

        Up to LOOM_BULK_MOVE_INLINE records are moved at once (200) with every refused record and why;
        more are moved in a background job (202, ``job``) whose result lists them as it goes.
        A record already in that state is skipped.
        """
        membership, user = member_and_person(slug, EDIT)
        result = bulk.move_records(db.session(), membership, user, data["ids"], data["to"], data["data"])
        return result, 202 if result["job"] is not None else 200


@signed_in_route(bp, "/entities/move/targets")
class MoveTargets(MethodView):
    @paged(bp, MoveTargetsArgs, MoveTargetsOut)
    def get(self, args: dict[str, Any], slug: str) -> dict[str, Any]:
        """The states a published flow's transition leads records of the blueprint to."""
        open_tenant(db.session(), slug, current_user_id(), READ)
        blueprint = columns.find_blueprint(db.session(), args["blueprint"])
        return {"targets": bulk.move_targets(db.session(), blueprint)}
