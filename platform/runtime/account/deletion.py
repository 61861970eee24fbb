"""The background job that deletes an account for good (kind ``account.delete``).

It runs in phases, a small unit of work at a time, and keeps where it is in ``job.state`` (tenant
ids and cursors only, never the address: it is read from the user row, which goes last):

1. ``plan``: which workspaces go (the user is their only active owner) and which outlive the user
   (every other membership, and workspaces whose history, inbox, jobs or files still name them).
2. ``leave``: the user's memberships of the workspaces that stay, and all their saved views.
3. ``purge``: per workspace that goes, its jobs (so none writes into it any more), its files
   (bytes and rows), its records in batches (their flow instances, inbox, timers and history go
   with them), the expression indexes built for it, then the workspace row, whose foreign keys
   take everything else that has its ``tenant_id``.
4. ``scrub``: per workspace that stays, every table in ``SCRUBBERS`` (runtime.account.scrub*).
5. ``outbox``: queued and sent emails that name the address.
6. ``finish``: the user row goes (sessions, roles and social sign-ins by ON DELETE CASCADE; the
   ``created_by`` / ``user_id`` columns elsewhere by ON DELETE SET NULL), and, in the same
   transaction, the email that confirms it is queued: the only row left with the address, until
   it is sent. Params and result keep nothing personal.

Every unit is idempotent (a unit done again after a crash finds nothing left to do), and each
step of the job (one transaction, jobs.run_step) runs units for up to ``STEP_SECONDS``. A worker
that dies mid-step loses that step only: jobs.sweep resumes the job from its last commit.
"""

from __future__ import annotations

import logging
import time
import traceback
import uuid
from typing import Any

from sqlalchemy import delete, func, or_, select, text
from sqlalchemy.orm import Session

from core.audit.operations import forget_person, record
from core.db import scope_to_tenant
from core.events import emit
from core.files.models import StoredFile
from core.identity.invitations import Invitation
from core.identity.models import Membership, Tenant, TenantRole, User
from core.jobs.models import Job
from core.jobs.operations import start_job
from core.mail.models import OutboxMessage
from runtime.account import scrub, scrub_records
from runtime.account.scrub import BATCH, Scope, Scrubber, Target, UserColumns, remove_files
from runtime.entities import writer
from runtime.entities.models import EntityIndex
from runtime.flows.models import FlowHistory, InboxItem
from runtime.mail.language import recipient_language
from runtime.mail.render import send_email
from runtime.views.models import SavedView

log = logging.getLogger(__name__)
KIND = "account.delete"
STEP_SECONDS = 5.0
MAX_ATTEMPTS = 5
PAUSE = "commit_now"  # set in the state by a unit after which the step should commit at once
ENTITY_BATCH = 2000
# In order: the user's own jobs and files before other jobs' parameters (a deleted job needs no
# scrubbing), defaults before records (a version change running meanwhile then adds nobody).
SCRUBBERS: tuple[Scrubber, ...] = (
    scrub.own_jobs,
    scrub.own_files,
    scrub.jobs,
    scrub.blueprints,
    scrub.blueprint_versions,
    scrub_records.entities,
    scrub_records.history,
    scrub_records.instances,
    scrub_records.inbox,
    scrub_records.flows,
    scrub_records.flow_versions,
    scrub_records.views,
)


def start_deletion(db_session: Session, user: User) -> Job:
    """Queue the job; its params hold the user's id only."""
    return start_job(db_session, KIND, tenant_id=None, params={"user_id": user.id}, total=0, user_id=user.id)


class DeletionFailed(RuntimeError):
    """A unit kept failing. The message names the phase and the error's type only: a database
    error's text can quote the address, and the job's error column outlives the account."""


def deletion_step(db_session: Session, job: Job) -> bool:
    """One step of the job (one transaction): units of work until done or out of time.

    A unit that fails is rolled back to its savepoint and tried again in the next step (a deadlock
    or a lock timeout passes); only ``MAX_ATTEMPTS`` failures in a row fail the job, which would
    leave a closed account holding data, so an operator is told (the job's error, the log).
    """
    started = time.monotonic()
    while True:
        phase = (job.state or {}).get("phase", "plan")
        try:
            with db_session.begin_nested():
                finished = run_unit(db_session, job)
        except Exception as exc:
            attempts = int((job.state or {}).get("attempts", 0)) + 1
            where = [f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno}" for f in traceback.extract_tb(exc.__traceback__)]
            extra = {"job_id": str(job.id), "phase": phase, "error": type(exc).__name__, "at": where[-4:]}
            log.warning("account deletion unit failed", extra={**extra, "attempt": attempts})
            if attempts >= MAX_ATTEMPTS:
                raise DeletionFailed(f"The {phase} phase failed {attempts} times ({type(exc).__name__}).") from None
            job.state = {**(job.state or {}), "attempts": attempts}
            return False
        if finished:
            return True
        pause = PAUSE in job.state
        if pause or "attempts" in job.state:
            job.state = {k: v for k, v in job.state.items() if k not in (PAUSE, "attempts")}
        if pause or time.monotonic() - started > STEP_SECONDS:
            return False


