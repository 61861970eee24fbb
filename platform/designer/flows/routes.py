"""/api/tenants/<slug>/flows: draw flows, save drafts, publish versions, delete; and the templates."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask.views import MethodView

from core import db
from core.identity.access import MANAGE, READ, open_tenant
from core.web import current_user_id, paged, signed_in_route, tenant_blueprint
from designer.blueprints.models import Blueprint
from designer.blueprints.queries import get_blueprint
from designer.flows import decisions, operations, queries, views
from designer.flows.models import Flow
from designer.flows.preview import preview_publish
from designer.flows.schemas import (
    DecisionIn,
    FlowCreate,
    FlowListArgs,
    FlowOut,
    FlowPage,
    FlowPublishIn,
    FlowPublishPreviewOut,
    FlowUpdate,
    FlowVersionOut,
    StepsIn,
    StepsOut,
    TemplateOut,
)
from designer.flows.steps import read_steps
from designer.flows.templates import TEMPLATES
from designer.flows.usage import instance_counts
from engine.flows.steps import Limits

bp = tenant_blueprint(
    "flows", __name__, "", "Flows: BPMN diagrams that move a blueprint's records, and their published versions."
)


@signed_in_route(bp, "/flows")
class Flows(MethodView):
    @paged(bp, FlowListArgs, FlowPage)
    def get(self, args: dict[str, Any], slug: str) -> dict[str, Any]:
        """The workspace's flows, by name."""
        open_tenant(db.session(), slug, current_user_id(), READ)
        return views.listing(db.session(), args)

    @bp.arguments(FlowCreate)
    @bp.response(201, FlowOut)
    def post(self, data: dict[str, Any], slug: str) -> dict[str, Any]:
        """Create a flow for a blueprint: empty, from a template, or from imported XML."""
        membership = open_tenant(db.session(), slug, current_user_id(), MANAGE)
        blueprint = get_blueprint(db.session(), data["blueprint"])
        flow = operations.create_flow(
            db.session(), membership.tenant_id, blueprint, data, steps_limits(), current_user_id()
        )
        return views.detail(db.session(), flow)


@signed_in_route(bp, "/flows/<key>")
class FlowItem(MethodView):
    @bp.response(200, FlowOut)
    def get(self, slug: str, key: str) -> dict[str, Any]:
        """A flow with its draft diagram, what stops it from being published, and its versions."""
        open_tenant(db.session(), slug, current_user_id(), READ)
        return views.detail(db.session(), queries.get_flow(db.session(), key))

    @bp.arguments(FlowUpdate)
    @bp.response(200, FlowOut)
    def patch(self, data: dict[str, Any], slug: str, key: str) -> dict[str, Any]:
        """Rename, describe or save the draft diagram; 409 when lock_version is stale."""
        open_tenant(db.session(), slug, current_user_id(), MANAGE)
        flow = operations.update_flow(db.session(), queries.get_flow(db.session(), key), data)
        return views.detail(db.session(), flow)

    @bp.response(204)
    def delete(self, slug: str, key: str) -> None:
        """Delete a flow no record is moving through any more."""
        open_tenant(db.session(), slug, current_user_id(), MANAGE)
        flow = queries.get_flow(db.session(), key)
        running = instance_counts(db.session(), "flow", [flow.id]).get(flow.id, (0, 0))[1]
        operations.delete_flow(db.session(), flow, running, current_user_id())


def steps_limits() -> Limits:
    """How large a steps table may be (LOOM_FLOW_STEPS_MAX_*)."""
    settings = current_app.config["LOOM"]
    return Limits(
        transitions=settings.flow_steps_max_transitions,
        timers=settings.flow_steps_max_timers,
        updates=settings.flow_steps_max_updates,
        form=settings.flow_steps_max_form_fields,
        join_parts=settings.flow_steps_max_join_parts,
        max_days=settings.flow_steps_max_timer_days,
    )


def _flow_and_blueprint(key: str) -> tuple[Flow, Blueprint]:
    """The flow ``key`` (404 otherwise) and the blueprint whose records it moves."""
    flow = queries.get_flow(db.session(), key)
    blueprint = db.session.get(Blueprint, flow.blueprint_id)
    assert blueprint is not None
    return flow, blueprint


