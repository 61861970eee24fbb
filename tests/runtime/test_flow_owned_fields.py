"""The flow is the truth about the fields it writes: a person's edit of one is refused (naming the
flow), its steps write them, creating or importing a record may set them, and a blueprint option
lets people edit them by hand."""

from __future__ import annotations

import io

from core.jobs.models import JobStatus
from tests.factories import create_entity, delivery_tenant, drain_job

SLUG = "x-owned"
T = f"/api/tenants/{SLUG}"


def _patch(client, headers, entity, **data):
    return client.patch(
        f"{T}/entities/{entity['id']}", json={"version": entity["version"], "data": data}, headers=headers
    )


def _allow_hand_edits(client, headers, allowed: bool):
    blueprint = client.get(f"{T}/blueprints/delivery", headers=headers).get_json()
    response = client.patch(
        f"{T}/blueprints/delivery",
        json={"lock_version": blueprint["lock_version"], "flow_fields_editable": allowed},
        headers=headers,
    )
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["flow_fields_editable"] is allowed


def test_a_hand_edit_of_a_field_the_flow_writes_is_refused(client):
    headers = delivery_tenant(client, SLUG)
    entity = create_entity(client, headers, SLUG, "delivery", deliver_from="Berlin")
    refused = _patch(client, headers, entity, status="DELIVERED")
    assert refused.status_code == 422
    body = refused.get_json()
    assert body["errors"] == {"data.status": ["Status is set by the flow “Delivery”; use its buttons."]}
    assert body["detail"] == "Status is set by the flow “Delivery”; use its buttons."
    refused = _patch(client, headers, entity, started_at="2026-01-01T10:00:00Z", cargo="Books")
    assert list(refused.get_json()["errors"]) == ["data.started_at"]
    after = client.get(f"{T}/entities/{entity['id']}", headers=headers).get_json()
    assert after["data"]["status"] == "PENDING" and after["data"].get("cargo") is None and after["version"] == 1

    # Other fields stay editable; sending a flow's field unchanged (a whole form) is no edit of it.
    edited = _patch(client, headers, entity, cargo="Books", status="PENDING", deliver_from="Berlin")
    assert edited.status_code == 200, edited.get_json()


def test_the_flow_writes_its_fields(client):
    headers = delivery_tenant(client, SLUG)
    entity = create_entity(client, headers, SLUG, "delivery", deliver_from="Berlin")
    flows = client.get(f"{T}/entities/{entity['id']}/flows", headers=headers).get_json()
    [item] = flows["instances"][0]["waiting"]
    done = client.post(f"{T}/inbox/{item['id']}/complete", json={}, headers=headers)
    assert done.status_code == 200, done.get_json()
    assert done.get_json()["entity"]["data"]["status"] == "IN_PROGRESS"


def test_creating_or_importing_a_record_may_set_them(client, app):
    headers = delivery_tenant(client, SLUG)
    created = create_entity(client, headers, SLUG, "delivery", deliver_from="Berlin", status="IN_PROGRESS")
    assert created["data"]["status"] == "IN_PROGRESS"
    uploaded = client.post(
        f"{T}/imports",
        data={"blueprint": "delivery", "file": (io.BytesIO(b"deliver_from,status\nParis,DELIVERED\n"), "d.csv")},
        headers=headers,
        content_type="multipart/form-data",
    ).get_json()
    started = client.post(
        f"{T}/imports/{uploaded['file_id']}/start",
        json={"blueprint": "delivery", "rows": uploaded["rows"], "mapping": uploaded["mapping"]},
        headers=headers,
    )
    assert started.status_code == 202, started.get_json()
    assert drain_job(app, started.get_json()["id"]) == JobStatus.DONE
    records = client.get(f"{T}/entities", query_string={"blueprint": "delivery"}, headers=headers).get_json()["items"]
    assert {r["data"]["deliver_from"]: r["data"]["status"] for r in records}["Paris"] == "DELIVERED"


def test_the_blueprint_may_allow_hand_edits(client):
    headers = delivery_tenant(client, SLUG)
    entity = create_entity(client, headers, SLUG, "delivery", deliver_from="Berlin")
    _allow_hand_edits(client, headers, True)
    edited = _patch(client, headers, entity, status="DELIVERED")
    assert edited.status_code == 200, edited.get_json()
    _allow_hand_edits(client, headers, False)
    entity = client.get(f"{T}/entities/{entity['id']}", headers=headers).get_json()
    assert _patch(client, headers, entity, status="PENDING").status_code == 422
