"""Sending a message to support. Operations flush; the request commits."""

from __future__ import annotations

from flask import current_app

from core import db
from core.mail.operations import queue_email
from runtime.mail.render import send_email


def contact_support(*, email: str, language: str, topic: str, message: str, user_id: int | None) -> None:
    """Queue the message for the support address and a receipt, in their language, for the writer.

    The support team reads English; the writer's address goes in the subject and the body so a
    reply reaches them. Both go through the outbox, so nothing is sent if the request fails.
    """
    settings = current_app.config["LOOM"]
    who = f"{email} (user {user_id})" if user_id is not None else f"{email} (not signed in)"
    queue_email(
        db.session(),
        recipient=settings.support_email,
        sender=current_app.config["SECURITY_EMAIL_SENDER"],
        subject=f"Support: {topic} — from {email}",
        text_body=f"From: {who}\nLanguage: {language}\nTopic: {topic}\n\n{message}\n",
        template="support_request",
    )
    send_email(email, language, "contact_received", topic=topic, message=message)