@signed_in_route(bp, "/flows/<key>/steps")
class FlowSteps(MethodView):
    @bp.response(200, StepsOut)
    def get(self, slug: str, key: str) -> dict[str, Any]:
        """The draft as a steps table; null with a note when its diagram does not fit the table."""
        open_tenant(db.session(), slug, current_user_id(), READ)
        return read_steps(queries.get_flow(db.session(), key))

    @bp.arguments(StepsIn)
    @bp.response(200, FlowOut)
    def put(self, data: dict[str, Any], slug: str, key: str) -> dict[str, Any]:
        """Save a steps table as the draft (its diagram is generated); 422 names each problem by path."""
        open_tenant(db.session(), slug, current_user_id(), MANAGE)
        flow, blueprint = _flow_and_blueprint(key)
        operations.save_steps(db.session(), flow, blueprint, data, steps_limits())
        return views.detail(db.session(), flow)


@signed_in_route(bp, "/flows/<key>/decisions/<decision_id>")
class FlowDecision(MethodView):
    @bp.arguments(DecisionIn)
    @bp.response(200, FlowOut)
    def put(self, data: dict[str, Any], slug: str, key: str, decision_id: str) -> dict[str, Any]:
        """Save a decision table (DMN) with the draft, new or in place of ``decision_id`` (the document's
        own decision id wins: a renamed decision moves); 422 says what Loom cannot run in it, 409 that
        ``lock_version`` (when given) is stale."""
        open_tenant(db.session(), slug, current_user_id(), MANAGE)
        flow = queries.get_flow(db.session(), key)
        settings = current_app.config["LOOM"]
        decisions.save_decision(
            flow,
            decisions.check_id(decision_id),
            data["xml"],
            max_count=settings.flow_max_decisions,
            max_kb=settings.flow_decision_max_kb,
            lock_version=data["lock_version"],
        )
        db.session().flush()
        return views.detail(db.session(), flow)

    @bp.response(200, FlowOut)
    def delete(self, slug: str, key: str, decision_id: str) -> dict[str, Any]:
        """Remove a decision table from the draft (published versions keep theirs)."""
        open_tenant(db.session(), slug, current_user_id(), MANAGE)
        flow = queries.get_flow(db.session(), key)
        decisions.delete_decision(flow, decision_id)
        db.session().flush()
        return views.detail(db.session(), flow)


@signed_in_route(bp, "/flows/<key>/publish")
class Publish(MethodView):
    @bp.arguments(FlowPublishIn)
    @bp.response(201, FlowVersionOut)
    def post(self, data: dict[str, Any], slug: str, key: str) -> dict[str, Any]:
        """Publish the draft as the next immutable version; 422 names the failing element."""
        open_tenant(db.session(), slug, current_user_id(), MANAGE)
        flow, blueprint = _flow_and_blueprint(key)
        version = operations.publish_flow(db.session(), flow, blueprint, data["lock_version"], current_user_id())
        return views.version_detail(version, (0, 0))


@signed_in_route(bp, "/flows/<key>/publish-preview")
class PublishPreview(MethodView):
    @bp.response(200, FlowPublishPreviewOut)
    def get(self, slug: str, key: str) -> dict[str, Any]:
        """What publishing the draft would change against the last published version, and what stops it."""
        open_tenant(db.session(), slug, current_user_id(), MANAGE)
        flow, blueprint = _flow_and_blueprint(key)
        return preview_publish(db.session(), flow, blueprint)


@signed_in_route(bp, "/flows/<key>/versions/<int:number>")
class VersionItem(MethodView):
    @bp.response(200, FlowVersionOut)
    def get(self, slug: str, key: str, number: int) -> dict[str, Any]:
        """One published version, with its diagram."""
        open_tenant(db.session(), slug, current_user_id(), READ)
        version = queries.get_version(db.session(), queries.get_flow(db.session(), key), number)
        counts = instance_counts(db.session(), "version", [version.id]).get(version.id, (0, 0))
        return views.version_detail(version, counts)


@signed_in_route(bp, "/templates")
class Templates(MethodView):
    @bp.response(200, TemplateOut(many=True))
    def get(self, slug: str) -> list[dict[str, Any]]:
        """Ready-made flows to start from: each is a steps table; what it needs of the blueprint and what
        it adds to one that lacks it, in plain words."""
        open_tenant(db.session(), slug, current_user_id(), READ)
        return [
            {
                "key": t.key,
                "name": t.name,
                "description": t.description,
                "kind": "steps",
                "needs": t.needs,
                "adds": t.adds,
                "xml": t.xml,
            }
            for t in TEMPLATES
        ]
