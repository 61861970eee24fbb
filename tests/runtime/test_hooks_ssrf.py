"""Hooks call public addresses only: checked when saved and at every attempt, connected to the
very address checked (so DNS rebinding gets nowhere), redirects never followed."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from runtime.hooks import safe_http, ssrf
from tests.support.hooks import Receiver, allow_local, run_hooks, workspace

REFUSED = [
    "https://127.0.0.1/hook",
    "https://10.1.2.3/hook",
    "https://169.254.169.254/latest/meta-data",
    "https://[::1]/hook",
    "https://[::ffff:127.0.0.1]/hook",
    "https://[::ffff:7f00:1]/hook",
    "https://localhost/hook",
    "https://100.64.0.1/hook",
    "https://[fd00::1]/hook",
    "https://[fe80::1]/hook",
    "https://0.0.0.0/hook",
    "https://224.0.0.1/hook",
    "https://user:secret@93.184.215.14/hook",
]


@pytest.fixture()
def shop(app, client):
    return workspace(app, client, "x-hooks-ssrf")


@pytest.mark.parametrize("url", REFUSED)
def test_private_and_special_addresses_are_refused_when_saved(shop, url):
    answer = shop.hooks("POST", "/endpoints", json={"url": url, "event_types": ["record.created"]})
    assert answer.status_code == 422, answer.get_json()
    assert answer.mimetype == "application/problem+json" and answer.get_json()["errors"]["url"]


def test_plain_http_needs_the_setting(shop):
    answer = shop.hooks("POST", "/endpoints", json={"url": "http://93.184.215.14/", "event_types": ["record.created"]})
    assert answer.status_code == 422 and "https" in answer.get_json()["errors"]["url"][0]
    fine = shop.hooks("POST", "/endpoints", json={"url": "https://93.184.215.14/", "event_types": ["record.created"]})
    assert fine.status_code == 201


@pytest.mark.parametrize(
    "address",
    ["::", "::127.0.0.1", "2002:7f00:1::1", "2001::7f00:1", "64:ff9b::a00:1", "198.18.0.1", "192.168.1.1", "ff02::1"],
)
def test_ipv6_wrappings_and_reserved_ranges_are_not_public(address):
    assert not ssrf.is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111"])
def test_public_addresses_are_public(address):
    assert ssrf.is_public(ipaddress.ip_address(address))


def test_a_name_with_any_private_answer_is_refused(app):
    settings = app.config["LOOM"]
    with pytest.raises(ssrf.Refused):
        ssrf.check("https://rebind.example/", settings, lambda host, port: ["93.184.215.14", "127.0.0.1"])
    target = ssrf.check("https://ok.example/x?y=1", settings, lambda host, port: ["93.184.215.14"])
    assert (target.address, target.host, target.port, target.path) == ("93.184.215.14", "ok.example", 443, "/x?y=1")


def test_the_address_is_checked_again_at_every_attempt(app, shop, monkeypatch):
    from sqlalchemy import select

    from core import db
    from runtime.hooks.models import HookAttempt

    receiver = Receiver()
    try:
        allow_local(app, monkeypatch)
        shop.endpoint(receiver)
        allow_local(app, monkeypatch, hooks_allow_private="")  # the allowlist is off now
        shop.emit()
        run_hooks(app)
        assert receiver.calls == []
        [attempt] = db.session.scalars(select(HookAttempt).execution_options(all_tenants=True)).all()
        assert "not a public address" in attempt.error and attempt.status_code is None
    finally:
        receiver.close()


def test_a_redirect_to_loopback_is_not_followed_and_counts_as_a_failure(app, shop, monkeypatch):
    from sqlalchemy import select

    from core import db
    from runtime.hooks.models import HookDelivery

    receiver = Receiver()
    try:
        allow_local(app, monkeypatch)
        shop.endpoint(receiver)
        receiver.status, receiver.location = 302, "http://127.0.0.1:1/internal"
        shop.emit()
        run_hooks(app)
        assert len(receiver.calls) == 1
        [delivery] = db.session.scalars(select(HookDelivery).execution_options(all_tenants=True)).all()
        assert delivery.status == "pending" and delivery.last_status_code == 302
        assert "Redirects are not followed" in delivery.last_error
    finally:
        receiver.close()


def test_the_connection_goes_to_the_checked_address_whatever_the_name_resolves_to_now():
    receiver = Receiver()
    try:
        port = receiver.server.server_port
        target = ssrf.Target("http://rebind.invalid/hook", "http", "rebind.invalid", port, "/hook", "127.0.0.1")
        answer = safe_http.post(target, b"{}", {}, 5)
        assert answer.status == 200 and answer.succeeded
        assert receiver.calls[0].headers["host"] == f"rebind.invalid:{port}"
    finally:
        receiver.close()


def _certificate(tmp_path, name):
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return str(cert_file), str(key_file)


def test_tls_is_verified_against_the_host_name_while_connecting_to_the_pinned_address(tmp_path):
    cert, key = _certificate(tmp_path, "hooks.test")
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            seen.append((self.headers["Host"], self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        good = ssrf.Target("https://hooks.test/", "https", "hooks.test", port, "/", "127.0.0.1")
        assert safe_http.post(good, b"{}", {}, 5, cafile=cert).status == 204
        assert seen == [(f"hooks.test:{port}", b"{}")]
        wrong = ssrf.Target("https://other.test/", "https", "other.test", port, "/", "127.0.0.1")
        refused = safe_http.post(wrong, b"{}", {}, 5, cafile=cert)
        assert refused.status is None and "certificate" in refused.error
    finally:
        server.shutdown()
        server.server_close()


def test_a_receiver_that_never_answers_is_cut_off_at_the_timeout():
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    try:
        port = listener.getsockname()[1]
        target = ssrf.Target("http://slow.test/", "http", "slow.test", port, "/", "127.0.0.1")
        answer = safe_http.post(target, b"{}", {}, 1)
        assert answer.status is None and answer.duration_ms < 5000 and answer.error
    finally:
        listener.close()
