"""The board: records grouped by a choice column with counts and pages per column, and a record
moved to a state by the one button whose transition leads there."""

from __future__ import annotations

import copy
from typing import Any

from tests.factories import (
    DELIVERY_COLUMNS,
    create_blueprint,
    create_entity,
    create_tenant,
    delivery_steps,
    signed_in_user,
)

SLUG = "x-board"
T = f"/api/tenants/{SLUG}"


STEPS: dict[str, Any] = delivery_steps()
# A flow drawn as a diagram: its button sets the status by a script, so it has no target state.
DRAWN = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:loom="http://loom.dev/schema/bpmn/1.0" id="d" targetNamespace="http://loom.dev/t">
  <bpmn:process id="drawn" isExecutable="true" loom:blueprint="delivery">
    <bpmn:startEvent id="start"><bpmn:outgoing>a</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="go" name="Go">
      <bpmn:extensionElements><loom:transition label="Go" role="editor"/></bpmn:extensionElements>
      <bpmn:incoming>a</bpmn:incoming><bpmn:outgoing>b</bpmn:outgoing></bpmn:userTask>
    <bpmn:scriptTask id="set" scriptFormat="python"><bpmn:incoming>b</bpmn:incoming>
      <bpmn:outgoing>c</bpmn:outgoing><bpmn:script>status = "IN_PROGRESS"</bpmn:script></bpmn:scriptTask>
    <bpmn:endEvent id="end"><bpmn:incoming>c</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="go"/>
    <bpmn:sequenceFlow id="b" sourceRef="go" targetRef="set"/>
    <bpmn:sequenceFlow id="c" sourceRef="set" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>
