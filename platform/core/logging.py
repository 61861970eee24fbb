"""JSON logs with a request id on every line, and Logstash shipping when configured."""

from __future__ import annotations

import atexit
import contextvars
import logging
import re
import sys
import uuid

import sentry_sdk
from pythonjsonlogger.json import JsonFormatter

from core.config import Settings

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("loom_request_id", default=None)


def sane_request_id(incoming: object) -> str | None:
    """``incoming`` if it can name a request in the logs (printable text of at most 64 characters)."""
    if isinstance(incoming, str) and incoming and len(incoming) <= 64 and incoming.isprintable():
        return incoming
    return None


def new_request_id(incoming: str | None = None) -> str:
    """Use a sane incoming X-Request-ID, or make one; bind it to this context and to Sentry's scope."""
    rid = sane_request_id(incoming) or uuid.uuid4().hex
    request_id_var.set(rid)
    sentry_sdk.set_tag("request_id", rid)
    return rid


# Query parameters whose values never reach a log (any name containing one of these words), and
# the /api/auth paths whose last part is a token (confirmation and reset links, two-factor set-up).
SECRET_WORDS = ("token", "key", "secret", "password", "passwd", "code", "signature", "session")
_QUERY_PARAM = re.compile(r"(^|[&;])([^=&;]*)=([^&;]*)")
_TOKEN_PATH = re.compile(r"(/api/auth/[A-Za-z_-]+/)[^/?#]+")
HIDDEN = "[hidden]"


def scrub_query(query: str) -> str:
    """``query`` with the values of secret-looking parameters replaced by ``[hidden]``."""

    def hide(match: re.Match[str]) -> str:
        name = match.group(2).lower()
        if any(word in name for word in SECRET_WORDS):
            return f"{match.group(1)}{match.group(2)}={HIDDEN}"
        return match.group(0)

    return _QUERY_PARAM.sub(hide, query)


def scrub_path(path: str) -> str:
    """``path`` without the token of a link under /api/auth (``/api/auth/reset/[hidden]``)."""
    return _TOKEN_PATH.sub(rf"\1{HIDDEN}", path)


def scrub_url(url: str) -> str:
    """A path or URL with its query string (``scrub_query``) and auth link tokens hidden."""
    base, mark, query = url.partition("?")
    return scrub_path(base) + (mark + scrub_query(query) if mark else "")


class RequestIdFilter(logging.Filter):
    """Stamp every record with the current request (or task) id."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


_configured = False


def configure_logging(settings: Settings) -> None:
    """Configure the root logger once per process."""
    global _configured
    if _configured:
        return
    root = logging.getLogger()
    root.setLevel(settings.log_level)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    stream = logging.StreamHandler(sys.stdout)
    stream.setFormatter(
        JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        )
    )
    stream.addFilter(RequestIdFilter())
    root.addHandler(stream)
    if settings.logstash_host:
        root.addHandler(_logstash_handler(settings))
    # SpiffWorkflow logs every task change with the task's data (a record's fields): never at INFO.
    for noisy in ("urllib3", "werkzeug", "amqp", "kombu", "spiff"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    _configured = True


def _logstash_handler(settings: Settings) -> logging.Handler:
    """The queue side of the Logstash shipper, stamping the request id on the caller's thread."""
    from core.log_shipping import make_logstash_shipper

    assert settings.logstash_host
    shipper = make_logstash_shipper(
        settings.logstash_host,
        settings.logstash_port,
        capacity=settings.logstash_queue_size,
        tls=settings.logstash_tls,
        ca_file=settings.logstash_ca_file,
    )
    atexit.register(shipper.stop, timeout=2.0)
    shipper.handler.addFilter(RequestIdFilter())
    return shipper.handler
