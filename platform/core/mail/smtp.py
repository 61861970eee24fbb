"""One SMTP conversation for one message, and what its failure means for the retry schedule.

Only a refusal of this message itself is final: every recipient refused, or the message's data
refused, with a 5xx code (an unknown mailbox, a message too big or taken for spam). Trying again
would get the same answer. Everything else is retried on the schedule: the server unreachable or
slow, 4xx (try later), and 5xx answers about Loom's own side (credentials, sender, STARTTLS),
which an operator fixes for all messages at once.

Errors are described by the server's code and answer, without the address smtplib puts in some
exceptions. The server's answer may still quote the address, so ``last_error`` is shown in the
back office but never logged (the logs name the message by its id).
"""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage

from core.config import Settings


@dataclass(frozen=True)
class Envelope:
    """What one attempt sends, read from the outbox row while its lease was taken."""

    id: str
    sender: str
    recipient: str
    subject: str
    text_body: str
    html_body: str | None


@dataclass(frozen=True)
class Failure:
    """Why an attempt failed; ``final`` when no later attempt can succeed."""

    error: str
    final: bool = False


def send(settings: Settings, envelope: Envelope) -> Failure | None:
    """Hand the message to the SMTP server; None when it took it."""
    try:
        email = _message(envelope)
    except (ValueError, TypeError) as exc:  # a header no email can carry: it never will
        return Failure(f"The message cannot be written: {type(exc).__name__}", final=True)
    timeout = max(1, settings.smtp_timeout_seconds)
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=timeout) as smtp:
            if settings.smtp_use_tls:
                smtp.starttls()
            if settings.smtp_username and settings.smtp_password:
                smtp.login(settings.smtp_username, settings.smtp_password)
            smtp.send_message(email)
    except smtplib.SMTPRecipientsRefused as exc:
        answers = list(exc.recipients.values())
        refused = all(code >= 500 for code, _ in answers)
        return Failure(f"The server refused the recipient: {_answers(answers)}", final=refused)
    except smtplib.SMTPDataError as exc:
        said = _answers([(exc.smtp_code, exc.smtp_error)])
        return Failure(f"The server refused the message: {said}", final=exc.smtp_code >= 500)
    except smtplib.SMTPResponseException as exc:
        return Failure(f"{type(exc).__name__}: {_answers([(exc.smtp_code, exc.smtp_error)])}")
    except (OSError, smtplib.SMTPException) as exc:
        # Connection refused or lost, timeouts, TLS errors: nothing here names the recipient.
        return Failure(f"{type(exc).__name__}: {exc}")
    return None


def _message(envelope: Envelope) -> EmailMessage:
    email = EmailMessage()
    email["From"] = envelope.sender
    email["To"] = envelope.recipient
    email["Subject"] = envelope.subject
    email["Message-ID"] = f"<{envelope.id}@loom>"
    email.set_content(envelope.text_body)
    if envelope.html_body:
        email.add_alternative(envelope.html_body, subtype="html")
    return email


def _answers(answers: Sequence[tuple[int, bytes | str]]) -> str:
    return "; ".join(f"{code} {_text(said)}".strip() for code, said in answers)


def _text(said: bytes | str) -> str:
    return said.decode("utf-8", "replace") if isinstance(said, bytes) else str(said)
