"""flask-smorest set-up: the Api and its bearer security scheme."""

from __future__ import annotations

from flask import Flask, Response, send_from_directory
from flask_smorest import Api


def create_api(app: Flask) -> Api:
    """The app's flask-smorest Api, with the bearer token security scheme declared."""
    api = Api(app)
    app.add_url_rule("/api/docs/assets/<path:filename>", "docs_assets", _docs_assets)
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "description": "Access token from /api/auth/login."}
    )
    return api


def _docs_assets(filename: str) -> Response:
    """Swagger UI's files, served from the installed bundle (no CDN needed)."""
    import swagger_ui_bundle

    return send_from_directory(swagger_ui_bundle.swagger_ui_path, filename, max_age=86400)
