"""Render and queue emails laid out in texts.py, worded by the gettext catalogues, in the recipient's language.

Every sender decides the language with runtime.mail.language.recipient_language (or address_language).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask import current_app, render_template

from core import db
from core.mail.models import OutboxMessage
from core.mail.operations import queue_email
from runtime.mail.texts import EMAILS
from runtime.translations import language_of, plural, text


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
    return template in EMAILS


def duration(value: timedelta, language: str) -> str:
    """``2 hours`` / ``3 Tage``: the largest whole unit of a link's lifetime."""
    seconds = int(value.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if (seconds >= size and seconds % size == 0) or unit == "minute":
            return plural(language, f"duration.{unit}", max(1, seconds // size))
    raise AssertionError("unreachable")


def _fill(text: str, values: dict[str, Any]) -> str:
    return string.Formatter().vformat(text, (), _Blank(values))


def render_email(template: str, language: str, **context: Any) -> RenderedEmail:
    """The email ``template`` in ``language`` (English when Loom does not speak it)."""
    lang = language_of(language)
    layout = EMAILS[template]
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
        "subject": _fill(text(lang, f"email.{template}.subject"), values),
        "before": [_fill(text(lang, key), values) for key in layout.before],
        "after": [_fill(text(lang, key), values) for key in layout.after],
        "button": _fill(text(lang, f"email.{template}.button"), values) if layout.link else None,
        "link": str(values.get(layout.link, "")) if layout.link else None,
        "lang": lang,
    }
    return RenderedEmail(
        subject=str(parts["subject"]),
        text=render_template("email/message.txt", **parts),
        html=render_template("email/message.html", **parts),
    )


def send_email(recipient: str, language: str, template: str, **context: Any) -> OutboxMessage:
    """Queue ``template`` for ``recipient`` in ``language`` (from runtime.mail.language) in the
    request's or task's transaction."""
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
