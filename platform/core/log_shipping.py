"""Shipping logs to Logstash without ever making a request wait for it.

python-logstash's TCP handler writes on the caller's thread: a Logstash that is slow, stalled or
unreachable would hold every request that logs (up to its socket's one-second timeout per
record, again and again). Here the caller only puts the record on a bounded queue
(``LOOM_LOGSTASH_QUEUE_SIZE``); one thread per process sends from it. When the queue is full,
records are dropped and counted, and the thread reports how many once Logstash takes records
again. With ``LOOM_LOGSTASH_TLS`` the connection is TLS, verified against the system's
certificate authorities or ``LOOM_LOGSTASH_CA_FILE``.
"""

from __future__ import annotations

import copy
import logging
import os
import queue
import socket
import ssl
import threading
from logging.handlers import QueueHandler

from logstash import TCPLogstashHandler

_STOP = object()


class _TlsLogstashHandler(TCPLogstashHandler):  # type: ignore[misc]
    """python-logstash's TCP handler whose socket speaks verified TLS."""

    def __init__(self, host: str, port: int, context: ssl.SSLContext, **kwargs: object) -> None:
        super().__init__(host, port, **kwargs)
        self._context = context

    def makeSocket(self, timeout: float = 1) -> socket.socket:  # noqa: N802 - the stdlib's name
        plain = socket.create_connection((self.host, self.port), timeout=timeout)
        try:
            return self._context.wrap_socket(plain, server_hostname=self.host)
        except BaseException:
            plain.close()
            raise


class ShippingQueueHandler(QueueHandler):
    """Puts a copy of each record on a bounded queue and never waits: a full queue drops it."""

    def __init__(self, records: queue.Queue[object]) -> None:
        super().__init__(records)
        self.dropped = 0
        self._lock_dropped = threading.Lock()

    def prepare(self, record: logging.LogRecord) -> logging.LogRecord:
        # The message is rendered now (its arguments may change later); the exception stays, so
        # Logstash still gets the stack trace as a field of its own.
        prepared = copy.copy(record)
        prepared.msg = record.getMessage()
        prepared.args = None
        return prepared

    def enqueue(self, record: logging.LogRecord) -> None:
        try:
            self.queue.put_nowait(record)
        except queue.Full:
            with self._lock_dropped:
                self.dropped += 1

    def take_dropped(self) -> int:
        with self._lock_dropped:
            dropped, self.dropped = self.dropped, 0
        return dropped


class LogShipper:
    """The queue's sending side: one daemon thread handing records to the TCP handler."""

    def __init__(self, target: logging.Handler, capacity: int) -> None:
        self.records: queue.Queue[object] = queue.Queue(maxsize=max(1, capacity))
        self.handler = ShippingQueueHandler(self.records)
        self.target = target
        self._thread = threading.Thread(target=self._run, name="loom-logstash", daemon=True)

    def start(self) -> None:
        self._thread.start()
        # Gunicorn and Celery fork their workers after logging is set up: a child starts a
        # thread of its own on a fresh queue and socket (the parent's thread is not copied).
        os.register_at_fork(after_in_child=self._restart_in_child)

    def _restart_in_child(self) -> None:
        self.records = queue.Queue(maxsize=self.records.maxsize)
        self.handler.queue = self.records
        self.handler.dropped = 0
        self.handler._lock_dropped = threading.Lock()
        if isinstance(self.target, TCPLogstashHandler):
            self.target.sock = None
        self.target.createLock()
        self._thread = threading.Thread(target=self._run, name="loom-logstash", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (record := self.records.get()) is not _STOP:
            assert isinstance(record, logging.LogRecord)
            dropped = self.handler.take_dropped()
            if dropped:
                self.target.handle(_dropped_record(dropped, record))
                if getattr(self.target, "sock", True) is None:  # not sent: report them next time
                    with self.handler._lock_dropped:
                        self.handler.dropped += dropped
            self.target.handle(record)

    def stop(self, timeout: float) -> None:
        """Send what is queued for at most ``timeout`` seconds, then let the process go."""
        try:
            self.records.put(_STOP, timeout=timeout)
        except queue.Full:
            return
        self._thread.join(timeout)
        self.target.close()


def _dropped_record(count: int, after: logging.LogRecord) -> logging.LogRecord:
    record = logging.LogRecord(
        "core.log_shipping",
        logging.WARNING,
        __file__,
        0,
        f"{count} log records were dropped while Logstash was not taking them",
        None,
        None,
    )
    record.created = after.created
    return record


def make_logstash_shipper(
    host: str, port: int, *, capacity: int, tls: bool = False, ca_file: str | None = None
) -> LogShipper:
    """A started shipper to Logstash at ``host:port`` (python-logstash's event format, version 1)."""
    target: TCPLogstashHandler
    if tls:
        context = ssl.create_default_context(cafile=ca_file or None)
        target = _TlsLogstashHandler(host, port, context, version=1, tags=["loom"])
    else:
        target = TCPLogstashHandler(host, port, version=1, tags=["loom"])
    # A lost connection is tried again after 1, 2, 4 ... seconds, never more than 10 apart.
    target.retryMax = 10.0
    shipper = LogShipper(target, capacity)
    shipper.start()
    return shipper
