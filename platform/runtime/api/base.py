"""flask-smorest set-up: the Api, its bearer security scheme and the path converters."""

from __future__ import annotations

from flask import Flask, Response, send_from_directory
from flask_smorest import Api
from flask_smorest.spec.plugins import integerconverter2paramschema
from werkzeug.routing import IntegerConverter, Map

# Ids and version numbers in paths are PostgreSQL integers; a larger number matches no route (404).
INT4_MAX = 2**31 - 1


class DatabaseInt(IntegerConverter):
    """``<int:...>``: a non-negative integer the database can hold; larger ones find nothing."""

    def __init__(self, map: Map, fixed_digits: int = 0, min: int | None = None, max: int | None = INT4_MAX) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max)


def create_api(app: Flask) -> Api:
    """The app's flask-smorest Api, with the bearer token security scheme declared."""
    app.url_map.converters["int"] = DatabaseInt
    api = Api(app)
    api.register_converter(DatabaseInt, integerconverter2paramschema)
    app.add_url_rule("/api/docs/assets/<path:filename>", "docs_assets", _docs_assets)
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer", "description": "Access token from /api/auth/login."}
    )
    return api


def _docs_assets(filename: str) -> Response:
    """Swagger UI's files, served from the installed bundle (no CDN needed)."""
    import swagger_ui_bundle

    return send_from_directory(swagger_ui_bundle.swagger_ui_path, filename, max_age=86400)
