"""Security headers on every response, and a content security policy for the webapp."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, request


def _webapp_policy(sentry_dsn: str | None) -> str:
    connect = "'self'"
    if sentry_dsn:
        parts = urlsplit(sentry_dsn)
        connect += f" {parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",  # Mantine sets inline styles
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            f"connect-src {connect}",
            "frame-src 'self' about:",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "object-src 'none'",
        ]
    )


def install_security_headers(app: Flask) -> None:
    policy = _webapp_policy(app.config["LOOM"].webapp_sentry_dsn)

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if not request.path.startswith("/api/"):
            response.headers.setdefault("Content-Security-Policy", policy)
        if app.config["LOOM"].env == "production":
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response
