"""Sending one connector call: HTTP through the hooks' SSRF-safe client, email through the outbox.

An HTTP call goes the way an outgoing hook does: its URL is resolved and every address checked
(runtime/hooks/ssrf.py, LOOM_HOOKS_ALLOW_PRIVATE and LOOM_HOOKS_ALLOW_HTTP apply), the
connection is made to the checked address with a hard deadline and no redirects
(runtime/hooks/safe_http.py), and it is signed with Standard Webhooks headers
(runtime/hooks/signing.py) whose ``webhook-id`` is the call's, the same on every retry, so a
receiver can drop the copy a lost worker's retry sends. Each workspace signs with its own secret,
derived from LOOM_CONNECTORS_SIGNING_KEY (``signing_secret``), so one workspace's receiver cannot
forge calls to another's.

An email is "delivered" when it is in the mail outbox (core/mail), which is written in the
transaction that moves the flow on: there is no network step to lose.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from core.config import Settings
from core.mail.operations import queue_email
from runtime.hooks import safe_http, ssrf
from runtime.hooks.signing import signature_headers

BODY_KEPT = 2000  # characters of an answer kept with the call, for people to read


@dataclass(frozen=True)
class Outcome:
    """What one attempt came to: ``result`` (the answer's JSON) or an ``error``; ``final`` when
    trying again cannot help (the address is refused, the answer cannot be read)."""

    result: Any = None
    error: str | None = None
    final: bool = False
    response: dict[str, Any] | None = None


def signing_secret(settings: Settings, tenant_id: uuid.UUID) -> str:
    """The workspace's Standard Webhooks secret (``whsec_…``) its connector calls are signed with."""
    key = (settings.connectors_signing_key or settings.secret_key).encode()
    digest = hmac.new(key, f"loom connector signing {tenant_id}".encode(), hashlib.sha256).digest()
    return "whsec_" + base64.b64encode(digest).decode()


def send_http(
    settings: Settings,
    tenant_id: uuid.UUID,
    call_id: uuid.UUID,
    request: dict[str, Any],
    resolver: ssrf.Resolver = ssrf.resolve,
) -> Outcome:
    """One attempt of an HTTP call; never raises for the receiver's or the network's trouble."""
    try:
        target = ssrf.check(request["url"], settings, resolver)
    except ssrf.Refused as exc:
        return Outcome(error=f"The address {request['url']} is refused: {exc}", final=True)
    body = request["body"].encode() if request.get("body") is not None else None
    headers = {
        **request.get("headers", {}),
        **signature_headers(call_id, body or b"", [signing_secret(settings, tenant_id)]),
    }
    answer = safe_http.request(
        request["method"],
        target,
        body,
        headers,
        settings.connectors_timeout_seconds,
        limit=settings.connectors_max_response_bytes,
    )
    response = {"status": answer.status, "body": (answer.body or "")[:BODY_KEPT]}
    if answer.error is not None:
        return Outcome(error=answer.error, response=response)
    if not request.get("responses"):
        return Outcome(response=response)
    if answer.truncated:
        limit = settings.connectors_max_response_bytes
        return Outcome(error=f"The answer is larger than {limit} bytes.", final=True, response=response)
    try:
        return Outcome(result=json.loads(answer.body or ""), response=response)
    except ValueError:
        return Outcome(error="The answer is not JSON, so no value can be taken from it.", final=True, response=response)


def send_email(db_session: Session, settings: Settings, request: dict[str, Any]) -> Outcome:
    """Put the email in the outbox (in the caller's transaction)."""
    to = request["to"].strip()
    if "@" not in to or any(c.isspace() for c in to):
        return Outcome(error=f"The email has no valid address to go to ('{to}').", final=True)
    message = queue_email(
        db_session,
        recipient=to,
        sender=settings.mail_from,
        subject=request["subject"],
        text_body=request["body"],
        template="flow_connector",
    )
    return Outcome(response={"outbox_id": str(message.id)})
