"""Blueprints through the API: create, draft, publish versions, uniqueness, isolation."""

from __future__ import annotations

from sqlalchemy import func, select

from core import db
from designer.blueprints.models import Blueprint, BlueprintVersion
from tests.factories import STOCK_COLUMNS, create_blueprint, create_entity, create_tenant, signed_in_user

URL = "/api/tenants/{slug}/blueprints"


def _setup(client, slug="x-stock"):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, slug)
    return headers


def test_create_publish_and_version_counts(client):
    headers = _setup(client)
    detail = create_blueprint(client, headers, "x-stock")
    assert detail["key"] == "stock_item"
    assert detail["published_version"]["number"] == 1
    assert detail["draft_changed"] is False
    create_entity(client, headers, "x-stock", "stock_item", type="BOX", qty=3)

    columns = [*STOCK_COLUMNS, {"key": "note", "label": "Note", "type": "long_text"}]
    patched = client.patch(
        URL.format(slug="x-stock") + "/stock_item",
        json={"lock_version": detail["lock_version"], "draft": {"columns": columns, "form": None}},
        headers=headers,
    ).get_json()
    assert patched["draft_changed"] is True
    v2 = client.post(
        URL.format(slug="x-stock") + "/stock_item/publish",
        json={"lock_version": patched["lock_version"]},
        headers=headers,
    )
    assert v2.status_code == 201 and v2.get_json()["number"] == 2
    create_entity(client, headers, "x-stock", "stock_item", type="PALLET", note="fragile")

    after = client.get(URL.format(slug="x-stock") + "/stock_item", headers=headers).get_json()
    counts = {v["number"]: v["entity_count"] for v in after["versions"]}
    assert counts == {1: 1, 2: 1}
    assert after["entity_count"] == 2
    v1 = client.get(URL.format(slug="x-stock") + "/stock_item/versions/1", headers=headers).get_json()
    assert [c["key"] for c in v1["columns"]] == [c["key"] for c in STOCK_COLUMNS]


def test_published_versions_never_change(client):
    headers = _setup(client)
    detail = create_blueprint(client, headers, "x-stock")
    before = client.get(URL.format(slug="x-stock") + "/stock_item/versions/1", headers=headers).get_json()
    client.patch(
        URL.format(slug="x-stock") + "/stock_item",
        json={"lock_version": detail["lock_version"], "draft": {"columns": STOCK_COLUMNS[:2], "form": None}},
        headers=headers,
    )
    after = client.get(URL.format(slug="x-stock") + "/stock_item/versions/1", headers=headers).get_json()
    assert before == after


def test_names_are_unique_case_insensitively_and_nothing_is_written(client):
    headers = _setup(client)
    create_blueprint(client, headers, "x-stock")
    before = db.session.scalar(select(func.count()).select_from(Blueprint).execution_options(all_tenants=True))
    response = client.post(URL.format(slug="x-stock"), json={"name": "STOCK ITEM"}, headers=headers)
    assert response.status_code == 422 and "name" in response.get_json()["errors"]
    assert db.session.scalar(select(func.count()).select_from(Blueprint).execution_options(all_tenants=True)) == before


def test_bad_columns_point_at_the_field(client):
    headers = _setup(client)
    bad = [{"key": "qty", "label": "Qty", "type": "integer"}, {"key": "qty", "label": "Again", "type": "whatever"}]
    response = client.post(URL.format(slug="x-stock"), json={"name": "Broken", "columns": bad}, headers=headers)
    assert response.status_code == 422
    assert "columns.1.type" in response.get_json()["errors"]


def test_stale_lock_version_is_409(client):
    headers = _setup(client)
    detail = create_blueprint(client, headers, "x-stock")
    url = URL.format(slug="x-stock") + "/stock_item"
    assert (
        client.patch(url, json={"lock_version": detail["lock_version"], "name": "Items"}, headers=headers).status_code
        == 200
    )
    stale = client.patch(url, json={"lock_version": detail["lock_version"], "name": "Other"}, headers=headers)
    assert stale.status_code == 409
    assert client.get(url, headers=headers).get_json()["name"] == "Items"


def test_publishing_nothing_new_is_refused(client):
    headers = _setup(client)
    detail = create_blueprint(client, headers, "x-stock")
    again = client.post(
        URL.format(slug="x-stock") + "/stock_item/publish",
        json={"lock_version": detail["lock_version"]},
        headers=headers,
    )
    assert again.status_code == 422
    assert (
        db.session.scalar(select(func.count()).select_from(BlueprintVersion).execution_options(all_tenants=True)) == 1
    )


def test_delete_moves_to_trash_and_frees_the_name(client):
    headers = _setup(client)
    create_blueprint(client, headers, "x-stock")
    create_entity(client, headers, "x-stock", "stock_item", type="BOX")
    assert client.delete(URL.format(slug="x-stock") + "/stock_item", headers=headers).status_code == 204
    assert client.get(URL.format(slug="x-stock") + "/stock_item", headers=headers).status_code == 404
    assert client.get(URL.format(slug="x-stock"), headers=headers).get_json()["items"] == []
    create_blueprint(client, headers, "x-stock")  # the name is free again


def test_another_tenants_blueprints_are_invisible(client):
    alice = _setup(client, "alice-co")
    _, mallory = signed_in_user(client, "mallory")
    create_tenant(client, mallory, "mallory-co")
    detail = create_blueprint(client, alice, "alice-co")
    for method, url, body in [
        ("get", "/api/tenants/alice-co/blueprints", None),
        ("get", "/api/tenants/alice-co/blueprints/stock_item", None),
        ("patch", "/api/tenants/alice-co/blueprints/stock_item", {"lock_version": 1, "name": "x"}),
        ("delete", "/api/tenants/alice-co/blueprints/stock_item", None),
        ("post", "/api/tenants/alice-co/blueprints/stock_item/publish", {"lock_version": 1}),
        ("get", "/api/tenants/alice-co/blueprints/stock_item/versions/1", None),
    ]:
        response = getattr(client, method)(url, json=body, headers=mallory)
        assert response.status_code == 404, (method, url, response.get_json())
    # Mallory's own tenant does not reveal Alice's blueprint either.
    assert client.get("/api/tenants/mallory-co/blueprints/stock_item", headers=mallory).status_code == 404
    assert client.get("/api/tenants/alice-co/blueprints/stock_item", headers=alice).get_json()["id"] == detail["id"]
