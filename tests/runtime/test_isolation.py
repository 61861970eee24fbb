"""Another tenant's migrations, jobs, uploads, exports and views are invisible (404), by slug or by id."""

from __future__ import annotations

import dataclasses
import io

import pytest

from tests.factories import create_blueprint, create_entity, create_tenant, signed_in_user


@pytest.fixture()
def two_tenants(client, app, tmp_path):
    settings = app.config["LOOM"]
    app.config["LOOM"] = dataclasses.replace(settings, storage_dir=str(tmp_path))
    _, alice = signed_in_user(client, "alice")
    create_tenant(client, alice, "alice-co")
    create_blueprint(client, alice, "alice-co")
    entity = create_entity(client, alice, "alice-co", "stock_item", type="BOX")
    job = client.post("/api/tenants/alice-co/exports", json={"blueprint": "stock_item"}, headers=alice).get_json()
    upload = client.post(
        "/api/tenants/alice-co/imports",
        data={"blueprint": "stock_item", "file": (io.BytesIO(b"type\nBOX\n"), "a.csv")},
        headers=alice,
        content_type="multipart/form-data",
    ).get_json()
    view = client.post(
        "/api/tenants/alice-co/views", json={"blueprint": "stock_item", "name": "v", "config": {}}, headers=alice
    ).get_json()
    _, mallory = signed_in_user(client, "mallory")
    create_tenant(client, mallory, "mallory-co")
    create_blueprint(client, mallory, "mallory-co")
    yield {"entity": entity["id"], "job": job["id"], "file": upload["file_id"], "view": view["id"]}, mallory
    app.config["LOOM"] = settings


def test_every_endpoint_hides_another_tenants_things(client, two_tenants):
    ids, mallory = two_tenants
    for slug in ("alice-co", "mallory-co"):
        calls = [
            (
                "post",
                f"/api/tenants/{slug}/blueprints/stock_item/migrations/preview",
                {"from_version": 1, "to_version": 1},
            ),
            ("post", f"/api/tenants/{slug}/blueprints/stock_item/migrations", {"from_version": 1, "to_version": 1}),
            ("post", f"/api/tenants/{slug}/entities/{ids['entity']}/migrate", {"version": 1, "to_version": 1}),
            ("get", f"/api/tenants/{slug}/jobs/{ids['job']}", None),
            (
                "post",
                f"/api/tenants/{slug}/imports/{ids['file']}/start",
                {"blueprint": "stock_item", "rows": 1, "mapping": {"type": "type"}},
            ),
            ("patch", f"/api/tenants/{slug}/views/{ids['view']}", {"name": "mine"}),
            ("delete", f"/api/tenants/{slug}/views/{ids['view']}", None),
        ]
        for method, url, body in calls:
            response = getattr(client, method)(url, json=body, headers=mallory)
            if slug == "mallory-co" and "migrations" in url:
                # Her own blueprint exists; the same version twice is refused as bad input, not a leak.
                assert response.status_code == 422, (url, response.get_json())
                continue
            assert response.status_code == 404, (slug, method, url, response.get_json())
    exported = client.get("/api/tenants/alice-co/views", query_string={"blueprint": "stock_item"}, headers=mallory)
    assert exported.status_code == 404
