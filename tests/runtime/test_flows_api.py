"""Records moving through flows via the API: start on create, transitions, history, inbox."""

from __future__ import annotations

from datetime import datetime, timedelta

from core import clock
from tests.factories import (
    DELIVERY_COLUMNS,
    DRAWN_DELIVERY,
    create_blueprint,
    create_entity,
    create_flow,
    create_tenant,
    delivery_tenant,
    signed_in_user,
)

T = "/api/tenants/x-delivery"


def _flows(client, headers, entity_id):
    response = client.get(f"{T}/entities/{entity_id}/flows", headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _waiting(client, headers, entity_id):
    return [item for i in _flows(client, headers, entity_id)["instances"] for item in i["waiting"]]


def _press(client, headers, entity_id, label, data=None):
    item = next(w for w in _waiting(client, headers, entity_id) if w["label"] == label)
    return client.post(f"{T}/inbox/{item['id']}/complete", json={"data": data or {}}, headers=headers)


def test_delivery_story_through_the_api(client):
    headers = delivery_tenant(client)
    entity = create_entity(client, headers, "x-delivery", "delivery", deliver_from="Berlin", cargo="Books")
    assert entity["data"]["status"] == "PENDING"
    flows = _flows(client, headers, entity["id"])
    [instance] = flows["instances"]
    assert instance["status"] == "running" and instance["version"] == 1
    assert [w["label"] for w in instance["waiting"]] == ["Delivery started"]
    assert flows["startable"] == []
    assert [h["kind"] for h in flows["history"]] == ["started"]

    before = clock.now()
    response = _press(client, headers, entity["id"], "Delivery started")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["entity"]["data"]["status"] == "IN_PROGRESS"
    started = datetime.fromisoformat(body["entity"]["data"]["started_at"].replace("Z", "+00:00"))
    assert before - timedelta(seconds=1) <= started <= clock.now()
    assert [w["label"] for w in body["instance"]["waiting"]] == ["Delivered"]

    response = _press(client, headers, entity["id"], "Delivered")
    assert response.status_code == 200, response.get_json()
    data = response.get_json()["entity"]["data"]
    assert data["status"] == "DELIVERED" and data["delivered_at"] >= data["started_at"]
    assert response.get_json()["instance"]["status"] == "completed"

    history = _flows(client, headers, entity["id"])["history"]
    assert [h["kind"] for h in history] == ["completed", "transition", "transition", "started"]
    delivered = history[1]
    assert delivered["label"] == "Delivered" and delivered["user"]["email"]
    assert {c["field"]: (c["before"], c["after"]) for c in delivered["changes"]}["status"] == (
        "IN_PROGRESS",
        "DELIVERED",
    )
    assert client.get(f"{T}/inbox", headers=headers).get_json()["items"] == []


def test_second_click_on_a_done_step_is_a_clear_conflict(client):
    headers = delivery_tenant(client)
    entity = create_entity(client, headers, "x-delivery", "delivery", deliver_from="Berlin")
    [item] = _waiting(client, headers, entity["id"])
    assert client.post(f"{T}/inbox/{item['id']}/complete", json={}, headers=headers).status_code == 200
    again = client.post(f"{T}/inbox/{item['id']}/complete", json={}, headers=headers)
    assert again.status_code == 409
    assert "Someone else did this step" in again.get_json()["detail"]


def test_inbox_lists_claims_and_filters(client):
    headers = delivery_tenant(client)
    berlin = create_entity(client, headers, "x-delivery", "delivery", deliver_from="Berlin")
    create_entity(client, headers, "x-delivery", "delivery", deliver_from="Paris")
    items = client.get(f"{T}/inbox", headers=headers).get_json()["items"]
    assert [i["entity"]["title"] for i in items] == ["Berlin", "Paris"]
    assert items[0]["can_complete"] and items[0]["flow"] == {"key": "delivery", "name": "Delivery"}

    claimed = client.post(f"{T}/inbox/{items[0]['id']}/claim", headers=headers)
    assert claimed.status_code == 200 and claimed.get_json()["assignee"]["email"]
    mine = client.get(f"{T}/inbox?assignee=me", headers=headers).get_json()["items"]
    assert [i["entity"]["id"] for i in mine] == [berlin["id"]]
    unassigned = client.get(f"{T}/inbox?assignee=unassigned", headers=headers).get_json()["items"]
    assert [i["entity"]["title"] for i in unassigned] == ["Paris"]
    filtered = client.get(
        f"{T}/inbox",
        query_string={
            "blueprint": "delivery",
            "filter": '{"column": "deliver_from", "op": "eq", "value": "Paris"}',
        },
        headers=headers,
    ).get_json()["items"]
    assert [i["entity"]["title"] for i in filtered] == ["Paris"]
    assert client.post(f"{T}/inbox/{items[0]['id']}/unclaim", headers=headers).get_json()["assignee"] is None
    page = client.get(f"{T}/inbox?limit=1", headers=headers).get_json()
    second = client.get(f"{T}/inbox?limit=1&cursor={page['next_cursor']}", headers=headers).get_json()
    assert [i["entity"]["title"] for i in page["items"] + second["items"]] == ["Berlin", "Paris"]


def test_a_failing_script_fails_the_transition_and_changes_nothing(client):
    headers = delivery_tenant(client, drawn=True)
    # The script fails when it runs.
    broken = DRAWN_DELIVERY.read_text().replace("started_at = now()", "started_at = now() + 1 // 0")
    create_flow(client, headers, "x-delivery", "delivery", name="Broken", xml=broken)
    entity = create_entity(client, headers, "x-delivery", "delivery", deliver_from="Berlin")
    broken_item = next(
        w
        for i in _flows(client, headers, entity["id"])["instances"]
        if i["flow"]["key"] == "broken"
        for w in i["waiting"]
    )
    response = client.post(f"{T}/inbox/{broken_item['id']}/complete", json={}, headers=headers)
    assert response.status_code == 422
    assert response.get_json()["element"] == "mark_started"
    after = client.get(f"{T}/entities/{entity['id']}", headers=headers).get_json()
    assert after["data"]["status"] == "PENDING" and "started_at" not in after["data"]
    assert [w["label"] for w in _waiting(client, headers, entity["id"])].count("Delivery started") == 2


def test_forms_write_fields_and_bad_values_change_nothing(client):
    headers = delivery_tenant(client, drawn=True)
    xml = DRAWN_DELIVERY.read_text()
    with_form = xml.replace(
        '<loom:transition label="Delivered" role="editor" />',
        '<loom:transition label="Delivered" role="editor" /><loom:field key="deliver_to" />',
    )
    flow = client.get(f"{T}/flows/delivery", headers=headers).get_json()
    saved = client.patch(
        f"{T}/flows/delivery", json={"lock_version": flow["lock_version"], "xml": with_form}, headers=headers
    )
    assert saved.status_code == 200 and saved.get_json()["draft"]["problems"] == []
    published = client.post(
        f"{T}/flows/delivery/publish", json={"lock_version": saved.get_json()["lock_version"]}, headers=headers
    )
    assert published.status_code == 201 and published.get_json()["number"] == 2
    entity = create_entity(client, headers, "x-delivery", "delivery", deliver_from="Berlin")
    assert _press(client, headers, entity["id"], "Delivery started").status_code == 200
    [delivered] = _waiting(client, headers, entity["id"])
    assert [f["key"] for f in delivered["fields"]] == ["deliver_to"]
    refused = _press(client, headers, entity["id"], "Delivered", {"cargo": "Coal"})
    assert refused.status_code == 422 and "data.cargo" in refused.get_json()["errors"]
    done = _press(client, headers, entity["id"], "Delivered", {"deliver_to": "Hamburg"})
    assert done.status_code == 200
    assert done.get_json()["entity"]["data"]["deliver_to"] == "Hamburg"


def test_publish_points_at_the_failing_element(client):
    headers = delivery_tenant(client, drawn=True)
    xml = DRAWN_DELIVERY.read_text()
    bad = xml.replace(
        '<loom:transition label="Delivered" role="editor" />',
        '<loom:transition label="Delivered" role="boss" /><loom:field key="weight" />',
    )
    flow = create_flow(client, headers, "x-delivery", "delivery", name="Bad", xml=bad, publish=False)
    assert {p["element"] for p in flow["draft"]["problems"]} == {"delivered"}
    response = client.post(f"{T}/flows/bad/publish", json={"lock_version": flow["lock_version"]}, headers=headers)
    assert response.status_code == 422
    body = response.get_json()
    assert body["element"] == "delivered" and len(body["problems"]) == 2
    not_xml = client.patch(
        f"{T}/flows/bad", json={"lock_version": flow["lock_version"], "xml": "<bpmn"}, headers=headers
    )
    assert not_xml.status_code == 422 and "xml" in not_xml.get_json()["errors"]
    assert client.get(f"{T}/flows/bad", headers=headers).get_json()["draft"]["xml"] == bad


def test_records_made_before_the_flow_are_started_by_hand(client):
    headers = delivery_tenant(client, drawn=True)  # drawn flows: several may move the same status
    drawn = DRAWN_DELIVERY.read_text()
    create_flow(client, headers, "x-delivery", "delivery", name="Second", xml=drawn)
    entity = create_entity(client, headers, "x-delivery", "delivery", deliver_from="Berlin")
    flow3 = create_flow(client, headers, "x-delivery", "delivery", name="Third", xml=drawn)
    startable = _flows(client, headers, entity["id"])["startable"]
    assert startable == [{"key": flow3["key"], "name": "Third"}]
    started = client.post(f"{T}/entities/{entity['id']}/flows", json={"flow": flow3["key"]}, headers=headers)
    assert started.status_code == 201 and started.get_json()["waiting"][0]["label"] == "Delivery started"
    again = client.post(f"{T}/entities/{entity['id']}/flows", json={"flow": flow3["key"]}, headers=headers)
    assert again.status_code == 409


def test_delivery_columns_fixture_matches_the_story():
    assert [c["key"] for c in DELIVERY_COLUMNS] == [
        "deliver_from",
        "deliver_to",
        "cargo",
        "status",
        "started_at",
        "delivered_at",
    ]


def test_bad_inbox_queries_and_transition_data_are_refused_with_the_field(client):
    headers = delivery_tenant(client)
    entity = create_entity(client, headers, "x-delivery", "delivery", deliver_from="Berlin")
    for query, field in [
        ({"assignee": "someone"}, "assignee"),
        ({"due": "soon"}, "due"),
        ({"filter": '{"column": "cargo", "op": "eq", "value": "x"}'}, "filter"),
        ({"blueprint": "delivery", "filter": "{not json"}, "filter"),
        ({"cursor": "garbage"}, "cursor"),
    ]:
        response = client.get(f"{T}/inbox", query_string=query, headers=headers)
        assert response.status_code == 422, (query, response.get_json())
        assert field in response.get_json()["errors"], (query, response.get_json())
    [item] = _waiting(client, headers, entity["id"])
    bad = client.post(f"{T}/inbox/{item['id']}/complete", json={"data": {"status": "LOST"}}, headers=headers)
    assert bad.status_code == 422 and "data.status" in bad.get_json()["errors"]
    assert client.get(f"{T}/entities/{entity['id']}", headers=headers).get_json()["data"]["status"] == "PENDING"
    assert [w["id"] for w in _waiting(client, headers, entity["id"])] == [item["id"]]


PARALLEL = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:loom="http://loom.dev/schema/bpmn/1.0" id="defs" targetNamespace="http://loom.dev/tests">
  <bpmn:process id="packing" isExecutable="true" loom:blueprint="delivery">
    <bpmn:startEvent id="start" />
    <bpmn:parallelGateway id="fork" />
    <bpmn:userTask id="pack" name="Packed">
      <bpmn:extensionElements><loom:transition label="Packed" role="editor" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:userTask id="label" name="Labelled">
      <bpmn:extensionElements><loom:transition label="Labelled" role="editor" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:parallelGateway id="meet" />
    <bpmn:scriptTask id="ship" scriptFormat="python"><bpmn:script>status = "DELIVERED"</bpmn:script></bpmn:scriptTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork" />
    <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="pack" />
    <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="label" />
    <bpmn:sequenceFlow id="f4" sourceRef="pack" targetRef="meet" />
    <bpmn:sequenceFlow id="f5" sourceRef="label" targetRef="meet" />
    <bpmn:sequenceFlow id="f6" sourceRef="meet" targetRef="ship" />
    <bpmn:sequenceFlow id="f7" sourceRef="ship" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>"""


def test_two_steps_waiting_at_once_are_done_one_after_the_other(client):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, "x-delivery")
    create_blueprint(client, headers, "x-delivery", name="Delivery", columns=DELIVERY_COLUMNS)
    create_flow(client, headers, "x-delivery", "delivery", name="Packing", xml=PARALLEL)
    entity = create_entity(client, headers, "x-delivery", "delivery", deliver_from="Berlin", cargo="Books")
    assert sorted(w["label"] for w in _waiting(client, headers, entity["id"])) == ["Labelled", "Packed"]

    response = _press(client, headers, entity["id"], "Packed")
    assert response.status_code == 200, response.get_json()
    assert [w["label"] for w in response.get_json()["instance"]["waiting"]] == ["Labelled"]
    assert [w["label"] for w in _waiting(client, headers, entity["id"])] == ["Labelled"]
    assert response.get_json()["entity"]["data"]["status"] == "PENDING"

    response = _press(client, headers, entity["id"], "Labelled")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["instance"]["status"] == "completed" and body["instance"]["waiting"] == []
    assert body["entity"]["data"]["status"] == "DELIVERED"
    assert client.get(f"{T}/inbox", headers=headers).get_json()["items"] == []
