"""One HTTP POST to a checked address, with a hard deadline, never following redirects.

``runtime.hooks.ssrf.check`` resolved the URL's host and checked the address; this module
connects to that very address (not to the name again, which could now resolve elsewhere) and
still speaks to the host by name: the ``Host`` header, TLS SNI and certificate verification all
use the host name from the URL. http.client is used directly because it does exactly one
request and never follows a redirect; requests or urllib3 would need their resolver and pool
bent to do the same.

The whole attempt (connect, TLS, send, answer) must fit in the timeout: socket timeouts alone
would let a receiver that sends one byte every few seconds hold a worker indefinitely, so a
watchdog closes the socket at the deadline. Only the first 2 KiB of the answer are read.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
import time
from dataclasses import dataclass

from runtime.hooks.ssrf import Target

RESPONSE_PREFIX_BYTES = 2048
USER_AGENT = "Loom-Hooks/1 (+https://www.standardwebhooks.com)"
_UNSENDABLE = "The request cannot be sent: a header holds a line break or a character HTTP headers cannot carry."


@dataclass(frozen=True)
class Answer:
    """What one attempt got: a status code and the start of the body, or an error."""

    status: int | None
    body: str | None
    duration_ms: int
    error: str | None
    truncated: bool = False  # the answer was longer than what was read
    final: bool = False  # the request itself cannot be sent (a header value HTTP cannot carry)

    @property
    def succeeded(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._address = target.address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, target: Target, timeout: float, context: ssl.SSLContext) -> None:
        super().__init__(target.host, target.port, timeout=timeout, context=context)
        self._address = target.address
        self._tls = context

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self.timeout)
        raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock = self._tls.wrap_socket(raw, server_hostname=self.host)


def _abort(connection: http.client.HTTPConnection) -> None:
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def post(target: Target, body: bytes, headers: dict[str, str], timeout: float, *, cafile: str | None = None) -> Answer:
    """POST ``body`` to ``target`` (connecting to ``target.address``); never raises for network trouble."""
    return request("POST", target, body, headers, timeout, cafile=cafile)


def request(
    method: str,
    target: Target,
    body: bytes | None,
    headers: dict[str, str],
    timeout: float,
    *,
    cafile: str | None = None,
    limit: int = RESPONSE_PREFIX_BYTES,
) -> Answer:
    """One ``method`` request to ``target``; the answer's first ``limit`` bytes (``truncated`` when
    it had more). Flow connectors use it with their own method and a larger limit."""
    started = time.monotonic()
    connection: http.client.HTTPConnection
    if target.scheme == "https":
        connection = _PinnedHTTPS(target, timeout, ssl.create_default_context(cafile=cafile))
    else:
        connection = _PinnedHTTP(target, timeout)
    watchdog = threading.Timer(timeout, _abort, args=(connection,))
    watchdog.daemon = True
    watchdog.start()
    try:
        connection.request(
            method,
            target.path,
            body=body,
            headers={"Content-Type": "application/json", "User-Agent": USER_AGENT, **headers},
        )
        response = connection.getresponse()
        prefix = response.read(limit + 1)
        status = response.status
        location = response.getheader("Location")
    except (OSError, http.client.HTTPException) as exc:
        elapsed = time.monotonic() - started
        message = f"No answer within {timeout:g} s." if elapsed >= timeout else _describe(exc)
        return Answer(None, None, _ms(started), message)
    except ValueError:  # http.client refuses a header value with a line break or beyond Latin-1
        if time.monotonic() - started >= timeout:  # the watchdog's doing, not the request's
            return Answer(None, None, _ms(started), f"No answer within {timeout:g} s.")
        return Answer(None, None, _ms(started), _UNSENDABLE, final=True)
    finally:
        watchdog.cancel()
        connection.close()
    truncated, prefix = len(prefix) > limit, prefix[:limit]
    if time.monotonic() - started > timeout:
        return Answer(status, prefix.decode("utf-8", "replace"), _ms(started), f"No full answer within {timeout:g} s.")
    error = None
    if 300 <= status < 400:
        error = f"Redirects are not followed (to {location or 'nowhere'}): give the final URL."
    elif not 200 <= status < 300:
        error = f"The receiver answered {status}."
    return Answer(status, prefix.decode("utf-8", "replace"), _ms(started), error, truncated)


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"The receiver's TLS certificate is not valid: {exc.verify_message}."
    if isinstance(exc, ssl.SSLError):
        return f"TLS failed: {exc.reason or exc}."
    if isinstance(exc, ConnectionRefusedError):
        return "The receiver refused the connection."
    if isinstance(exc, TimeoutError | socket.timeout):
        return "The receiver did not answer in time."
    return f"{type(exc).__name__}: {exc}"[:500]
