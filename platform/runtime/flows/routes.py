"""Flows at run time: a record's instances and history, starting by hand, and the inbox."""

from __future__ import annotations

import uuid
from typing import Any

from flask.views import MethodView
from sqlalchemy import select

from core import db
from core.errors import Forbidden
from core.i18n import workspace_zone
from core.identity.access import EDIT, MANAGE, READ, open_tenant
from core.web import current_user_id, member_and_person, paged, signed_in_route, tenant_blueprint
from designer.flows.models import Flow
from designer.flows.queries import get_flow
from runtime.definitions import schema_of
from runtime.entities.queries import get_entity
from runtime.entities.views import entity_views
from runtime.flows import moves, operations, placing, queries, views
from runtime.flows.access import refusal
from runtime.flows.schemas import (
    CompleteIn,
    CompleteOut,
    EntityFlowsOut,
    InboxArgs,
    InboxItemOut,
    InboxPage,
    InstanceOut,
    MovePreviewOut,
    PlaceIn,
    StartIn,
    WaitingCountOut,
)
from runtime.jobs.schemas import JobOut

bp = tenant_blueprint(
    "work", __name__, "", "Records in their flows: transitions, history, and the inbox of waiting tasks."
)


@signed_in_route(bp, "/entities/<uuid:entity_id>/flows")
class EntityFlows(MethodView):
    @bp.response(200, EntityFlowsOut)
    def get(self, slug: str, entity_id: uuid.UUID) -> dict[str, Any]:
        """Where the record is in its flows, what can be done now, and what happened (newest first)."""
        membership, user = member_and_person(slug, READ)
        session = db.session()
        entity = get_entity(session, entity_id)
        instances = queries.instances_of(session, entity.id)
        started = {i.flow_id for i in instances}
        flows = session.scalars(
            select(Flow)
            .where(Flow.blueprint_id == entity.blueprint_id, Flow.deleted_at.is_(None))
            .where(Flow.current_version_id.is_not(None))
            .order_by(Flow.name)
        )
        return {
            "instances": views.instances(session, instances, membership, user),
            "startable": [{"key": f.key, "name": f.name} for f in flows if f.id not in started],
            "history": views.history(session, queries.history_of(session, entity.id)),
            **placing.page_facts(session, entity, instances, membership.role in MANAGE),
        }

    @bp.arguments(StartIn)
    @bp.response(201, InstanceOut)
    def post(self, data: dict[str, Any], slug: str, entity_id: uuid.UUID) -> dict[str, Any]:
        """Start a published flow for a record that existed before the flow was published."""
        membership, user = member_and_person(slug, EDIT)
        entity = get_entity(db.session(), entity_id)
        flow = get_flow(db.session(), data["flow"])
        if flow.blueprint_id != entity.blueprint_id:
            raise Forbidden(f"{flow.name} moves records of another blueprint.")
        instance = operations.start_instance(db.session(), flow, entity, user.id)
        return views.instances(db.session(), [instance], membership, user)[0]


@signed_in_route(bp, "/entities/<uuid:entity_id>/flows/place")
class Place(MethodView):
    @bp.arguments(PlaceIn)
    @bp.response(200, InstanceOut)
    def post(self, data: dict[str, Any], slug: str, entity_id: uuid.UUID) -> dict[str, Any]:
        """Place a record whose state has no place in a steps flow at the state its value names."""
        membership, user = member_and_person(slug, MANAGE)
        entity = get_entity(db.session(), entity_id)
        flow = get_flow(db.session(), data["flow"])
        instance = placing.place_record(db.session(), entity, flow, user.id)
        return views.instances(db.session(), [instance], membership, user)[0]


@signed_in_route(bp, "/entities/<uuid:entity_id>/flows/<uuid:instance_id>/retry")
class Retry(MethodView):
    @bp.response(200, InstanceOut)
    def post(self, slug: str, entity_id: uuid.UUID, instance_id: uuid.UUID) -> dict[str, Any]:
        """Run the failed timer step of a stopped flow again; the instance answers whether it runs or stopped again."""
        membership, user = member_and_person(slug, EDIT)
        instance = queries.get_instance(db.session(), entity_id, instance_id)
        operations.retry_instance(db.session(), instance, user.id)
        return views.instances(db.session(), [instance], membership, user)[0]


