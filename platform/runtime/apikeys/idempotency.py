"""The Idempotency-Key header on every POST under /api/tenants/<slug>, for tokens and API keys.

A program that sends a POST and loses the answer (a timeout, a dropped connection) can send the
very same request again with the same ``Idempotency-Key``: within LOOM_IDEMPOTENCY_HOURS the first
answer (status and body) comes back, marked ``Idempotent-Replayed: true``, and nothing is done a
second time. The key is per workspace and per principal (a person's token, or one API key), so
nobody replays someone else's answer. The same key with another request (path or body) is 422.

How it holds under concurrency: the request is claimed in ``open_tenant`` (``on_tenant_opened``),
the first point where the principal, the workspace and the role check are all known, with a
transaction-scoped advisory lock on (workspace, principal, key). A duplicate arriving while the
first still runs does not get the lock and is answered 409 at once (try again shortly); one
arriving after the first committed finds its answer. The answer is written in the business
transaction (an ``after_request`` that runs before the commit in ``runtime.app``), so it exists
exactly when the change does. Only 2xx answers are kept: a refused request may be sent again.
The primary key (workspace, principal, key) backs the lock up: a second row cannot commit.

Answers that carry a secret shown once (a new API key) are kept with that field emptied
(``redact``): a replay says the thing was made, but the secret is never stored.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask import Flask, Response, current_app, g, request
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import clock, db
from core.errors import Conflict, Invalid
from core.identity.access import on_tenant_opened
from core.identity.models import Membership
from core.identity.principal import current_key
from core.web import TENANT_RULE
from runtime.apikeys.models import IdempotentRequest

log = logging.getLogger(__name__)
HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"
_KEY = re.compile(r"[\x21-\x7e]{1,255}")  # visible ASCII, as header values travel safely
BAD_KEY = "Send 1 to 255 visible ASCII characters (a UUID is a good choice)."
OTHER_REQUEST = (
    "This Idempotency-Key was used for a different request (another path or body) in the last {hours} hours; "
    "use a new key for a new request."
)
FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")
IN_PROGRESS = "A request with this Idempotency-Key is still being processed; try again in a moment."


@dataclass(frozen=True)
class Claim:
    tenant_id: Any
    principal: str
    key: str
    fingerprint: str
    user_id: int


class Replayed(Exception):
    """The first answer to this request, to be sent instead of running the view again."""

    def __init__(self, answer: IdempotentRequest) -> None:
        super().__init__("replayed")
        self.answer = answer


def applies() -> bool:
    """A POST to a tenant route that carries the header."""
    rule = request.url_rule.rule if request.url_rule else ""
    under_tenant = rule == TENANT_RULE or rule.startswith(f"{TENANT_RULE}/")
    return request.method == "POST" and under_tenant and HEADER in request.headers


def redact(*fields: str) -> None:
    """Keep this request's answer without these top-level fields (set to null): secrets shown once."""
    g.idempotency_redact = fields


def claim(db_session: Session, membership: Membership) -> None:
    """Replay the first answer, refuse a different request with the key, or claim it for this one."""
    if not applies() or "idempotency" in g:
        return
    key = request.headers[HEADER]
    if not _KEY.fullmatch(key):
        raise Invalid({HEADER: [BAD_KEY]})
    api_key = current_key()
    principal = f"key:{api_key.id}" if api_key is not None else f"user:{membership.user_id}"
    lock = func.pg_try_advisory_xact_lock(func.hashtextextended(f"{membership.tenant_id}|{principal}|{key}", 0))
    if not db_session.scalar(select(lock)):
        raise Conflict(IN_PROGRESS)
    fingerprint = _fingerprint()
    hours = current_app.config["LOOM"].idempotency_hours
    earlier = db_session.get(IdempotentRequest, (membership.tenant_id, principal, key))
    if earlier is not None:
        if earlier.created_at > clock.now() - timedelta(hours=hours):
            if earlier.fingerprint != fingerprint:
                raise Invalid({HEADER: [OTHER_REQUEST.format(hours=hours)]})
            raise Replayed(earlier)
        db_session.delete(earlier)  # kept past its time, not purged yet: the key is free again
        db_session.flush()
    g.idempotency = Claim(membership.tenant_id, principal, key, fingerprint, membership.user_id)


def _fingerprint() -> str:
    """What makes two requests the same: the path, the query and the body, read as data (JSON in a
    canonical form; a multipart form by its fields and each file's content, since a client that
    builds the same upload again picks a new boundary)."""
    digest = hashlib.sha256()
    digest.update(f"{request.method} {request.path}?{request.query_string.decode('latin-1')}\n".encode())
    if request.is_json:
        body = request.get_json(silent=True)
        digest.update(json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode())
    elif request.mimetype in FORMS:
        for name, value in sorted(request.form.items(multi=True)):
            digest.update(json.dumps(["field", name, value]).encode())
        for name, upload in sorted(request.files.items(multi=True), key=lambda item: (item[0], item[1].filename or "")):
            content = hashlib.file_digest(upload.stream, "sha256")  # type: ignore[arg-type]
            upload.stream.seek(0)  # the view reads it next
            digest.update(json.dumps(["file", name, upload.filename, content.hexdigest()]).encode())
    else:
        digest.update(request.get_data(cache=True))
    return digest.hexdigest()


def _keep_answer(response: Response) -> Response:
    """Add the claimed request's 2xx answer to the transaction that ``runtime.app`` commits next."""
    claimed: Claim | None = g.pop("idempotency", None)
    if claimed is None:
        if applies() and 200 <= response.status_code < 300 and not response.headers.get(REPLAYED):
            log.warning("Idempotency-Key sent to a route that never opened its workspace", extra={"path": request.path})
        return response
    if not 200 <= response.status_code < 300 or response.is_streamed:
        return response
    body = response.get_data()
    hidden: tuple[str, ...] = g.get("idempotency_redact", ())
    if hidden:
        document = json.loads(body)
        document.update(dict.fromkeys(hidden))
        body = json.dumps(document).encode()
    db.session().add(
        IdempotentRequest(
            tenant_id=claimed.tenant_id,
            principal=claimed.principal,
            key=claimed.key,
            user_id=claimed.user_id,
            fingerprint=claimed.fingerprint,
            status=response.status_code,
            content_type=response.content_type,
            body=body,
            created_at=clock.now(),
        )
    )
    return response


def _replay(exc: Replayed) -> Response:
    answer = exc.answer
    response = Response(answer.body, status=answer.status, content_type=answer.content_type)
    response.headers[REPLAYED] = "true"
    return response


def init_idempotency(app: Flask) -> None:
    """Registered after ``runtime.app``'s own hooks: this after_request runs before its commit."""
    on_tenant_opened(claim)
    app.after_request(_keep_answer)
    app.register_error_handler(Replayed, _replay)
