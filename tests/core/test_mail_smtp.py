"""What an SMTP server's answer means for a message: taken, tried again later, or refused for good.

``ScriptedSmtp`` is a real SMTP server on a real socket that answers as told (refuse a
recipient, hold the end of data unanswered); the mail tests use it and ``closed_port``.
"""

from __future__ import annotations

import dataclasses
import socket
import socketserver
import threading
from typing import Any

import pytest

from core.mail import smtp

ENVELOPE = smtp.Envelope(
    id="0b5c6a8e-0000-4000-8000-000000000001",
    sender="Loom <no-reply@loom.test>",
    recipient="ann@example.com",
    subject="Hello",
    text_body="Plain body",
    html_body="<p>HTML body</p>",
)


def closed_port() -> int:
    """A local port nothing listens on: every connection is refused (an SMTP outage)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ScriptedSmtp:
    """Takes mail like a server would, except that it answers RCPT with ``rcpt_reply`` and, when
    ``hold`` is set, leaves the end of data unanswered (the message is not taken) and sets
    ``holding``. ``messages`` holds what it took (answered 250)."""

    def __init__(self, rcpt_reply: str = "250 ok", hold: bool = False) -> None:
        self.messages: list[dict[str, Any]] = []
        self.holding = threading.Event()
        scripted = self

        class Handler(socketserver.StreamRequestHandler):
            def _say(self, line: str) -> None:
                self.wfile.write((line + "\r\n").encode())

            def handle(self) -> None:
                self._say("220 scripted ready")
                envelope: dict[str, Any] = {"rcpt": []}
                while line := self.rfile.readline():
                    verb = line.decode(errors="replace").strip()[:4].upper()
                    if verb == "RCPT":
                        envelope["rcpt"].append(line.decode(errors="replace").strip()[8:])
                        self._say(rcpt_reply)
                    elif verb == "DATA":
                        self._say("354 go on")
                        data = []
                        while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                            data.append(chunk)
                        if hold:
                            scripted.holding.set()
                            self.rfile.readline()  # nothing comes: the client waits for the answer
                            return
                        envelope["data"] = b"".join(data).decode(errors="replace")
                        scripted.messages.append(envelope)
                        self._say("250 queued")
                    elif verb == "QUIT":
                        self._say("221 bye")
                        return
                    else:
                        self._say("250 ok")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def settings(app):
    return dataclasses.replace(app.config["LOOM"], mail_backend="smtp", smtp_timeout_seconds=5)


def test_a_message_the_server_takes_is_no_failure(settings):
    server = ScriptedSmtp()
    try:
        assert smtp.send(dataclasses.replace(settings, smtp_port=server.port), ENVELOPE) is None
        assert len(server.messages) == 1 and "Subject: Hello" in server.messages[0]["data"]
    finally:
        server.close()


def test_an_unreachable_server_is_tried_again_later(settings):
    failure = smtp.send(dataclasses.replace(settings, smtp_port=closed_port()), ENVELOPE)
    assert failure is not None and not failure.final and "ConnectionRefusedError" in failure.error


@pytest.mark.parametrize(
    ("reply", "final"),
    [
        ("550 5.1.1 No such user", True),  # the mailbox does not exist: never will
        ("452 4.2.2 Mailbox full, try later", False),  # a 4xx says "later"
    ],
)
def test_a_refused_recipient_is_final_only_for_a_5xx(settings, reply, final):
    server = ScriptedSmtp(rcpt_reply=reply)
    try:
        failure = smtp.send(dataclasses.replace(settings, smtp_port=server.port), ENVELOPE)
    finally:
        server.close()
    assert failure is not None and failure.final is final
    assert reply in failure.error
    assert ENVELOPE.recipient not in failure.error  # smtplib names it; the error does not


def test_a_header_no_email_can_carry_is_final(settings):
    broken = dataclasses.replace(ENVELOPE, subject="Hello\r\nBcc: someone@example.com")
    failure = smtp.send(dataclasses.replace(settings, smtp_port=closed_port()), broken)
    assert failure is not None and failure.final
