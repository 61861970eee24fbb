"""Sending email (core/mail): the backend, the SMTP server, and delivery by workers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.settings.env import env, env_bool, env_int, env_str


@dataclass(frozen=True, kw_only=True)
class MailSettings:
    mail_backend: str
    mail_from: str
    smtp_host: str
    smtp_port: int
    smtp_username: str | None
    smtp_password: str | None
    smtp_use_tls: bool
    support_email: str
    # Mail delivery (core/mail): the wait for each step of one SMTP conversation (a worker's lease
    # on a message outlasts a whole conversation), messages the sweep hands to workers per round,
    # and dead letters one "Send all again" in the back office starts again.
    smtp_timeout_seconds: int = 20
    mail_sweep_batch: int = 500
    mail_replay_limit: int = 10_000


def read_mail(stage: str) -> dict[str, Any]:
    """Outside production, mail is captured unless ``LOOM_MAIL_BACKEND`` says otherwise."""
    return dict(
        mail_backend=env_str("MAIL_BACKEND", "capture" if stage != "production" else "smtp"),
        mail_from=env_str("MAIL_FROM", "Loom <no-reply@loom.localhost>"),
        smtp_host=env_str("SMTP_HOST", "127.0.0.1"),
        smtp_port=env_int("SMTP_PORT", 25),
        smtp_username=env("SMTP_USERNAME"),
        smtp_password=env("SMTP_PASSWORD"),
        smtp_use_tls=env_bool("SMTP_USE_TLS", False),
        support_email=env_str("SUPPORT_EMAIL", "support@loom.localhost"),
    )
