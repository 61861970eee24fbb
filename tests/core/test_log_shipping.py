"""Logs go to Logstash without ever holding the code that logs: a stalled listener costs dropped
records (counted and reported when it takes records again), never a waiting request. With TLS the
listener's certificate is verified."""

from __future__ import annotations

import json
import logging
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.log_shipping import LogShipper, make_logstash_shipper

BIG = "x" * 65536


class Listener:
    """A TCP (optionally TLS) listener that keeps every JSON line. Until ``fast`` is set it reads a
    kilobyte a tenth of a second: a Logstash that is up but cannot keep up."""

    def __init__(self, context: ssl.SSLContext | None = None) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.context = context
        self.lines: list[dict] = []
        self.errors: list[str] = []
        self.fast = threading.Event()
        self._closed = False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self._closed:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._read, args=(conn,), daemon=True).start()

    def _read(self, conn: socket.socket) -> None:
        pending = b""
        try:
            if self.context is not None:
                conn = self.context.wrap_socket(conn, server_side=True)
            with conn:
                while data := conn.recv(65536 if self.fast.is_set() else 1024):
                    pending += data
                    *complete, pending = pending.split(b"\n")
                    for raw in complete:
                        try:
                            self.lines.append(json.loads(raw))
                        except ValueError:
                            continue
                    if not self.fast.is_set():
                        time.sleep(0.1)
        except (OSError, ssl.SSLError) as exc:
            self.errors.append(repr(exc))

    def messages(self) -> list[str]:
        return [str(line.get("message")) for line in self.lines]

    def close(self) -> None:
        self._closed = True
        self.fast.set()
        self.sock.close()


@pytest.fixture()
def listener() -> Iterator[Listener]:
    running = Listener()
    yield running
    running.close()


def _logger(shipper: LogShipper, name: str) -> logging.Logger:
    logger = logging.getLogger(name)
    logger.propagate = False
    logger.handlers = [shipper.handler]
    logger.setLevel(logging.INFO)
    return logger


def _wait_for(check, seconds: float = 120.0, nudge=None) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        if nudge is not None:
            nudge()
        time.sleep(0.2)
    return check()


def test_a_stalled_logstash_never_holds_the_caller(listener: Listener) -> None:
    shipper = make_logstash_shipper("127.0.0.1", listener.port, capacity=50)
    logger = _logger(shipper, "loom.test.stalled")
    try:
        # 10,000 records of 64 KB against a listener taking 10 KB/s: written on the caller's thread,
        # they would hold it for hours once the socket buffers are full.
        caller = threading.Thread(target=lambda: [logger.info("record %d %s", n, BIG) for n in range(10000)])
        caller.start()
        caller.join(timeout=120)
        assert not caller.is_alive(), "logging waited for the stalled listener"

        listener.fast.set()  # Logstash keeps up again
        marker = "after the stall"
        assert _wait_for(lambda: marker in listener.messages(), nudge=lambda: logger.warning(marker))
        dropped = [m for m in listener.messages() if "log records were dropped" in m]
        assert dropped, listener.messages()[:5]
    finally:
        shipper.stop(timeout=2)


def test_the_request_id_and_fields_travel_with_the_record(listener: Listener) -> None:
    from core.logging import RequestIdFilter, request_id_var

    listener.fast.set()
    shipper = make_logstash_shipper("127.0.0.1", listener.port, capacity=100)
    shipper.handler.addFilter(RequestIdFilter())
    logger = _logger(shipper, "loom.test.fields")
    token = request_id_var.set("req-ship-1")
    try:
        try:
            raise ValueError("boom for the stack trace")
        except ValueError:
            logger.exception("it failed: %s", "details", extra={"answer": 42})
    finally:
        request_id_var.reset(token)
    try:
        assert _wait_for(lambda: "it failed: details" in listener.messages(), seconds=60)
        line = next(line for line in listener.lines if line.get("message") == "it failed: details")
        fields = line | line.get("extra", {})
        assert fields.get("request_id") == "req-ship-1"
        assert fields.get("answer") == 42
        assert "boom for the stack trace" in str(fields.get("stack_trace"))
        assert "loom" in line.get("tags", [])
    finally:
        shipper.stop(timeout=2)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("logstash-tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def _tls_listener(certificate: tuple[Path, Path]) -> Listener:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(certificate[0]), str(certificate[1]))
    running = Listener(context)
    running.fast.set()
    return running


def test_records_travel_over_verified_tls(certificate: tuple[Path, Path]) -> None:
    listener = _tls_listener(certificate)
    shipper = make_logstash_shipper("127.0.0.1", listener.port, capacity=100, tls=True, ca_file=str(certificate[0]))
    logger = _logger(shipper, "loom.test.tls")
    try:
        assert _wait_for(lambda: "over tls" in listener.messages(), seconds=60, nudge=lambda: logger.info("over tls"))
    finally:
        shipper.stop(timeout=2)
        listener.close()


def test_a_listener_with_an_unknown_certificate_gets_nothing(certificate: tuple[Path, Path]) -> None:
    listener = _tls_listener(certificate)
    shipper = make_logstash_shipper("127.0.0.1", listener.port, capacity=100, tls=True)  # system CAs only
    logger = _logger(shipper, "loom.test.tls.unknown")
    try:
        assert _wait_for(lambda: listener.errors, seconds=60, nudge=lambda: logger.info("should not arrive"))
        assert "should not arrive" not in listener.messages()
    finally:
        shipper.stop(timeout=2)
        listener.close()