@signed_in_route(bp, "/inbox")
class Inbox(MethodView):
    @paged(bp, InboxArgs, InboxPage)
    def get(self, args: dict[str, Any], slug: str) -> dict[str, Any]:
        """Tasks waiting for people, oldest first, with filters."""
        membership, user = member_and_person(slug, READ)
        result = queries.list_inbox(db.session(), args, user.id, workspace_zone(db.session(), membership.tenant_id))
        return {**result, "items": views.items(db.session(), result["items"], membership, user)}


@signed_in_route(bp, "/inbox/count")
class InboxCount(MethodView):
    @bp.response(200, WaitingCountOut)
    def get(self, slug: str) -> dict[str, Any]:
        """How many waiting tasks are mine (what the inbox lists for assignee=me), for the badge on the Inbox."""
        _, user = member_and_person(slug, READ)
        count = queries.count_waiting_for(db.session(), user.id)
        return {"count": min(count, queries.WAITING_CAP - 1), "more": count >= queries.WAITING_CAP}


@signed_in_route(bp, "/inbox/<uuid:item_id>/claim")
class Claim(MethodView):
    @bp.response(200, InboxItemOut)
    def post(self, slug: str, item_id: uuid.UUID) -> dict[str, Any]:
        """Take a task, so others see someone is on it."""
        membership, user = member_and_person(slug, EDIT)
        item = operations.claim_item(db.session(), queries.get_item(db.session(), item_id), user.id)
        return views.items(db.session(), [item], membership, user)[0]


@signed_in_route(bp, "/inbox/<uuid:item_id>/unclaim")
class Unclaim(MethodView):
    @bp.response(200, InboxItemOut)
    def post(self, slug: str, item_id: uuid.UUID) -> dict[str, Any]:
        """Give a task back."""
        membership, user = member_and_person(slug, EDIT)
        item = queries.get_item(db.session(), item_id)
        operations.unclaim_item(db.session(), item, user.id, membership.role in MANAGE)
        return views.items(db.session(), [item], membership, user)[0]


@signed_in_route(bp, "/inbox/<uuid:item_id>/complete")
class Complete(MethodView):
    @bp.arguments(CompleteIn)
    @bp.response(200, CompleteOut)
    def post(self, data: dict[str, Any], slug: str, item_id: uuid.UUID) -> dict[str, Any]:
        """Do the transition: the form's values, then the flow runs to its next wait; one transaction."""
        membership, user = member_and_person(slug, EDIT)
        # Held until the response is built: the operation and the views find these in the session.
        work = operations.item_to_complete(db.session(), item_id)  # its instance held for the step
        if work.item.done_at is None:
            named = schema_of(db.session(), work.entity.blueprint_version_id).column(work.item.field or "")
            reason = refusal(work.item, membership, user, work.entity.data, named.label if named else None)
            if reason is not None:
                raise Forbidden(reason)
        waiting = operations.complete_item(db.session(), work.item, data["data"], user.id, held=True)
        return {
            "entity": entity_views([work.entity], work.blueprint)[0],
            "instance": views.instances(db.session(), [work.instance], membership, user, waiting)[0],
        }


@signed_in_route(bp, "/flows/<key>/instance-migrations/preview")
class MovePreview(MethodView):
    @bp.response(200, MovePreviewOut)
    def post(self, slug: str, key: str) -> dict[str, Any]:
        """Dry run: for each running record on an older version, where it would wait or why it cannot move."""
        open_tenant(db.session(), slug, current_user_id(), MANAGE)
        return moves.preview_moves(db.session(), get_flow(db.session(), key))


@signed_in_route(bp, "/flows/<key>/instance-migrations")
class Moves(MethodView):
    @bp.response(202, JobOut)
    def post(self, slug: str, key: str) -> Any:
        """Move every running record to the published version, in the background, with a report per record."""
        open_tenant(db.session(), slug, current_user_id(), MANAGE)
        return moves.start_moves(db.session(), get_flow(db.session(), key), current_user_id())
