"""Render and queue emails from the catalog in texts.py, in the recipient's language."""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask import current_app, render_template

from core import db
from core.mail.models import OutboxMessage
from core.mail.operations import queue_email
from runtime.mail.texts import CATALOG, DURATION_UNITS, EmailText

DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


class _Blank(dict[str, Any]):
    """A format context that leaves unknown fields empty instead of failing the send."""

    def __missing__(self, key: str) -> str:
        return ""


def has_email(template: str) -> bool:
    return template in CATALOG[DEFAULT_LANGUAGE]


def language_of(value: str | None) -> str:
    return value if value in CATALOG else DEFAULT_LANGUAGE


def duration(value: timedelta, language: str) -> str:
    """``2 hours`` / ``3 Tage``: the largest whole unit of a link's lifetime."""
    units = DURATION_UNITS[language_of(language)]
    seconds = int(value.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if (seconds >= size and seconds % size == 0) or unit == "minute":
            count = max(1, seconds // size)
            one, many = units[unit]
            return f"{count} {one if count == 1 else many}"
    raise AssertionError("unreachable")


def _fill(text: str, values: dict[str, Any]) -> str:
    return string.Formatter().vformat(text, (), _Blank(values))


def render_email(template: str, language: str, **context: Any) -> RenderedEmail:
    """The email ``template`` in ``language`` (English when Loom does not speak it)."""
    lang = language_of(language)
    text: EmailText = CATALOG[lang][template]
    config = current_app.config
    values: dict[str, Any] = {
        "support_email": config["LOOM"].support_email,
        "confirm_within": duration(config["SECURITY_CONFIRM_EMAIL_WITHIN"], lang),
        "reset_within": duration(config["SECURITY_RESET_PASSWORD_WITHIN"], lang),
        **context,
    }
    user = context.get("user")
    if user is not None:
        values.setdefault("email", user.email)
    parts = {
        "subject": _fill(text.subject, values),
        "before": [_fill(p, values) for p in text.before],
        "after": [_fill(p, values) for p in text.after],
        "button": _fill(text.button, values) if text.button else None,
        "link": str(values.get(text.link, "")) if text.link else None,
        "lang": lang,
    }
    return RenderedEmail(
        subject=str(parts["subject"]),
        text=render_template("email/message.txt", **parts),
        html=render_template("email/message.html", **parts),
    )


def send_email(recipient: str, language: str | None, template: str, **context: Any) -> OutboxMessage:
    """Queue ``template`` for ``recipient`` in the request's or task's transaction."""
    rendered = render_email(template, language_of(language), **context)
    return queue_email(
        db.session(),
        recipient=recipient,
        sender=current_app.config["SECURITY_EMAIL_SENDER"],
        subject=rendered.subject,
        text_body=rendered.text,
        html_body=rendered.html,
        template=template,
    )
