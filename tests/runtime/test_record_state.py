"""The record page led by its state: the record's flows answer which column is the state, which
fields the flows write, and where a record's state has no place in its flow; an owner or admin
places such a record at the state its value names."""

from __future__ import annotations

import copy
from typing import Any

from tests.factories import (
    DELIVERY_COLUMNS,
    add_member,
    create_blueprint,
    create_entity,
    create_tenant,
    delivery_steps,
    signed_in_user,
)

SLUG = "x-state"
T = f"/api/tenants/{SLUG}"


def _workspace(client) -> dict[str, str]:
    _, headers = signed_in_user(client)
    create_tenant(client, headers, SLUG)
    create_blueprint(client, headers, SLUG, name="Delivery", columns=DELIVERY_COLUMNS)
    return headers


def _publish_flow(client, headers) -> None:
    body = {"name": "Delivery", "blueprint": "delivery", "steps": copy.deepcopy(delivery_steps())}
    flow = client.post(f"{T}/flows", json=body, headers=headers).get_json()
    published = client.post(f"{T}/flows/delivery/publish", json={"lock_version": flow["lock_version"]}, headers=headers)
    assert published.status_code == 201, published.get_json()


def _flows(client, headers, entity_id: str) -> dict[str, Any]:
    response = client.get(f"{T}/entities/{entity_id}/flows", headers=headers)
    assert response.status_code == 200, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def _place(client, headers, entity_id: str, flow: str = "delivery"):
    return client.post(f"{T}/entities/{entity_id}/flows/place", json={"flow": flow}, headers=headers)


def _hand_edits(client, headers, allowed: bool) -> None:
    blueprint = client.get(f"{T}/blueprints/delivery", headers=headers).get_json()
    body = {"lock_version": blueprint["lock_version"], "flow_fields_editable": allowed}
    assert client.patch(f"{T}/blueprints/delivery", json=body, headers=headers).status_code == 200


def _set_status(client, headers, entity_id: str, status: str) -> None:
    entity = client.get(f"{T}/entities/{entity_id}", headers=headers).get_json()
    body = {"version": entity["version"], "data": {"status": status}}
    response = client.patch(f"{T}/entities/{entity_id}", json=body, headers=headers)
    assert response.status_code == 200, response.get_json()


def test_the_page_learns_the_state_column_and_the_fields_the_flow_writes(client):
    headers = _workspace(client)
    _publish_flow(client, headers)
    entity = create_entity(client, headers, SLUG, "delivery", deliver_from="Berlin")
    flows = _flows(client, headers, entity["id"])
    assert flows["state_field"] == "status"
    assert flows["state_flow"] == {"key": "delivery", "name": "Delivery"}
    assert flows["flow_fields"] == {"status": "Delivery", "started_at": "Delivery", "delivered_at": "Delivery"}
    assert flows["flow_fields_editable"] is False
    assert flows["misplaced"] == []  # created after publish: it waits at PENDING, as its value says

    _hand_edits(client, headers, True)
    assert _flows(client, headers, entity["id"])["flow_fields_editable"] is True


def test_a_record_without_a_flow_has_no_state_to_lead_with(client):
    headers = _workspace(client)
    entity = create_entity(client, headers, SLUG, "delivery", deliver_from="Berlin")
    flows = _flows(client, headers, entity["id"])
    assert flows["state_field"] is None and flows["state_flow"] is None
    assert flows["flow_fields"] == {} and flows["misplaced"] == []


def test_a_record_created_before_publish_is_flagged_and_placed_at_its_value(client):
    headers = _workspace(client)
    entity = create_entity(client, headers, SLUG, "delivery", deliver_from="Berlin", status="IN_PROGRESS")
    _publish_flow(client, headers)

    flows = _flows(client, headers, entity["id"])
    assert flows["instances"] == []
    [flag] = flows["misplaced"]
    assert flag["reason"] == "not_started" and flag["value"] == "IN_PROGRESS" and flag["can_place"] is True
    assert flag["message"] == "This record's Status, IN_PROGRESS, is not in the flow Delivery yet."

    placed = _place(client, headers, entity["id"])
    assert placed.status_code == 200, placed.get_json()
    instance = placed.get_json()
    assert instance["status"] == "running"
    assert [w["label"] for w in instance["waiting"]] == ["Delivered"]  # IN_PROGRESS's button, not PENDING's
    after = _flows(client, headers, entity["id"])
    assert after["misplaced"] == []
    record = client.get(f"{T}/entities/{entity['id']}", headers=headers).get_json()
    assert record["data"]["status"] == "IN_PROGRESS"

    again = _place(client, headers, entity["id"])  # a second click changes nothing
    assert again.status_code == 200 and again.get_json()["id"] == instance["id"]
    assert len(_flows(client, headers, entity["id"])["history"]) == len(after["history"])


