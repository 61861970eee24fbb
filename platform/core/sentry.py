"""Error reporting to Sentry (Flask, Celery and SQLAlchemy integrations) when a DSN is set."""

from __future__ import annotations

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.flask import FlaskIntegration
from sentry_sdk.integrations.sqlalchemy import SqlalchemyIntegration

from core.config import Settings


def init_sentry(settings: Settings) -> bool:
    """Start the SDK; returns whether it is on. Personal data is never sent."""
    if not settings.sentry_dsn:
        return False
    sentry_sdk.init(
        dsn=settings.sentry_dsn,
        environment=settings.env,
        integrations=[FlaskIntegration(), CeleryIntegration(), SqlalchemyIntegration()],
        send_default_pii=False,
        traces_sample_rate=0.0,
    )
    return True
