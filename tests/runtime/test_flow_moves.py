"""Moving running records to a newer flow version: a dry run per record, then a background job."""

from __future__ import annotations

from core.jobs.models import JobStatus
from tests.factories import DRAWN_DELIVERY, create_entity, delivery_tenant, drain_job

T = "/api/tenants/x-delivery"


def _press(client, headers, entity_id, label):
    flows = client.get(f"{T}/entities/{entity_id}/flows", headers=headers).get_json()
    item = next(w for i in flows["instances"] for w in i["waiting"] if w["label"] == label)
    response = client.post(f"{T}/inbox/{item['id']}/complete", json={}, headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _publish_v2(client, headers):
    flow = client.get(f"{T}/flows/delivery", headers=headers).get_json()
    xml = DRAWN_DELIVERY.read_text()
    v2 = xml.replace('"delivery_started"', '"started"').replace(
        '<loom:transition label="Delivered" role="editor" />',
        '<loom:transition label="Handed over" role="editor" /><loom:field key="deliver_to" />',
    )
    v2 = v2.replace('sourceRef="delivery_started"', 'sourceRef="started"').replace(
        'targetRef="delivery_started"', 'targetRef="started"'
    )
    saved = client.patch(f"{T}/flows/delivery", json={"lock_version": flow["lock_version"], "xml": v2}, headers=headers)
    assert saved.get_json()["draft"]["problems"] == [], saved.get_json()
    published = client.post(
        f"{T}/flows/delivery/publish", json={"lock_version": saved.get_json()["lock_version"]}, headers=headers
    )
    assert published.status_code == 201, published.get_json()


def test_dry_run_then_move_reports_per_record(app, client):
    headers = delivery_tenant(client, drawn=True)
    waiting_at_start = create_entity(client, headers, "x-delivery", "delivery", deliver_from="Berlin")
    waiting_at_end = create_entity(client, headers, "x-delivery", "delivery", deliver_from="Paris")
    _press(client, headers, waiting_at_end["id"], "Delivery started")
    _publish_v2(client, headers)

    preview = client.post(f"{T}/flows/delivery/instance-migrations/preview", headers=headers)
    assert preview.status_code == 200, preview.get_json()
    body = preview.get_json()
    assert body["target"]["number"] == 2 and body["count"] == 2 and body["movable"] == 1
    by_title = {i["entity"]["title"]: i for i in body["items"]}
    assert by_title["Paris"]["ok"] and by_title["Paris"]["waiting"] == ["Handed over"]
    assert not by_title["Berlin"]["ok"] and by_title["Berlin"]["element"] == "delivery_started"
    assert "delivery_started" in by_title["Berlin"]["reason"]
    # A dry run changes nothing.
    again = client.post(f"{T}/flows/delivery/instance-migrations/preview", headers=headers).get_json()
    assert again["items"] == body["items"]

    started = client.post(f"{T}/flows/delivery/instance-migrations", headers=headers)
    assert started.status_code == 202, started.get_json()
    assert drain_job(app, started.get_json()["id"]) == JobStatus.DONE
    job = client.get(f"{T}/jobs/{started.get_json()['id']}", headers=headers).get_json()
    assert job["result"]["migrated"] == 1 and job["result"]["failed"] == 1
    failed = next(i for i in job["result"]["items"] if not i["ok"])
    assert failed["entity_id"] == waiting_at_start["id"] and "delivery_started" in failed["reason"]

    moved = client.get(f"{T}/entities/{waiting_at_end['id']}/flows", headers=headers).get_json()
    [instance] = moved["instances"]
    assert instance["version"] == 2
    [item] = instance["waiting"]
    assert item["label"] == "Handed over" and [f["key"] for f in item["fields"]] == ["deliver_to"]
    assert moved["history"][0]["kind"] == "moved"
    done = client.post(f"{T}/inbox/{item['id']}/complete", json={"data": {"deliver_to": "Lyon"}}, headers=headers)
    assert done.status_code == 200, done.get_json()
    assert done.get_json()["entity"]["data"]["status"] == "DELIVERED"
    stayed = client.get(f"{T}/entities/{waiting_at_start['id']}/flows", headers=headers).get_json()
    assert stayed["instances"][0]["version"] == 1
    assert _press(client, headers, waiting_at_start["id"], "Delivery started")["entity"]["data"]["status"] == (
        "IN_PROGRESS"
    )
