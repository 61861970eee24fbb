"""Turning an endpoint off when its receiver is gone, and telling the workspace's owners.

A receiver that answers 410 Gone, or that has failed every delivery for
``LOOM_HOOKS_DISABLE_AFTER_DAYS`` (5), is disabled with the reason shown in the app; its open
deliveries become dead letters (replayable once it is enabled again), the audit log says so,
and every owner of the workspace gets an email.
"""

from __future__ import annotations

import logging
from datetime import datetime

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.delivery.bookkeeping import OPEN, DeliveryStatus
from core.identity.models import Membership, Tenant, TenantRole, User
from runtime.hooks.audit import audit_endpoint
from runtime.hooks.models import HookDelivery, HookEndpoint
from runtime.mail.language import recipient_language
from runtime.mail.render import send_email
from runtime.mail.texts import hook_disabled_reason

log = logging.getLogger(__name__)


def close_open_deliveries(db_session: Session, endpoint: HookEndpoint, now: datetime, reason: str) -> int:
    """Dead-letter everything still waiting for ``endpoint`` (it will not be called again)."""
    result = db_session.execute(
        update(HookDelivery)
        .where(
            HookDelivery.tenant_id == endpoint.tenant_id,
            HookDelivery.endpoint_id == endpoint.id,
            HookDelivery.status.in_(OPEN),
        )
        .values(status=DeliveryStatus.FAILED, finished_at=now, next_attempt_at=None, last_error=reason)
        .execution_options(synchronize_session=False, all_tenants=True)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def disable_endpoint(
    db_session: Session, endpoint: HookEndpoint, now: datetime, reason: str, *, gone: bool, days: int
) -> None:
    """Disable ``endpoint`` for ``reason`` (Loom's own decision: audited as the system): the receiver
    answered 410 (``gone``), or every delivery failed for ``days``. The owners' emails say why in
    their own language."""
    if not endpoint.enabled:
        return
    endpoint.enabled = False
    endpoint.disabled_reason = reason
    endpoint.disabled_at = now
    db_session.flush()
    close_open_deliveries(db_session, endpoint, now, reason)
    audit_endpoint(db_session, None, "hook.disabled", endpoint, reason=reason)
    _tell_owners(db_session, endpoint, "gone" if gone else "failing", days)
    log.warning("hook endpoint disabled", extra={"endpoint_id": str(endpoint.id), "tenant_id": str(endpoint.tenant_id)})


def _tell_owners(db_session: Session, endpoint: HookEndpoint, cause: str, days: int) -> None:
    tenant = db_session.get(Tenant, endpoint.tenant_id)
    if tenant is None:
        return
    owners = db_session.scalars(
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.tenant_id == tenant.id, Membership.role == TenantRole.OWNER, User.active.is_(True))
    ).all()
    link = f"{current_app.config['LOOM'].base_url}/t/{tenant.slug}/settings/integrations"
    for owner in owners:
        language = recipient_language(db_session, owner, tenant)
        send_email(
            owner.email,
            language,
            "hook_disabled",
            workspace=tenant.name,
            url=endpoint.url,
            reason=hook_disabled_reason(language, cause, days),
            hooks_link=link,
        )
