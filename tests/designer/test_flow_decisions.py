"""A flow's decision tables over the API: saved and checked with the draft, refused with what to
change, frozen into each published version, and an instance on an old version deciding by the
old table."""

from __future__ import annotations

import dataclasses

from tests.engine.flows.test_decisions import TABLE
from tests.factories import create_blueprint, create_entity, create_tenant, signed_in_user

SLUG = "x-decide"
T = f"/api/tenants/{SLUG}"
COLUMNS = [
    {"key": "deliver_from", "label": "Deliver from", "type": "text", "required": True},
    {"key": "deliver_to", "label": "Deliver to", "type": "text"},
    {"key": "weight", "label": "Weight", "type": "decimal"},
    {"key": "route", "label": "Route", "type": "text"},
]
# Ready (a person's step), then the decision, then Deliver: a record waits before the table runs.
DIAGRAM = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:loom="http://loom.dev/schema/bpmn/1.0"
  id="defs" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="routing" isExecutable="true" loom:blueprint="delivery">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="ready" name="Ready">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:businessRuleTask id="choose_route" name="Choose route" camunda:decisionRef="route">
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:businessRuleTask>
    <bpmn:userTask id="deliver" name="Deliver">
      <bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="ready"/>
    <bpmn:sequenceFlow id="f2" sourceRef="ready" targetRef="choose_route"/>
    <bpmn:sequenceFlow id="f3" sourceRef="choose_route" targetRef="deliver"/>
    <bpmn:sequenceFlow id="f4" sourceRef="deliver" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>"""


def _workspace(client):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, SLUG)
    create_blueprint(client, headers, SLUG, name="Delivery", columns=COLUMNS)
    created = client.post(
        f"{T}/flows", json={"name": "Routing", "blueprint": "delivery", "xml": DIAGRAM}, headers=headers
    )
    assert created.status_code == 201, created.get_json()
    return headers


def _put(client, headers, decision_id, xml):
    return client.put(f"{T}/flows/routing/decisions/{decision_id}", json={"xml": xml}, headers=headers)


def _problems(client, headers):
    return [
        (p["code"], p["element"])
        for p in client.get(f"{T}/flows/routing", headers=headers).get_json()["draft"]["problems"]
    ]


def _publish(client, headers):
    lock = client.get(f"{T}/flows/routing", headers=headers).get_json()["lock_version"]
    return client.post(f"{T}/flows/routing/publish", json={"lock_version": lock}, headers=headers)


def _press(client, headers, entity_id, label):
    flows = client.get(f"{T}/entities/{entity_id}/flows", headers=headers).get_json()
    item = next(w for i in flows["instances"] for w in i["waiting"] if w["label"] == label)
    answer = client.post(f"{T}/inbox/{item['id']}/complete", json={"data": {}}, headers=headers)
    assert answer.status_code == 200, answer.get_json()


def _route(client, headers, entity_id):
    return client.get(f"{T}/entities/{entity_id}", headers=headers).get_json()["data"].get("route")


def test_saving_a_table_checks_it_and_the_flow_lists_it_with_its_draft(client):
    headers = _workspace(client)
    assert _problems(client, headers) == [("flow.decision.unknown", "choose_route")]

    saved = _put(client, headers, "route", TABLE)
    assert saved.status_code == 200, saved.get_json()
    body = saved.get_json()
    assert [(d["id"], d["name"]) for d in body["draft"]["decisions"]] == [("route", "Delivery route")]
    assert body["draft"]["decisions"][0]["xml"] == TABLE and body["draft"]["problems"] == []
    assert body["draft_changed"] is True

    refused = _put(client, headers, "route", TABLE.replace("<text>[1..5]</text>", '<text>date("2026-01-01")</text>'))
    assert refused.status_code == 422
    problem = refused.get_json()
    assert problem["code"] == "flow.decision.cell" and problem["params"]["rule"] == 2
    assert "Rule 2 of decision 'route'" in problem["errors"]["xml"][0]
    assert _put(client, headers, "route", "<definitions").status_code == 422
    assert _put(client, headers, "route", "<definitions/>").get_json()["code"] == "flow.decision.not_dmn"
    assert _put(client, headers, "9 bad", TABLE).status_code == 422
    # The table that was saved is still the one there.
    assert client.get(f"{T}/flows/routing", headers=headers).get_json()["draft"]["decisions"][0]["xml"] == TABLE


def test_ids_stay_unique_renames_follow_the_document_and_the_count_is_bounded(app, client):
    headers = _workspace(client)
    assert _put(client, headers, "route", TABLE).status_code == 200
    other = TABLE.replace('decision id="route"', 'decision id="lane"')
    assert _put(client, headers, "lane", other).status_code == 200
    # Saving "lane" with a document whose id is "route" would make two "route"s.
    clash = _put(client, headers, "lane", TABLE)
    assert clash.status_code == 422 and "another decision with the id 'route'" in clash.get_json()["errors"]["xml"][0]
    # A rename in the editor: the document's id wins.
    renamed = _put(client, headers, "lane", TABLE.replace('decision id="route"', 'decision id="lanes"')).get_json()
    assert [d["id"] for d in renamed["draft"]["decisions"]] == ["route", "lanes"]

    settings = app.config["LOOM"]
    app.config["LOOM"] = dataclasses.replace(settings, flow_max_decisions=2, flow_decision_max_kb=1)
    try:
        third = _put(client, headers, "third", TABLE.replace('decision id="route"', 'decision id="third"'))
        assert third.status_code == 422 and "at most 1 KiB" in third.get_json()["errors"]["xml"][0]
        app.config["LOOM"] = dataclasses.replace(settings, flow_max_decisions=2)
        third = _put(client, headers, "third", TABLE.replace('decision id="route"', 'decision id="third"'))
        assert third.status_code == 422 and "at most 2 decision tables" in third.get_json()["errors"]["id"][0]
        assert _put(client, headers, "route", TABLE).status_code == 200  # replacing one is not adding one
    finally:
        app.config["LOOM"] = settings

    assert client.delete(f"{T}/flows/routing/decisions/lanes", headers=headers).status_code == 200
    assert client.delete(f"{T}/flows/routing/decisions/lanes", headers=headers).status_code == 404
    detail = client.get(f"{T}/flows/routing", headers=headers).get_json()
    assert [d["id"] for d in detail["draft"]["decisions"]] == ["route"]


def test_publish_refuses_a_table_that_sets_a_field_the_blueprint_lacks(client):
    headers = _workspace(client)
    assert _put(client, headers, "route", TABLE.replace('name="route"', 'name="lane"')).status_code == 200
    assert _problems(client, headers) == [("flow.decision.unknown_field", "choose_route")]
    refused = _publish(client, headers)
    assert refused.status_code == 422
    assert "sets the field 'lane', which Delivery does not have" in refused.get_json()["detail"]


def test_publishing_freezes_the_tables_and_an_old_instance_keeps_deciding_by_its_version(client):
    headers = _workspace(client)
    assert _put(client, headers, "route", TABLE).status_code == 200
    assert _publish(client, headers).status_code == 201
    old = create_entity(client, headers, SLUG, "delivery", deliver_from="Berlin", weight="150")

    # Version 2: heavy deliveries go by ship.
    assert _put(client, headers, "route", TABLE.replace('"freight"', '"ship"')).status_code == 200
    preview = client.get(f"{T}/flows/routing/publish-preview", headers=headers).get_json()
    assert preview["problems"] == []  # a changed table alone is a change worth publishing
    assert _publish(client, headers).status_code == 201
    new = create_entity(client, headers, SLUG, "delivery", deliver_from="Berlin", weight="150")

    first = client.get(f"{T}/flows/routing/versions/1", headers=headers).get_json()
    assert [d["id"] for d in first["decisions"]] == ["route"] and '"freight"' in first["decisions"][0]["xml"]
    second = client.get(f"{T}/flows/routing/versions/2", headers=headers).get_json()
    assert '"ship"' in second["decisions"][0]["xml"]

    _press(client, headers, old["id"], "Ready")
    _press(client, headers, new["id"], "Ready")
    assert _route(client, headers, old["id"]) == "freight"
    assert _route(client, headers, new["id"]) == "ship"

    # The field a decision sets belongs to the flow, as one a script sets does.
    current = client.get(f"{T}/entities/{old['id']}", headers=headers).get_json()
    edit = {"version": current["version"], "data": {"route": "boat"}}
    refused = client.patch(f"{T}/entities/{old['id']}", json=edit, headers=headers)
    assert refused.status_code == 422 and "set by the flow" in str(refused.get_json())

    # Removing the table from the draft leaves the published versions as they were.
    assert client.delete(f"{T}/flows/routing/decisions/route", headers=headers).status_code == 200
    again = client.get(f"{T}/flows/routing/versions/2", headers=headers).get_json()
    assert [d["id"] for d in again["decisions"]] == ["route"]


def test_a_unique_table_with_two_matches_stops_the_step_naming_the_task(client):
    headers = _workspace(client)
    assert _put(client, headers, "route", TABLE.replace('hitPolicy="FIRST"', 'hitPolicy="UNIQUE"')).status_code == 200
    assert _publish(client, headers).status_code == 201
    entity = create_entity(client, headers, SLUG, "delivery", deliver_from="Berlin", weight="150", deliver_to="Paris")
    flows = client.get(f"{T}/entities/{entity['id']}/flows", headers=headers).get_json()
    item = next(w for i in flows["instances"] for w in i["waiting"] if w["label"] == "Ready")
    refused = client.post(f"{T}/inbox/{item['id']}/complete", json={"data": {}}, headers=headers)
    assert refused.status_code == 422
    assert refused.get_json()["element"] == "choose_route"
    assert "rules 1, 3, 4 all match" in refused.get_json()["detail"]
    assert _route(client, headers, entity["id"]) is None


def test_a_save_with_a_stale_lock_version_is_refused_and_overwrites_nothing(client):
    headers = _workspace(client)
    read = client.get(f"{T}/flows/routing", headers=headers).get_json()["lock_version"]
    url = f"{T}/flows/routing/decisions/route"
    mine = client.put(url, json={"xml": TABLE, "lock_version": read}, headers=headers)
    assert mine.status_code == 200, mine.get_json()
    assert mine.get_json()["lock_version"] > read
    # Another editor still holds the lock_version read before that save.
    theirs = TABLE.replace('"freight"', '"ship"')
    stale = client.put(url, json={"xml": theirs, "lock_version": read}, headers=headers)
    assert stale.status_code == 409, stale.get_json()
    assert "Someone else saved this flow" in stale.get_json()["detail"]
    assert client.get(f"{T}/flows/routing", headers=headers).get_json()["draft"]["decisions"][0]["xml"] == TABLE
    # API clients that send no lock_version save as before.
    assert client.put(url, json={"xml": theirs}, headers=headers).status_code == 200


def test_a_table_built_to_exhaust_the_reader_is_a_422_naming_the_rule_not_a_500(client):
    headers = _workspace(client)
    bomb = TABLE.replace("<text>&gt; 100</text>", "<text>" + "not(" * 2000 + "1" + ")" * 2000 + "</text>")
    refused = _put(client, headers, "route", bomb)
    assert refused.status_code == 422
    assert refused.get_json()["code"] == "flow.decision.cell" and refused.get_json()["params"]["rule"] == 1
    deep_input = TABLE.replace("<text>weight</text>", "<text>" + "+".join(["weight"] * 3000) + "</text>")
    refused = _put(client, headers, "route", deep_input)
    assert refused.status_code == 422
    assert refused.get_json()["code"] == "flow.decision.input" and refused.get_json()["params"]["input"] == 1