"""


def _published(client) -> dict[str, str]:
    """A workspace with the delivery blueprint and its Delivery flow built as steps, published."""
    _, headers = signed_in_user(client)
    create_tenant(client, headers, SLUG)
    create_blueprint(client, headers, SLUG, name="Delivery", columns=DELIVERY_COLUMNS)
    body = {"name": "Delivery", "blueprint": "delivery", "steps": copy.deepcopy(STEPS)}
    flow = client.post(f"{T}/flows", json=body, headers=headers).get_json()
    published = client.post(f"{T}/flows/delivery/publish", json={"lock_version": flow["lock_version"]}, headers=headers)
    assert published.status_code == 201, published.get_json()
    return headers


def _move(client, headers, entity_id: str, to: str, data: dict[str, Any] | None = None):
    return client.post(f"{T}/entities/{entity_id}/move", json={"to": to, "data": data or {}}, headers=headers)


def _record(client, headers, entity_id: str) -> dict[str, Any]:
    return client.get(f"{T}/entities/{entity_id}", headers=headers).get_json()


def test_a_record_moves_through_its_states_by_the_state_it_goes_to(client):
    headers = _published(client)
    entity = create_entity(client, headers, SLUG, "delivery", deliver_from="Berlin")

    started = _move(client, headers, entity["id"], "IN_PROGRESS", {"cargo": "Books"})
    assert started.status_code == 200, started.get_json()
    data = started.get_json()["entity"]["data"]
    assert data["status"] == "IN_PROGRESS" and data["started_at"] and data["cargo"] == "Books"
    assert [w["label"] for w in started.get_json()["instance"]["waiting"]] == ["Delivered"]

    done = _move(client, headers, entity["id"], "DELIVERED")
    assert done.status_code == 200, done.get_json()
    data = done.get_json()["entity"]["data"]
    assert data["status"] == "DELIVERED" and data["delivered_at"]
    history = client.get(f"{T}/entities/{entity['id']}/flows", headers=headers).get_json()["history"]
    assert {"Delivery started", "Delivered"} <= {h["label"] for h in history}


def test_a_move_no_button_makes_is_refused_and_changes_nothing(client):
    headers = _published(client)
    entity = create_entity(client, headers, SLUG, "delivery", deliver_from="Berlin")
    before = _record(client, headers, entity["id"])

    refused = _move(client, headers, entity["id"], "DELIVERED")
    assert refused.status_code == 422
    body = refused.get_json()
    assert body["errors"]["to"] == ["No button moves this record from PENDING to DELIVERED."]
    unknown = _move(client, headers, entity["id"], "LOST")
    assert unknown.status_code == 422 and unknown.get_json()["errors"]["to"] == ["LOST is not a value of Status."]
    bad_form = _move(client, headers, entity["id"], "IN_PROGRESS", {"nope": 1})
    assert bad_form.status_code == 422 and "data.nope" in bad_form.get_json()["errors"]
    assert _record(client, headers, entity["id"]) == before
    [item] = client.get(f"{T}/inbox", headers=headers).get_json()["items"]
    assert item["label"] == "Delivery started"


def test_the_same_people_may_move_as_may_press_the_button(client):
    headers = _published(client)
    steps = copy.deepcopy(STEPS)
    steps["transitions"][0]["who"] = {"kind": "member", "email": "someone.else@example.com"}
    lock = client.get(f"{T}/flows/delivery", headers=headers).get_json()["lock_version"]
    saved = client.put(f"{T}/flows/delivery/steps", json={"steps": steps, "lock_version": lock}, headers=headers)
    assert saved.status_code == 200, saved.get_json()
    lock = saved.get_json()["lock_version"]
    assert client.post(f"{T}/flows/delivery/publish", json={"lock_version": lock}, headers=headers).status_code == 201
    entity = create_entity(client, headers, SLUG, "delivery", deliver_from="Berlin")

    refused = _move(client, headers, entity["id"], "IN_PROGRESS")
    assert refused.status_code == 403 and "someone.else@example.com" in refused.get_json()["detail"]
    assert _record(client, headers, entity["id"])["data"]["status"] == "PENDING"


def test_a_flow_not_built_as_steps_has_no_states_to_move_to(client):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, SLUG)
    create_blueprint(client, headers, SLUG, name="Delivery", columns=DELIVERY_COLUMNS)
    body = {"name": "Delivery", "blueprint": "delivery", "xml": DRAWN}
    flow = client.post(f"{T}/flows", json=body, headers=headers).get_json()
    published = client.post(f"{T}/flows/delivery/publish", json={"lock_version": flow["lock_version"]}, headers=headers)
    assert published.status_code == 201, published.get_json()
    entity = create_entity(client, headers, SLUG, "delivery", deliver_from="Berlin")
    refused = _move(client, headers, entity["id"], "IN_PROGRESS")
    assert refused.status_code == 422
    assert refused.get_json()["errors"]["to"] == ["No button moves this record to IN_PROGRESS."]
    assert len(client.get(f"{T}/inbox", headers=headers).get_json()["items"]) == 1
    board = client.get(f"{T}/board", query_string={"blueprint": "delivery", "column": "status"}, headers=headers)
    assert board.get_json()["state_flow"] is None


def test_the_board_counts_and_pages_each_column(client):
    headers = _published(client)
    made = [create_entity(client, headers, SLUG, "delivery", deliver_from=f"Town {n}") for n in range(5)]
    for entity in made[:2]:
        assert _move(client, headers, entity["id"], "IN_PROGRESS").status_code == 200
    query = {"blueprint": "delivery", "column": "status", "per_column": 2}
    board = client.get(f"{T}/board", query_string=query, headers=headers)
    assert board.status_code == 200, board.get_json()
    body = board.get_json()
    assert body["state_flow"] == {"key": "delivery", "name": "Delivery"}
    columns = {c["value"]: c for c in body["columns"]}
    assert [c["value"] for c in body["columns"]] == ["PENDING", "IN_PROGRESS", "DELIVERED", None]
    assert {v: c["count"] for v, c in columns.items()} == {"PENDING": 3, "IN_PROGRESS": 2, "DELIVERED": 0, None: 0}
    assert columns["IN_PROGRESS"]["next_cursor"] is None
    assert {e["id"] for e in columns["IN_PROGRESS"]["items"]} == {e["id"] for e in made[:2]}

    pending = columns["PENDING"]
    # Newest change first: the records made last come first.
    assert [e["id"] for e in pending["items"]] == [made[4]["id"], made[3]["id"]]
    assert pending["next_cursor"]
    more = {"blueprint": "delivery", "column": "status", "value": "PENDING", "cursor": pending["next_cursor"]}
    rest = client.get(f"{T}/board/column", query_string=more, headers=headers)
    assert rest.status_code == 200, rest.get_json()
    assert [e["id"] for e in rest.get_json()["items"]] == [made[2]["id"]] and rest.get_json()["next_cursor"] is None
    empty = client.get(
        f"{T}/board/column", query_string={"blueprint": "delivery", "column": "status", "value": ""}, headers=headers
    )
    assert empty.status_code == 200 and empty.get_json()["items"] == []


def test_bad_board_questions_are_refused_by_name(client):
    headers = _published(client)
    cases = [
        ({"blueprint": "nope", "column": "status"}, "blueprint"),
        ({"blueprint": "delivery", "column": "cargo"}, "column"),
        ({"blueprint": "delivery", "column": "status", "per_column": 0}, "per_column"),
    ]
    for query, field in cases:
        answer = client.get(f"{T}/board", query_string=query, headers=headers)
        assert answer.status_code == 422 and field in answer.get_json()["errors"], (query, answer.get_json())
    column = {"blueprint": "delivery", "column": "status"}
    for query, field in [({"value": "LOST"}, "value"), ({"value": "PENDING", "cursor": "garbage"}, "cursor")]:
        answer = client.get(f"{T}/board/column", query_string={**column, **query}, headers=headers)
        assert answer.status_code == 422 and field in answer.get_json()["errors"], (query, answer.get_json())


def test_two_buttons_to_the_same_state_ask_which_one(client):
    headers = _published(client)
    steps = copy.deepcopy(STEPS)
    rush = {**copy.deepcopy(steps["transitions"][0]), "id": "rushed", "label": "Rushed", "form": []}
    steps["transitions"].append(rush)
    lock = client.get(f"{T}/flows/delivery", headers=headers).get_json()["lock_version"]
    saved = client.put(f"{T}/flows/delivery/steps", json={"steps": steps, "lock_version": lock}, headers=headers)
    assert saved.status_code == 200, saved.get_json()
    lock = saved.get_json()["lock_version"]
    assert client.post(f"{T}/flows/delivery/publish", json={"lock_version": lock}, headers=headers).status_code == 201
    entity = create_entity(client, headers, SLUG, "delivery", deliver_from="Berlin")

    asked = _move(client, headers, entity["id"], "IN_PROGRESS")
    assert asked.status_code == 409
    assert "“Delivery started”" in asked.get_json()["detail"] and "“Rushed”" in asked.get_json()["detail"]
    assert {b["label"] for b in asked.get_json()["buttons"]} == {"Delivery started", "Rushed"}
    assert _record(client, headers, entity["id"])["data"]["status"] == "PENDING"


def test_a_move_without_values_asks_for_the_buttons_form_first(client):
    headers = _published(client)
    entity = create_entity(client, headers, SLUG, "delivery", deliver_from="Berlin")

    asked = client.post(f"{T}/entities/{entity['id']}/move", json={"to": "IN_PROGRESS"}, headers=headers)
    assert asked.status_code == 422
    body = asked.get_json()
    assert body["errors"]["data"] == ["“Delivery started” asks for Cargo."]
    assert body["button"]["label"] == "Delivery started"
    assert [(f["key"], f["type"]) for f in body["button"]["fields"]] == [("cargo", "text")]
    assert _record(client, headers, entity["id"])["data"]["status"] == "PENDING"

    moved = _move(client, headers, entity["id"], "IN_PROGRESS", {"cargo": "Books"})
    assert moved.status_code == 200 and moved.get_json()["entity"]["data"]["cargo"] == "Books"
    # A button without a form is pressed at once.
    done = client.post(f"{T}/entities/{entity['id']}/move", json={"to": "DELIVERED"}, headers=headers)
    assert done.status_code == 200 and done.get_json()["entity"]["data"]["status"] == "DELIVERED"


def test_the_board_groups_by_the_flows_state_column_unless_asked_otherwise(client):
    headers = _published(client)
    create_entity(client, headers, SLUG, "delivery", deliver_from="Berlin")
    board = client.get(f"{T}/board", query_string={"blueprint": "delivery"}, headers=headers).get_json()
    assert board["column"] == "status" and board["state_flow"] == {"key": "delivery", "name": "Delivery"}
    assert [c["count"] for c in board["columns"]] == [1, 0, 0, 0]

    create_blueprint(client, headers, SLUG)
    stock = client.get(f"{T}/board", query_string={"blueprint": "stock_item"}, headers=headers).get_json()
    assert stock["column"] == "type" and stock["state_flow"] is None
    plain = [{"key": "name", "label": "Name", "type": "text"}]
    create_blueprint(client, headers, SLUG, name="Note", columns=plain)
    refused = client.get(f"{T}/board", query_string={"blueprint": "note"}, headers=headers)
    assert refused.status_code == 422 and refused.get_json()["errors"]["column"] == [
        "Note has no choice column to group by."
    ]
