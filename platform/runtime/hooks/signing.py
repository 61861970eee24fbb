"""Standard Webhooks signatures (https://www.standardwebhooks.com), made by its own library.

Every call carries ``webhook-id`` (the message's id, the same on every retry, so receivers can
drop duplicates), ``webhook-timestamp`` and ``webhook-signature``: ``v1,<base64 HMAC-SHA256 of
id.timestamp.body>`` for each active secret, separated by spaces. During the 24 hours after a
secret is rotated both the new and the old secret sign, so a receiver can switch at its own pace.

The timestamp is the wall clock, not Loom's clock (``core.clock``): receivers compare it with
their own clock to refuse replays older than a few minutes, and Loom's clock only moves in tests.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from math import floor

from standardwebhooks.webhooks import Webhook

from runtime.hooks.crypto import decrypt
from runtime.hooks.models import HookEndpoint

ROTATION_OVERLAP = timedelta(hours=24)


def webhook_id(message_id: uuid.UUID) -> str:
    return f"msg_{message_id.hex}"


def active_secrets(endpoint: HookEndpoint, now: datetime) -> list[str]:
    """The current secret, then the previous one while its overlap lasts."""
    found = [decrypt(endpoint.secret)]
    if endpoint.previous_secret and endpoint.previous_secret_until and endpoint.previous_secret_until > now:
        found.append(decrypt(endpoint.previous_secret))
    return found


def signature_headers(message_id: uuid.UUID, body: bytes, secrets: list[str]) -> dict[str, str]:
    """The three Standard Webhooks headers for one attempt."""
    at = datetime.now(UTC).replace(microsecond=0)
    msg_id = webhook_id(message_id)
    signatures = " ".join(Webhook(secret).sign(msg_id, at, body) for secret in secrets)
    return {"webhook-id": msg_id, "webhook-timestamp": str(floor(at.timestamp())), "webhook-signature": signatures}
