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
import re
import uuid
from dataclasses import dataclass
from email.utils import getaddresses
from typing import Any

from sqlalchemy.orm import Session

from core.config import Settings
from core.mail.operations import queue_email
from runtime.hooks import safe_http, ssrf
from runtime.hooks.signing import signature_headers

BODY_KEPT = 2000  # characters of an answer kept with the call, for people to read
ADDRESS_LENGTH = 254  # the longest address SMTP carries (RFC 5321), within the outbox's column
_ADDRESS = re.compile(r"[^\s@<>()\[\],;:\\\"]+@[^\s@<>()\[\],;:\\\".]+(\.[^\s@<>()\[\],;:\\\".]+)+")


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
    """One attempt of an HTTP call; never raises for the receiver's or the network's trouble.

    A host that does not resolve is tried again on the schedule (DNS fails for a while at times);
    a forbidden address, or a request that HTTP cannot carry, fails the step at once."""
    unsendable = _unsendable(request)
    if unsendable is not None:
        return Outcome(error=unsendable, final=True)
    try:
        target = ssrf.check(request["url"], settings, resolver)
    except ssrf.Unresolved as exc:
        return Outcome(error=f"The address {request['url']} cannot be reached: {exc}")
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
        return Outcome(error=answer.error, final=answer.final, response=response)
    if not request.get("responses"):
        return Outcome(response=response)
    if answer.truncated:
        limit = settings.connectors_max_response_bytes
        return Outcome(error=f"The answer is larger than {limit} bytes.", final=True, response=response)
    try:
        return Outcome(result=json.loads(answer.body or ""), response=response)
    except ValueError:
        return Outcome(error="The answer is not JSON, so no value can be taken from it.", final=True, response=response)


def _unsendable(request: dict[str, Any]) -> str | None:
    """Why HTTP cannot carry the request as the record's values filled it in, or None: a line break
    in a header value would end the header there (and start another, or fold it into this one)."""
    if _breaks(request["url"]):
        return f"The address {_shown(request['url'])} holds a line break or a control character."
    for name, value in (request.get("headers") or {}).items():
        if _breaks(value):
            return (
                f"The header {name} would hold a line break or a control character ({_shown(value)}); "
                "correct the value it is filled from."
            )
        try:
            value.encode("latin-1")
        except UnicodeEncodeError:
            return (
                f"The header {name} would hold characters a header cannot carry ({_shown(value)}); "
                "send them in the body instead."
            )
    return None


def _breaks(text: str) -> bool:
    """Whether ``text`` holds a line break, NUL or another control character (a tab is fine)."""
    return any((ord(c) < 32 and c != "\t") or ord(c) == 127 for c in text)


def _shown(text: str, limit: int = 80) -> str:
    """``text`` as a person reads it in an error: control characters escaped, cut at ``limit``."""
    escaped = json.dumps(text, ensure_ascii=False)
    return escaped if len(escaped) <= limit else escaped[: limit - 1] + "…"


def recipient(to: str) -> str | None:
    """The one address ``to`` names (``ann@example.com`` or ``Ann <ann@example.com>``), or None.

    Exactly one address: a field holding ``a@x.com, b@y.com`` must not mail two people, and the
    address must fit the outbox (at most 254 characters, as SMTP allows)."""
    if _breaks(to) or to.count("@") != 1:
        return None
    found = getaddresses([to])
    if len(found) != 1:
        return None
    address = found[0][1]
    written = to == address or to.endswith(f"<{address}>")  # as given, not pieced together by the parser
    return address if written and len(address) <= ADDRESS_LENGTH and _ADDRESS.fullmatch(address) else None


def send_email(db_session: Session, settings: Settings, request: dict[str, Any]) -> Outcome:
    """Put the email in the outbox (in the caller's transaction)."""
    to = recipient(request["to"].strip())
    if to is None:
        return Outcome(
            error=f"The email cannot go to {_shown(request['to'])}: give exactly one email address.", final=True
        )
    if _breaks(request["subject"]):
        return Outcome(error=f"The email's subject holds a line break ({_shown(request['subject'])}).", final=True)
    message = queue_email(
        db_session,
        recipient=to,
        sender=settings.mail_from,
        subject=request["subject"],
        text_body=request["body"],
        template="flow_connector",
    )
    return Outcome(response={"outbox_id": str(message.id)})
