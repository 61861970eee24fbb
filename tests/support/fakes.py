"""Local stand-ins for outside services: an SMTP sink, a Sentry ingest endpoint, a Logstash listener.

They speak the real protocols over real sockets, so Loom's real clients talk to them.
"""

from __future__ import annotations

import gzip
import json
import socketserver
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class _Server:
    def __init__(self, server: socketserver.BaseServer) -> None:
        self.server = server
        self.thread = threading.Thread(target=server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class SmtpSink(_Server):
    """A minimal SMTP server that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def _say(self, line: str) -> None:
                self.wfile.write((line + "\r\n").encode())

            def handle(self) -> None:
                self._say("220 sink ready")
                envelope: dict[str, Any] = {"rcpt": []}
                while line := self.rfile.readline():
                    command = line.decode(errors="replace").strip()
                    verb = command[:4].upper()
                    if verb in ("HELO", "EHLO"):
                        self._say("250 sink")
                    elif verb == "MAIL":
                        envelope = {"from": command[10:], "rcpt": []}
                        self._say("250 ok")
                    elif verb == "RCPT":
                        envelope["rcpt"].append(command[8:])
                        self._say("250 ok")
                    elif verb == "DATA":
                        self._say("354 go on")
                        data = []
                        while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                            data.append(chunk)
                        envelope["data"] = b"".join(data).decode(errors="replace")
                        sink.messages.append(envelope)
                        self._say("250 queued")
                    elif verb == "QUIT":
                        self._say("221 bye")
                        return
                    else:
                        self._say("250 ok")

        super().__init__(socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler))


class FakeSentry(_Server):
    """Accepts Sentry envelopes at /api/<project>/envelope/ and keeps the decoded items."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                for raw in body.split(b"\n"):
                    try:
                        item = json.loads(raw)
                    except ValueError:
                        continue
                    if isinstance(item, dict):
                        fake.items.append(item)
                self.send_response(200)
                self.send_header("Access-Control-Allow-Origin", "*")  # browsers post from the app's origin
                self.end_headers()
                self.wfile.write(b"{}")

            def do_OPTIONS(self) -> None:
                self.send_response(204)
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Access-Control-Allow-Methods", "POST")
                self.send_header("Access-Control-Allow-Headers", "content-type")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                return

        super().__init__(ThreadingHTTPServer(("127.0.0.1", 0), Handler))

    def dsn(self) -> str:
        return f"http://publickey@127.0.0.1:{self.port}/42"


class FakeLogstash(_Server):
    """A TCP listener that keeps every JSON line python-logstash sends."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []
        fake = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                while line := self.rfile.readline():
                    try:
                        fake.records.append(json.loads(line))
                    except ValueError:
                        continue

        super().__init__(socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler))
