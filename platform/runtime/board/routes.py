"""The board: a blueprint's records grouped by a choice column, and moving a record to a state."""

from __future__ import annotations

import uuid
from typing import Any

from flask.views import MethodView

from core import db
from core.identity.access import EDIT, READ, open_tenant
from core.web import current_user_id, member_and_person, paged, signed_in_route, tenant_blueprint
from runtime.board import columns
from runtime.board.move import move_record
from runtime.board.schemas import BoardArgs, BoardColumnArgs, BoardOut, ColumnPage, MoveIn
from runtime.entities.queries import get_entity
from runtime.entities.views import entity_views
from runtime.flows import views
from runtime.flows.schemas import CompleteOut

bp = tenant_blueprint(
    "board", __name__, "", "Records as a board grouped by a choice column, moved from state to state by their flow."
)


@signed_in_route(bp, "/board")
class Board(MethodView):
    @paged(bp, BoardArgs, BoardOut)
    def get(self, args: dict[str, Any], slug: str) -> dict[str, Any]:
        """Each value of the column (then the records without one): its count and first page."""
        open_tenant(db.session(), slug, current_user_id(), READ)
        blueprint = columns.find_blueprint(db.session(), args["blueprint"])
        if "column" in args:
            column = columns.choice_column(blueprint, args["column"])
        else:
            column = columns.default_column(db.session(), blueprint)
        return columns.board(db.session(), blueprint, column, args["per_column"])


@signed_in_route(bp, "/board/column")
class BoardColumn(MethodView):
    @paged(bp, BoardColumnArgs, ColumnPage)
    def get(self, args: dict[str, Any], slug: str) -> dict[str, Any]:
        """The next page of one column of the board."""
        open_tenant(db.session(), slug, current_user_id(), READ)
        blueprint = columns.find_blueprint(db.session(), args["blueprint"])
        column = columns.choice_column(blueprint, args["column"])
        value = args["value"] or None
        return columns.column_page(db.session(), blueprint, column, value, args["limit"], args["cursor"])


@signed_in_route(bp, "/entities/<uuid:entity_id>/move")
class Move(MethodView):
    @bp.arguments(MoveIn)
    @bp.response(200, CompleteOut)
    def post(self, data: dict[str, Any], slug: str, entity_id: uuid.UUID) -> dict[str, Any]:
        """Press the one waiting button that takes the record to the state ``to``, with its form's values.

        Without ``data`` a button with a form is not pressed: 422 on ``data`` names the button and its fields.
        """
        membership, user = member_and_person(slug, EDIT)
        session = db.session()
        # Held until the response is built: the operation and the views find these in the session.
        entity = get_entity(session, entity_id)
        work, waiting = move_record(session, membership, user, entity, data["to"], data.get("data"))
        return {
            "entity": entity_views([work.entity], work.blueprint)[0],
            "instance": views.instances(session, [work.instance], membership, user, waiting)[0],
        }
