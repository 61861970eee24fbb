"""Error reporting to Sentry (Flask, Celery and SQLAlchemy integrations) when a DSN is set.

Events carry the release (``LOOM_SENTRY_RELEASE``, else ``loom@<version>``; the webapp reports
the same one, from /api/meta), the stage and the request id (a tag, set where the request or
task starts). They never carry who the person is or what they sent:

- no personal data from the SDK (``send_default_pii`` off: no user, IP, cookies or bodies) and no
  local variables in stack frames (they hold records' values);
- values under secret-looking keys (tokens, passwords, keys, cookies, signatures, emails ...)
  replaced, in every nested dictionary of the event;
- URLs with their secret query values and auth link tokens hidden, as in the logs;
- email addresses, bearer tokens, API keys and JWT-shaped strings replaced inside every text of
  the event (messages, exception values, breadcrumbs), wherever they were written.
"""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.flask import FlaskIntegration
from sentry_sdk.integrations.sqlalchemy import SqlalchemyIntegration
from sentry_sdk.scrubber import DEFAULT_DENYLIST, DEFAULT_PII_DENYLIST, EventScrubber

from core.config import Settings
from core.logging import scrub_url

FILTERED = "[Filtered]"
# Keys whose values never leave (matched whole and case-blind by sentry's scrubber).
EXTRA_DENYLIST = [
    "email",
    "recipient",
    "phone",
    "signature",
    "webhook-signature",
    "webhook_signature",
    "x-loom-signature",
    "secret_key",
    "signing_key",
    "otp",
    "code",
    "totp",
    "refresh_token",
    "access_token",
    "id_token",
    "client_secret",
    "dsn",
    "database_url",
    "redis_url",
    "smtp_password",
]
_IN_TEXT = (
    re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"),  # email addresses
    re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]+"),  # Authorization: Bearer ...
    re.compile(r"\bloom_[0-9a-f]{16}_[A-Za-z0-9_-]{20,}"),  # Loom API keys
    re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),  # JWTs
    re.compile(r"(?i)\b(whsec|sk|pk|rk)_[A-Za-z0-9]{16,}"),  # signing and provider secrets
)


def release_of(settings: Settings) -> str:
    """The release this process reports: ``LOOM_SENTRY_RELEASE``, else ``loom@<installed version>``."""
    if settings.sentry_release:
        return settings.sentry_release
    try:
        return f"loom@{version('loom')}"
    except PackageNotFoundError:
        return "loom@unknown"


def scrub_text(text: str) -> str:
    """``text`` with email addresses, bearer tokens, API keys and JWTs replaced."""
    for pattern in _IN_TEXT:
        text = pattern.sub(FILTERED, text)
    return text


def _scrub_strings(value: Any) -> Any:
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {key: _scrub_strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub_strings(item) for item in value]
    return value


def before_send(event: dict[str, Any], _hint: dict[str, Any]) -> dict[str, Any]:
    """The last look at an event before it leaves: URLs as the logs show them, no secret in text."""
    request = event.get("request")
    if isinstance(request, dict):
        if isinstance(request.get("url"), str):
            request["url"] = scrub_url(request["url"])
        if isinstance(request.get("query_string"), str):
            request["query_string"] = scrub_url("?" + request["query_string"])[1:]
        request.pop("data", None)
        request.pop("cookies", None)
    return dict(_scrub_strings(event))


def before_breadcrumb(crumb: dict[str, Any], _hint: dict[str, Any]) -> dict[str, Any]:
    data = crumb.get("data")
    if isinstance(data, dict) and isinstance(data.get("url"), str):
        data["url"] = scrub_url(data["url"])
    return dict(_scrub_strings(crumb))


def init_sentry(settings: Settings) -> bool:
    """Start the SDK; returns whether it is on."""
    if not settings.sentry_dsn:
        return False
    sentry_sdk.init(
        dsn=settings.sentry_dsn,
        environment=settings.env,
        release=release_of(settings),
        integrations=[FlaskIntegration(), CeleryIntegration(), SqlalchemyIntegration()],
        send_default_pii=False,
        # Frames' local variables hold records' values (people's data): stack traces go without them.
        include_local_variables=False,
        event_scrubber=EventScrubber(denylist=DEFAULT_DENYLIST + DEFAULT_PII_DENYLIST + EXTRA_DENYLIST, recursive=True),
        before_send=before_send,  # type: ignore[arg-type]
        before_breadcrumb=before_breadcrumb,
        traces_sample_rate=0.0,
    )
    return True
