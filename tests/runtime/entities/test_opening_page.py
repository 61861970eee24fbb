"""A blueprint's opening page (no filter, no search, no cursor) is built once per process and
reused (runtime.entities.queries._opening_page), with the tenant as a parameter and the Trash's
criteria written in: reused, it still shows each workspace only its own live records, and a new
version of the blueprint gets statements of its own."""

from __future__ import annotations

import json

from tests.factories import STOCK_COLUMNS, create_blueprint, create_entity, create_tenant, signed_in_user


def _opening(client, headers, slug, sort=None):
    query = {"blueprint": "stock_item"}
    if sort is not None:
        query["sort"] = json.dumps(sort)
    response = client.get(f"/api/tenants/{slug}/entities", query_string=query, headers=headers)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    return [item["data"].get("space") for item in body["items"]], body["count"]


def test_the_kept_opening_page_shows_each_workspace_its_own_live_records(client):
    _, a = signed_in_user(client, "open-a")
    _, b = signed_in_user(client, "open-b")
    create_tenant(client, a, "x-open-a")
    create_tenant(client, b, "x-open-b")
    create_blueprint(client, a, "x-open-a")
    create_blueprint(client, b, "x-open-b")
    kept = [create_entity(client, a, "x-open-a", "stock_item", type="BOX", space=f"A-{n}") for n in range(3)]
    create_entity(client, b, "x-open-b", "stock_item", type="BOX", space="B-0")

    for _ in range(2):  # the second time from the kept statements
        assert _opening(client, a, "x-open-a") == (["A-2", "A-1", "A-0"], {"value": 3, "exact": True})
        assert _opening(client, b, "x-open-b") == (["B-0"], {"value": 1, "exact": True})

    assert client.delete(f"/api/tenants/x-open-a/entities/{kept[1]['id']}", headers=a).status_code == 204
    assert _opening(client, a, "x-open-a") == (["A-2", "A-0"], {"value": 2, "exact": True})
    assert _opening(client, b, "x-open-b") == (["B-0"], {"value": 1, "exact": True})


def test_a_new_version_gets_opening_statements_of_its_own(client):
    _, headers = signed_in_user(client, "open-v")
    create_tenant(client, headers, "x-open-v")
    detail = create_blueprint(client, headers, "x-open-v")
    for space, qty in (("S-1", 5), ("S-2", 9), ("S-3", 1)):
        create_entity(client, headers, "x-open-v", "stock_item", type="BOX", space=space, qty=qty)
    by_qty = [{"column": "qty", "direction": "desc"}]
    assert _opening(client, headers, "x-open-v", by_qty)[0] == ["S-2", "S-1", "S-3"]

    # Version 2 makes "qty" text: the same sort now orders the values as text ("5" > "10" > "1").
    columns = [c for c in STOCK_COLUMNS if c["key"] != "qty"] + [{"key": "qty", "label": "Qty", "type": "text"}]
    url = "/api/tenants/x-open-v/blueprints/stock_item"
    patched = client.patch(
        url, json={"lock_version": detail["lock_version"], "draft": {"columns": columns, "form": None}}, headers=headers
    ).get_json()
    published = client.post(f"{url}/publish", json={"lock_version": patched["lock_version"]}, headers=headers)
    assert published.status_code == 201, published.get_json()
    create_entity(client, headers, "x-open-v", "stock_item", type="BOX", space="S-4", qty="10")
    assert _opening(client, headers, "x-open-v", by_qty)[0] == ["S-2", "S-1", "S-4", "S-3"]
