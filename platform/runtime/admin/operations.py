"""What admins change: accounts (disable, enable, delete for good) and a workspace's records (for
support). Each change is audited with the admin as actor; the request commits."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_security.confirmable import confirm_user
from sqlalchemy import delete
from sqlalchemy.orm import Session

from core.audit.operations import Target, record
from core.errors import Conflict, Forbidden
from core.identity.models import Membership, Tenant, User, is_superadmin
from core.jobs.models import Job
from designer.blueprints.models import Blueprint
from designer.flows.models import Flow
from runtime.account.deletion import start_deletion
from runtime.account.operations import close_account
from runtime.admin.workspace_deletion import start_workspace_deletion
from runtime.auth.sessions import end_every_session
from runtime.entities.models import Entity
from runtime.entities.operations import audit_entity, update_entity
from runtime.entities.queries import versions_by_id
from runtime.flows import operations as flows
from runtime.flows.models import FlowInstance
from runtime.mail.language import recipient_language
from runtime.mail.render import send_email

NOT_AN_ADMIN = "Super admins are managed from the server's command line, not here."


def audit_user(db_session: Session, action: str, actor_id: int | None, user: User) -> None:
    """One row of Loom's own audit log (no workspace's) about an account; ``actor_id`` None: the
    server's command line."""
    record(
        db_session,
        action,
        tenant_id=None,
        actor_id=actor_id,
        target=Target("user", user.id, user.email),
    )


def set_active(db_session: Session, admin: User, user: User, active: bool) -> User:
    """Disable an account (its sessions end at once) or enable it again."""
    if is_superadmin(user):
        raise Forbidden(NOT_AN_ADMIN)
    if user.active == active:
        return user
    user.active = active
    if not active:
        end_every_session(current_app, user)
    db_session.flush()
    audit_user(db_session, "user.enabled" if active else "user.disabled", admin.id, user)
    return user


def confirm_address(db_session: Session, admin: User, user: User) -> User:
    """Mark the address as confirmed for someone whose confirmation email never arrived."""
    if is_superadmin(user):
        raise Forbidden(NOT_AN_ADMIN)
    if confirm_user(user):  # type: ignore[no-untyped-call]  # Flask-Security-Too leaves it unannotated
        db_session.flush()
        audit_user(db_session, "user.confirmed", admin.id, user)
    return user


def two_factor_off(db_session: Session, user: User) -> None:
    """Turn off two-step sign-in and its recovery codes (a lost phone); the person is told by email.
    Set it up again at the next sign-in (required from day 31, as for everyone)."""
    datastore = current_app.extensions["security"].datastore
    datastore.tf_reset(user)
    datastore.mf_set_recovery_codes(user, None)
    user.tf_last_counter = None
    db_session.flush()
    send_email(user.email, recipient_language(db_session, user), "two_factor_off", user=user)


def reset_two_factor(db_session: Session, admin: User, user: User) -> User:
    """An admin turns off a person's two-step sign-in after checking who is asking (support)."""
    if is_superadmin(user):
        raise Forbidden(NOT_AN_ADMIN)
    if not user.tf_primary_method:
        raise Conflict(f"{user.email} has no two-step sign-in to turn off.")
    two_factor_off(db_session, user)
    audit_user(db_session, "user.two_factor_reset", admin.id, user)
    return user


def delete_user(db_session: Session, admin: User, user: User) -> Job:
    """Close the account now and delete everything it holds in the background, as when the
    person deletes it themselves (runtime.account.deletion)."""
    if is_superadmin(user):
        raise Forbidden(NOT_AN_ADMIN)
    audit_user(db_session, "user.deleted", admin.id, user)
    close_account(user)
    db_session.flush()
    return start_deletion(db_session, user)


def delete_workspace(db_session: Session, admin: User, tenant: Tenant) -> Job:
    """Delete a workspace and everything in it, in the background; its members lose it at once
    (they are no longer members) and the deletion stays in Loom's own audit log."""
    record(
        db_session,
        "workspace.deleted",
        tenant_id=None,  # the workspace's own log goes with it
        actor_id=admin.id,
        target=Target("tenant", tenant.id, tenant.name),
        details={"slug": tenant.slug},
    )
    db_session.execute(delete(Membership).where(Membership.tenant_id == tenant.id))
    return start_workspace_deletion(db_session, admin, tenant)


def update_record(db_session: Session, admin: User, entity: Entity, expected: int, data: dict[str, Any]) -> Entity:
    """Change some values of a record as its workspace's members would (same checks, 409 when
    ``expected`` is stale); the audit log's reaction to the event names the fields that changed."""
    version = versions_by_id(db_session, {entity.blueprint_version_id})[entity.blueprint_version_id]
    update_entity(db_session, entity, version, expected, data, admin.id)
    return entity


def view_record(db_session: Session, admin: User, entity: Entity) -> Entity:
    """An admin opening one record of a workspace is recorded: its members can see that Loom's
    staff looked at their data (lists are not, only the record opened)."""
    blueprint = db_session.get(Blueprint, entity.blueprint_id)
    audit_entity(db_session, "record.viewed", entity, blueprint, admin.id)
    return entity


def retry_instance(db_session: Session, admin: User, instance: FlowInstance) -> FlowInstance:
    """Run a stopped flow instance's failed step again, as a member could; audited in the workspace."""
    flows.retry_instance(db_session, instance, admin.id)
    flow = db_session.get(Flow, instance.flow_id)
    record(
        db_session,
        "flow.instance_retried",
        tenant_id=instance.tenant_id,
        actor_id=admin.id,
        target=Target("flow_instance", instance.id, flow.name if flow else None),
        details={"entity": str(instance.entity_id), "status": instance.status},
    )
    return instance