def test_an_instance_waiting_elsewhere_starts_over_at_the_value(client):
    headers = _workspace(client)
    _publish_flow(client, headers)
    entity = create_entity(client, headers, SLUG, "delivery", deliver_from="Berlin")
    _hand_edits(client, headers, True)
    _set_status(client, headers, entity["id"], "DELIVERED")

    [flag] = _flows(client, headers, entity["id"])["misplaced"]
    assert flag["reason"] == "elsewhere" and flag["waits_at"] == ["PENDING"]
    assert flag["message"] == "This record's Status is DELIVERED, but the flow Delivery waits at PENDING."

    placed = _place(client, headers, entity["id"])
    assert placed.status_code == 200, placed.get_json()
    assert placed.get_json()["status"] == "completed" and placed.get_json()["waiting"] == []
    assert client.get(f"{T}/inbox", headers=headers).get_json()["items"] == []  # PENDING's button taken back
    flows = _flows(client, headers, entity["id"])
    assert flows["misplaced"] == []
    assert [h["kind"] for h in flows["history"]][:2] == ["completed", "placed"]
    assert flows["history"][1]["label"] == "DELIVERED"  # the state it was placed at

    # Finished, but its value now has a way out: flagged, and placing runs it again from there.
    _set_status(client, headers, entity["id"], "IN_PROGRESS")
    [flag] = _flows(client, headers, entity["id"])["misplaced"]
    assert flag["reason"] == "elsewhere" and flag["waits_at"] == []
    placed = _place(client, headers, entity["id"])
    assert placed.status_code == 200, placed.get_json()
    body = placed.get_json()
    assert body["status"] == "running" and body["completed_at"] is None
    assert [w["label"] for w in body["waiting"]] == ["Delivered"]
    [item] = client.get(f"{T}/inbox", headers=headers).get_json()["items"]
    assert client.post(f"{T}/inbox/{item['id']}/complete", json={}, headers=headers).status_code == 200
    assert client.get(f"{T}/entities/{entity['id']}", headers=headers).get_json()["data"]["status"] == "DELIVERED"


def test_a_value_that_is_no_state_of_the_flow_is_flagged_and_cannot_be_placed(client):
    headers = _workspace(client)
    _publish_flow(client, headers)
    blueprint = client.get(f"{T}/blueprints/delivery", headers=headers).get_json()
    columns = copy.deepcopy(DELIVERY_COLUMNS)
    columns[3]["options"] = [*columns[3]["options"], "LOST"]
    body = {"lock_version": blueprint["lock_version"], "draft": {"columns": columns, "form": None}}
    saved = client.patch(f"{T}/blueprints/delivery", json=body, headers=headers)
    assert saved.status_code == 200, saved.get_json()
    published = client.post(
        f"{T}/blueprints/delivery/publish", json={"lock_version": saved.get_json()["lock_version"]}, headers=headers
    )
    assert published.status_code == 201, published.get_json()
    entity = create_entity(client, headers, SLUG, "delivery", deliver_from="Berlin", status="LOST")

    [flag] = _flows(client, headers, entity["id"])["misplaced"]
    assert flag["reason"] == "no_place" and flag["can_place"] is False
    assert flag["message"] == "This record's Status, LOST, has no place in the flow Delivery."
    refused = _place(client, headers, entity["id"])
    assert refused.status_code == 422
    assert refused.get_json()["errors"] == {"flow": [flag["message"]]}


def test_only_owners_and_admins_place_records(client):
    headers = _workspace(client)
    entity = create_entity(client, headers, SLUG, "delivery", deliver_from="Berlin", status="IN_PROGRESS")
    _publish_flow(client, headers)
    email, editor = signed_in_user(client, "editor")
    add_member(SLUG, email, "editor")

    [flag] = _flows(client, editor, entity["id"])["misplaced"]
    assert flag["can_place"] is False
    refused = _place(client, editor, entity["id"])
    assert refused.status_code == 403
    assert _flows(client, headers, entity["id"])["instances"] == []
    missing = _place(client, headers, entity["id"], flow="nope")
    assert missing.status_code == 404


def test_the_switch_alone_leaves_the_draft_lock_as_it_is(client):
    headers = _workspace(client)
    before = client.get(f"{T}/blueprints/delivery", headers=headers).get_json()
    _hand_edits(client, headers, True)
    after = client.get(f"{T}/blueprints/delivery", headers=headers).get_json()
    assert after["flow_fields_editable"] is True
    assert after["lock_version"] == before["lock_version"]  # a draft open in the designer still saves
    body = {"lock_version": before["lock_version"], "flow_fields_editable": False}
    stale = client.patch(f"{T}/blueprints/delivery", json={**body, "lock_version": 999}, headers=headers)
    assert stale.status_code == 409