def run_unit(db_session: Session, job: Job) -> bool:
    """Do the next unit of work; True once the account is gone."""
    user_id = job.params.get("user_id")
    if user_id is None:
        return True
    state: dict[str, Any] = dict(job.state or {})
    phase = state.get("phase", "plan")
    if phase == "plan":
        state = _plan(db_session, job, int(user_id))
    elif phase == "leave":
        _leave(db_session, int(user_id), state)
    elif phase == "purge":
        _purge(db_session, job, state)
    elif phase == "scrub":
        _scrub(db_session, job, int(user_id), state)
    elif phase == "outbox":
        _outbox(db_session, int(user_id), state)
    else:
        _finish(db_session, job, int(user_id), state)
        return True
    job.state = state
    return False


def _plan(db_session: Session, job: Job, user_id: int) -> dict[str, Any]:
    everywhere = {"all_tenants": True}
    owned = set(
        db_session.scalars(
            select(Membership.tenant_id).where(Membership.user_id == user_id, Membership.role == TenantRole.OWNER)
        )
    )
    # Another owner who is being deleted too does not keep a workspace alive.
    co_owned = set(
        db_session.scalars(
            select(Membership.tenant_id)
            .join(User, User.id == Membership.user_id)
            .where(
                Membership.tenant_id.in_(owned),
                Membership.role == TenantRole.OWNER,
                Membership.user_id != user_id,
                User.active.is_(True),
            )
        )
    )
    doomed = owned - co_owned
    named = (
        select(Membership.tenant_id).where(Membership.user_id == user_id),
        select(FlowHistory.tenant_id).where(FlowHistory.user_id == user_id),
        select(InboxItem.tenant_id).where(or_(InboxItem.assignee_id == user_id, InboxItem.done_by == user_id)),
        select(Job.tenant_id).where(Job.created_by == user_id, Job.tenant_id.is_not(None)),
        select(StoredFile.tenant_id).where(StoredFile.created_by == user_id),
    )
    survivors: set[uuid.UUID] = set()
    for query in named:
        survivors.update(db_session.scalars(query.distinct().execution_options(**everywhere)))
    survivors -= doomed
    job.total = len(doomed) + len(survivors) + 1
    log.info("account deletion planned", extra={"job_id": str(job.id), "purge": len(doomed), "scrub": len(survivors)})
    return {
        "phase": "leave",
        "doomed": sorted(str(t) for t in doomed),
        "survivors": sorted(str(t) for t in survivors),
        "at": 0,
        "table": 0,
        "after": None,
    }


def _leave(db_session: Session, user_id: int, state: dict[str, Any]) -> None:
    """Out of every workspace that stays, at once: nobody can name the user in a record any more."""
    doomed = [uuid.UUID(t) for t in state["doomed"]]
    # Told to the workspaces that stay; by nobody, since the person is on the way out.
    left = list(
        db_session.scalars(select(Membership).where(Membership.user_id == user_id, Membership.tenant_id.not_in(doomed)))
    )
    for membership in left:
        record(db_session, "member.account_deleted", tenant_id=membership.tenant_id, actor_id=None)
        member = {"user_id": user_id, "email": None, "role": membership.role.value}
        data = {"member": member, "reason": "account_deleted"}
        emit(db_session, "member.left", membership.tenant_id, data, user_id=None)
    db_session.execute(delete(Membership).where(Membership.user_id == user_id, Membership.tenant_id.not_in(doomed)))
    db_session.execute(delete(SavedView).where(SavedView.user_id == user_id).execution_options(all_tenants=True))
    _next_phase(state, "purge")


def _next_phase(state: dict[str, Any], phase: str) -> None:
    state.update(phase=phase, at=0, table=0, after=None)


def _purge(db_session: Session, job: Job, state: dict[str, Any]) -> None:
    doomed: list[str] = state["doomed"]
    if state["at"] >= len(doomed):
        _next_phase(state, "scrub")
        return
    tenant_id = uuid.UUID(doomed[state["at"]])
    with scope_to_tenant(db_session, tenant_id):
        gone, dropped = purge_tenant_unit(db_session, tenant_id)
    if gone:
        state["at"] += 1
        job.done += 1
    if dropped:
        # DROP INDEX locks the whole entities table until commit: commit right away.
        state[PAUSE] = True


