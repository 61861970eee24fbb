"""API conventions: OpenAPI, docs, problem+json, body size limit, health."""

from __future__ import annotations

import dataclasses

from core import db
from core.identity.models import Tenant
from tests.factories import signed_in_user


def test_openapi_document_lists_the_endpoints(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    assert spec["openapi"].startswith("3.")
    for path in (
        "/api/tenants",
        "/api/tenants/{slug}",
        "/api/health",
        "/api/meta",
        "/api/auth/me",
        "/api/auth/register",
        "/api/auth/login",
        "/api/auth/refresh",
        "/api/auth/logout",
    ):
        assert path in spec["paths"], path
    assert "bearerAuth" in spec["components"]["securitySchemes"]


def test_readable_docs_are_served(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert b"swagger-ui" in response.data.lower()
    assert client.get("/api/docs/assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/api/docs/assets/swagger-ui.css").status_code == 200


def test_unknown_api_path_is_problem_json(client):
    response = client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_oversized_body_is_refused_and_nothing_is_written(client):
    _, headers = signed_in_user(client)
    before = db.session.query(Tenant).count()
    huge = "x" * (1024 * 1024 + 1)
    response = client.post(
        "/api/tenants",
        json={"name": huge, "slug": "big-one", "timezone": "UTC", "language": "en"},
        headers=headers,
    )
    assert response.status_code == 413
    assert response.mimetype == "application/problem+json"
    assert "bytes" in response.get_json()["detail"]
    assert db.session.query(Tenant).count() == before


def test_malformed_json_is_a_clear_error(client):
    _, headers = signed_in_user(client)
    response = client.post("/api/tenants", data="{not json", headers=headers | {"Content-Type": "application/json"})
    assert response.status_code in (400, 422)
    assert response.mimetype == "application/problem+json"


def test_health_checks_database_and_broker(client):
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "release": "loom@0.1.0", "database": "ok", "broker": "ok"}


def test_health_reports_an_unreachable_broker(app, client):
    settings = app.config["LOOM"]
    app.config["LOOM"] = dataclasses.replace(settings, redis_url="redis://127.0.0.1:1/0")
    try:
        response = client.get("/api/health")
    finally:
        app.config["LOOM"] = settings
    assert response.status_code == 503
    assert response.get_json()["broker"] == "unreachable"
    assert response.get_json()["database"] == "ok"


def test_meta_lists_languages_and_iana_timezones(client):
    body = client.get("/api/meta").get_json()
    assert {"code": "en", "name": "English"} in body["languages"]
    assert len(body["languages"]) >= 2
    assert "Europe/Berlin" in body["timezones"] and "UTC" in body["timezones"]
    assert body["dev_mailbox"] is False  # testing captures mail, but the mailbox is for development only
    types = {t["type"]: t for t in body["column_types"]}
    assert "between" in types["decimal"]["operators"] and "contains" not in types["integer"]["operators"]
    assert len(types) == 14


def test_every_response_carries_a_request_id(client):
    response = client.get("/api/health", headers={"X-Request-ID": "abc123"})
    assert response.headers["X-Request-ID"] == "abc123"
    assert len(client.get("/api/health").headers["X-Request-ID"]) == 32
