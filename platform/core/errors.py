"""One place that maps errors to RFC 7807 problem+json responses."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, jsonify
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from core.timeouts import is_timeout

log = logging.getLogger(__name__)
PROBLEM_MIMETYPE = "application/problem+json"
TOO_LONG_TITLE = "This took too long"
TOO_LONG_DETAIL = "This took too long; try again or narrow the filter."
TOO_LONG_RETRY_SECONDS = 5


class Problem(Exception):
    """An error the caller can act on, rendered as problem+json."""

    status = 400
    title = "Bad request"

    def __init__(
        self,
        detail: str,
        *,
        errors: dict[str, list[str]] | None = None,
        status: int | None = None,
        extra: dict[str, Any] | None = None,
    ):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.extra = extra or {}  # more members of the problem document, e.g. the failing BPMN element
        if status is not None:
            self.status = status


class NotFound(Problem):
    """The thing does not exist, or the caller may not see it (never say which)."""

    status = 404
    title = "Not found"


class Forbidden(Problem):
    status = 403
    title = "Forbidden"


class Conflict(Problem):
    status = 409
    title = "Conflict"


class Invalid(Problem):
    """Input that fails validation, with messages per field."""

    status = 422
    title = "Invalid input"

    def __init__(self, errors: dict[str, list[str]], detail: str | None = None, *, extra: dict[str, Any] | None = None):
        if detail is None:
            detail = "; ".join(f"{field}: {messages[0]}" for field, messages in errors.items() if messages)
        super().__init__(detail or "Invalid input", errors=errors, extra=extra)


def problem_response(
    status: int, title: str, detail: str | None = None, errors: dict[str, Any] | None = None, **extra: Any
) -> Response:
    """Build a problem+json response."""
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    body.update(extra)
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM_MIMETYPE
    return response


def too_long() -> Response:
    """503 for a statement over its time budget or a lock waited for too long: try again later."""
    response = problem_response(503, TOO_LONG_TITLE, TOO_LONG_DETAIL, code="query_timeout")
    response.headers["Retry-After"] = str(TOO_LONG_RETRY_SECONDS)
    return response


def _flatten_marshmallow(messages: Any) -> dict[str, list[str]]:
    """flask-smorest nests messages by location (json, query); fields are what callers need."""
    flat: dict[str, list[str]] = {}
    if not isinstance(messages, dict):
        return {"_schema": [str(messages)]}
    for location, fields in messages.items():
        if isinstance(fields, dict):
            for name, msgs in fields.items():
                flat[str(name)] = [str(m) for m in msgs] if isinstance(msgs, list) else [str(msgs)]
        else:
            flat[str(location)] = [str(m) for m in fields] if isinstance(fields, list) else [str(fields)]
    return flat


def register_error_handlers(app: Flask) -> None:
    """Every error leaves Loom as problem+json."""

    @app.errorhandler(Problem)
    def _problem(exc: Problem) -> Response:
        return problem_response(exc.status, exc.title, exc.detail, exc.errors, **exc.extra)

    @app.errorhandler(StaleDataError)
    def _stale(exc: StaleDataError) -> Response:
        return problem_response(409, "Conflict", "Someone else changed this at the same time; reload and try again.")

    @app.errorhandler(DBAPIError)
    def _database(exc: DBAPIError) -> Response:
        if not is_timeout(exc):
            return _unhandled(exc)
        log.warning("statement over its budget", extra={"sqlstate": getattr(exc.orig, "sqlstate", None)})
        return too_long()

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Response:
        status = exc.code or 500
        if status == 422:
            data = getattr(exc, "data", {}) or {}
            errors = _flatten_marshmallow(data.get("messages", {}))
            detail = "; ".join(f"{k}: {v[0]}" for k, v in errors.items()) or "Invalid input"
            return problem_response(422, "Invalid input", detail, errors)
        if status == 413:
            limit = app.config.get("MAX_CONTENT_LENGTH")
            return problem_response(413, "Request body too large", f"The body must be at most {limit} bytes.")
        response = problem_response(status, exc.name, exc.description)
        if status == 429 and exc.response is not None:
            retry_after = exc.response.headers.get("Retry-After")
            if retry_after:
                response.headers["Retry-After"] = retry_after
        return response

    @app.errorhandler(Exception)
    def _unhandled(exc: Exception) -> Response:
        log.error("unhandled error", exc_info=exc)
        return problem_response(500, "Internal server error", "Something went wrong on our side; it has been reported.")