def purge_tenant_unit(db_session: Session, tenant_id: uuid.UUID) -> tuple[bool, bool]:
    """One unit of deleting a workspace (the session scoped to it): whether the workspace is gone,
    and whether indexes were dropped."""
    db_session.execute(delete(Job).where(Job.tenant_id == tenant_id))
    files = list(db_session.scalars(select(StoredFile.id).order_by(StoredFile.id).limit(BATCH)))
    if files:
        remove_files(db_session, files)
        return False, False
    if writer.purge_records(db_session, limit=ENTITY_BATCH):
        return False, False
    names = list(db_session.scalars(select(EntityIndex.name)))
    for name in names:
        db_session.execute(text(f'DROP INDEX IF EXISTS "{name}"'))  # names are ix_ent_<hex>, made by Loom
    db_session.execute(delete(Tenant).where(Tenant.id == tenant_id))
    log.info("workspace deleted with its last owner's account", extra={"tenant_id": str(tenant_id)})
    return True, bool(names)


def _target(db_session: Session, user_id: int) -> Target | None:
    user = db_session.get(User, user_id)
    return Target(user_id, user.email) if user is not None else None


def _scrub(db_session: Session, job: Job, user_id: int, state: dict[str, Any]) -> None:
    survivors: list[str] = state["survivors"]
    target = _target(db_session, user_id)
    if state["at"] >= len(survivors) or target is None:
        _next_phase(state, "outbox")
        return
    tenant_id = uuid.UUID(survivors[state["at"]])
    with scope_to_tenant(db_session, tenant_id):
        scope = Scope(target, UserColumns.load(db_session), tenant_id)
        cursor = SCRUBBERS[state["table"]](db_session, scope, state["after"])
    if cursor is not None:
        state["after"] = None if cursor == scrub.AGAIN else cursor
        return
    state.update(table=state["table"] + 1, after=None)
    if state["table"] == len(SCRUBBERS):
        state.update(at=state["at"] + 1, table=0)
        job.done += 1


def _outbox(db_session: Session, user_id: int, state: dict[str, Any]) -> None:
    target = _target(db_session, user_id)
    cursor = delete_mail(db_session, target, state["after"]) if target is not None else None
    if cursor is None:
        _next_phase(state, "finish")
    else:
        state["after"] = cursor


def delete_mail(db_session: Session, target: Target, after: str | None) -> str | None:
    """Emails to the address or naming it (support requests included): the outbox is a queue and
    a delivery log, and the person asked for their data to go. One batch; the cursor or None."""
    fields = (OutboxMessage.recipient, OutboxMessage.subject, OutboxMessage.text_body, OutboxMessage.html_body)
    query = (
        select(OutboxMessage.id, *fields)
        .where(or_(*(f.ilike(target.like) for f in fields)))
        .order_by(OutboxMessage.id)
        .limit(BATCH)
    )
    if after:
        query = query.where(OutboxMessage.id > uuid.UUID(after))
    rows = list(db_session.execute(query))
    naming = [row[0] for row in rows if any(target.pattern.search(value or "") for value in row[1:])]
    if naming:
        db_session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(naming)))
    return str(rows[-1][0]) if len(rows) == BATCH else None


def _finish(db_session: Session, job: Job, user_id: int, state: dict[str, Any]) -> None:
    user = db_session.get(User, user_id, with_for_update=True)
    if user is not None:
        email, language = user.email, recipient_language(db_session, user)
        target = Target(user_id, email)
        # Mail queued since the outbox phase (someone typed the address into the sign-up form).
        cursor = delete_mail(db_session, target, None)
        while cursor is not None:
            cursor = delete_mail(db_session, target, cursor)
        # Invitations to the address, in any workspace (the ones the user sent keep no trace of
        # them: their foreign keys empty themselves).
        db_session.execute(
            delete(Invitation)
            .where(func.lower(Invitation.email) == email.lower())
            .execution_options(all_tenants=True, synchronize_session=False)
        )
        forget_person(db_session, user_id, email)
        db_session.expunge(user)
        db_session.execute(delete(User).where(User.id == user_id))
        send_email(email, language, "account_deleted", email=email)
        log.info("account deleted", extra={"job_id": str(job.id)})
    job.params = {}
    job.result = {
        "workspaces_deleted": len(state.get("doomed", [])),
        "workspaces_left": len(state.get("survivors", [])),
    }
    job.state = {"phase": "done"}
    job.done = job.total
