"""Telling the person a new task waits for, by email (``task.created``, runtime.subscribers).

A step that names one person (the one who claimed it, the ``member`` it names by email, or the
person in the record's user column ``field``) emails that person once, in their language, with a
link to the record. Steps left to a role wait for whoever takes them and email nobody: a workspace
of fifty editors would otherwise get fifty emails per record. Nobody is emailed about a step they
could not do (``access.refusal``), about the step their own click just made, or after turning
these emails off (``users.notify_tasks``, the account page).

The email goes to the mail outbox inside the step's transaction (``core.mail``): Celery sends it
after the commit, so a step that is rolled back sends nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.events import DomainEvent
from core.identity.models import Membership, Tenant, User
from core.mail.operations import queue_email
from designer.blueprints.models import Blueprint
from designer.flows.models import Flow
from runtime.definitions import schema_of
from runtime.entities.models import Entity
from runtime.flows.access import holder, refusal
from runtime.flows.models import InboxItem
from runtime.flows.views import title
from runtime.mail.language import recipient_language
from runtime.mail.render import render_email
from runtime.mail.texts import untitled_record

log = logging.getLogger(__name__)
TEMPLATE = "task_waiting"


def tell_who_it_waits_for(db_session: Session, event: DomainEvent) -> None:
    """Queue the ``task_waiting`` email for the person a new task names, if anyone should get it."""
    item = event.subject
    if not isinstance(item, InboxItem) or item.done_at is not None:
        return
    entity = db_session.get(Entity, item.entity_id)
    if entity is None:
        return
    presser = event.actor.get("user_id")
    for user in _people_named(db_session, item, entity.data):
        if user.id == presser or not user.active or not user.notify_tasks:
            continue
        membership = db_session.get(Membership, (item.tenant_id, user.id))
        if membership is None or refusal(item, membership, user, entity.data) is not None:
            continue
        _send(db_session, item, entity, user)


def _people_named(db_session: Session, item: InboxItem, data: dict[str, Any]) -> list[User]:
    """Who the step names, each once: its assignee, its member (by email), its record's person."""
    ids = [i for i in (item.assignee_id, holder(item, data)) if i is not None]
    people = {u.id: u for u in db_session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}
    if item.member:
        by_email = db_session.scalars(select(User).where(func.lower(User.email) == item.member.lower())).first()
        if by_email is not None:
            people.setdefault(by_email.id, by_email)
    if item.assignee_id is not None:  # a claimed step is the claimer's alone
        return [people[item.assignee_id]] if item.assignee_id in people else []
    return list(people.values())


def _send(db_session: Session, item: InboxItem, entity: Entity, user: User) -> None:
    tenant = db_session.get(Tenant, item.tenant_id)
    flow = db_session.get(Flow, item.flow_id)
    blueprint = db_session.get(Blueprint, item.blueprint_id)
    if tenant is None or flow is None or blueprint is None:
        return
    language = recipient_language(db_session, user, tenant)
    record = title(schema_of(db_session, entity.blueprint_version_id), entity.data)
    base_url = current_app.config["LOOM"].base_url
    rendered = render_email(
        TEMPLATE,
        language,
        label=item.label,
        flow=flow.name,
        record=record or untitled_record(language, blueprint.name),
        workspace=tenant.name,
        record_link=f"{base_url}/t/{tenant.slug}/e/{entity.id}",
        account_link=f"{base_url}/account",
    )
    queue_email(
        db_session,
        recipient=user.email,
        sender=current_app.config["SECURITY_EMAIL_SENDER"],
        subject=rendered.subject,
        text_body=rendered.text,
        html_body=rendered.html,
        template=TEMPLATE,
    )
    log.info("task email queued", extra={"inbox_item_id": str(item.id), "user_id": user.id})
