"""Flows designed as steps through the API: start one from a table, read it back, save it, publish
and run it; a bad table is refused by path; a state column belongs to one flow."""

from __future__ import annotations

import copy
from typing import Any

from tests.factories import (
    DELIVERY_COLUMNS,
    DRAWN_DELIVERY,
    create_blueprint,
    create_entity,
    create_flow,
    create_tenant,
    delivery_steps,
    signed_in_user,
)

SLUG = "x-steps"
T = f"/api/tenants/{SLUG}"
STEPS: dict[str, Any] = delivery_steps()


def _workspace(client) -> dict[str, str]:
    _, headers = signed_in_user(client)
    create_tenant(client, headers, SLUG)
    create_blueprint(client, headers, SLUG, name="Delivery", columns=DELIVERY_COLUMNS)
    return headers


def _start(client, headers, name="Delivery", steps=None):
    body = {"name": name, "blueprint": "delivery", "steps": copy.deepcopy(steps or STEPS)}
    return client.post(f"{T}/flows", json=body, headers=headers)


def test_a_flow_built_as_steps_reads_back_publishes_and_runs(client):
    headers = _workspace(client)
    created = _start(client, headers)
    assert created.status_code == 201, created.get_json()
    flow = created.get_json()
    assert flow["draft"]["problems"] == []
    read = client.get(f"{T}/flows/delivery/steps", headers=headers).get_json()
    assert read["steps"]["transitions"][0]["label"] == "Delivery started" and read["note"] is None
    assert read["steps"]["state"] == "status" and read["lock_version"] == flow["lock_version"]

    changed = copy.deepcopy(read["steps"])
    changed["transitions"][1]["label"] = "Handed over"
    saved = client.put(
        f"{T}/flows/delivery/steps", json={"steps": changed, "lock_version": read["lock_version"]}, headers=headers
    )
    assert saved.status_code == 200, saved.get_json()
    assert saved.get_json()["lock_version"] > read["lock_version"] and saved.get_json()["draft_changed"]
    stale = client.put(
        f"{T}/flows/delivery/steps", json={"steps": changed, "lock_version": read["lock_version"]}, headers=headers
    )
    assert stale.status_code == 409
    again = client.get(f"{T}/flows/delivery/steps", headers=headers).get_json()
    assert again["steps"]["transitions"][1]["label"] == "Handed over"

    published = client.post(
        f"{T}/flows/delivery/publish", json={"lock_version": saved.get_json()["lock_version"]}, headers=headers
    )
    assert published.status_code == 201, published.get_json()
    entity = create_entity(client, headers, SLUG, "delivery", deliver_from="Berlin")
    [item] = client.get(f"{T}/inbox", headers=headers).get_json()["items"]
    assert item["label"] == "Delivery started"
    done = client.post(f"{T}/inbox/{item['id']}/complete", json={"data": {"cargo": "Books"}}, headers=headers)
    assert done.status_code == 200, done.get_json()
    data = done.get_json()["entity"]["data"]
    assert data["status"] == "IN_PROGRESS" and data["started_at"] and data["cargo"] == "Books"
    [item] = done.get_json()["instance"]["waiting"]
    assert item["label"] == "Handed over"
    # The flow owns what it writes: the status is not edited by hand.
    refused = client.patch(
        f"{T}/entities/{entity['id']}",
        json={"version": done.get_json()["entity"]["version"], "data": {"status": "DELIVERED"}},
        headers=headers,
    )
    assert refused.status_code == 422 and "data.status" in refused.get_json()["errors"]


def test_a_bad_table_is_refused_by_path_and_changes_nothing(client):
    headers = _workspace(client)
    broken = copy.deepcopy(STEPS)
    broken["transitions"][0]["to"] = "LOST"
    created = _start(client, headers, steps=broken)
    assert created.status_code == 422
    assert any(key.startswith("steps.transitions.0.to") for key in created.get_json()["errors"])
    assert client.get(f"{T}/flows", headers=headers).get_json()["items"] == []

    flow = _start(client, headers).get_json()
    response = client.put(
        f"{T}/flows/delivery/steps", json={"steps": broken, "lock_version": flow["lock_version"]}, headers=headers
    )
    assert response.status_code == 422
    assert any(key.startswith("steps.transitions.0.to") for key in response.get_json()["errors"])
    after = client.get(f"{T}/flows/delivery", headers=headers).get_json()
    assert after["lock_version"] == flow["lock_version"]


def test_a_drawn_diagram_has_no_steps_but_a_note(client):
    headers = _workspace(client)
    create_flow(client, headers, SLUG, "delivery", xml=DRAWN_DELIVERY.read_text(), publish=False)
    read = client.get(f"{T}/flows/delivery/steps", headers=headers).get_json()
    assert read["steps"] is None and read["note"]


def test_a_state_column_belongs_to_one_flow(client):
    headers = _workspace(client)
    assert _start(client, headers).status_code == 201
    second = _start(client, headers, name="Express")
    assert second.status_code == 422
    assert second.get_json()["errors"]["steps.state"] == [
        "Status is already moved by the flow “Delivery”; a state belongs to one flow."
    ]
    # A drawn flow writing that column is refused when it is published.
    drawn = create_flow(client, headers, SLUG, "delivery", name="Drawn", xml=DRAWN_DELIVERY.read_text(), publish=False)
    published = client.post(f"{T}/flows/drawn/publish", json={"lock_version": drawn["lock_version"]}, headers=headers)
    assert published.status_code == 422 and "“Delivery”" in published.get_json()["detail"]
