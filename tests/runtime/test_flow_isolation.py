"""Another tenant's flows, instances, history and inbox items are invisible (404), by slug or by id."""

from __future__ import annotations

from tests.factories import create_entity, delivery_tenant


def test_another_tenants_flows_instances_and_inbox_are_404(client):
    alice = delivery_tenant(client, "alice-co")
    entity = create_entity(client, alice, "alice-co", "delivery", deliver_from="Berlin")
    [item] = client.get("/api/tenants/alice-co/inbox", headers=alice).get_json()["items"]
    instance_id = item["instance_id"]
    mallory = delivery_tenant(client, "mallory-co")
    assert client.get("/api/tenants/mallory-co/inbox", headers=mallory).get_json()["items"] == []
    for slug in ("alice-co", "mallory-co"):
        calls = [
            ("get", f"/api/tenants/{slug}/entities/{entity['id']}/flows", None),
            ("post", f"/api/tenants/{slug}/entities/{entity['id']}/flows", {"flow": "delivery"}),
            ("post", f"/api/tenants/{slug}/inbox/{item['id']}/claim", None),
            ("post", f"/api/tenants/{slug}/inbox/{item['id']}/unclaim", None),
            ("post", f"/api/tenants/{slug}/inbox/{item['id']}/complete", {"data": {}}),
            ("post", f"/api/tenants/{slug}/entities/{entity['id']}/flows/{instance_id}/retry", None),
        ]
        if slug == "alice-co":
            calls += [
                ("get", f"/api/tenants/{slug}/flows", None),
                ("get", f"/api/tenants/{slug}/flows/delivery", None),
                ("patch", f"/api/tenants/{slug}/flows/delivery", {"lock_version": 1, "name": "Mine"}),
                ("post", f"/api/tenants/{slug}/flows/delivery/publish", {"lock_version": 1}),
                ("get", f"/api/tenants/{slug}/flows/delivery/versions/1", None),
                ("delete", f"/api/tenants/{slug}/flows/delivery", None),
                ("get", f"/api/tenants/{slug}/inbox", None),
                ("get", f"/api/tenants/{slug}/templates", None),
            ]
        for method, url, body in calls:
            response = getattr(client, method)(url, json=body, headers=mallory)
            assert response.status_code == 404, (slug, method, url, response.get_json())
    still = client.get(f"/api/tenants/alice-co/entities/{entity['id']}/flows", headers=alice).get_json()
    assert [w["id"] for i in still["instances"] for w in i["waiting"]] == [item["id"]]
    assert still["instances"][0]["waiting"][0]["assignee"] is None


def test_retry_needs_the_instance_of_that_record(client):
    headers = delivery_tenant(client, "alice-co")
    one = create_entity(client, headers, "alice-co", "delivery", deliver_from="Berlin")
    other = create_entity(client, headers, "alice-co", "delivery", deliver_from="Paris")
    [instance] = client.get(f"/api/tenants/alice-co/entities/{one['id']}/flows", headers=headers).get_json()[
        "instances"
    ]
    wrong = client.post(f"/api/tenants/alice-co/entities/{other['id']}/flows/{instance['id']}/retry", headers=headers)
    assert wrong.status_code == 404
    running = client.post(f"/api/tenants/alice-co/entities/{one['id']}/flows/{instance['id']}/retry", headers=headers)
    assert running.status_code == 409 and "not stopped" in running.get_json()["detail"]
