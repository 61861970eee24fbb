"""A transition the record's own person may do (``<loom:transition field="driver"/>``), and the
``pressed_by`` variable scripts read: who pressed the button (None at the start and in timers)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from core import clock, db
from core.identity.models import User
from runtime.flows.tasks import due_instances, fire_instance
from tests.factories import add_member, create_blueprint, create_entity, create_flow, create_tenant, signed_in_user

SLUG = "x-pickup"
T = f"/api/tenants/{SLUG}"
COLUMNS = [
    {"key": "title", "label": "Title", "type": "text", "required": True},
    {"key": "driver", "label": "Driver", "type": "user"},
    {"key": "picked_by", "label": "Picked by", "type": "user"},
    {"key": "note", "label": "Note", "type": "text"},
]
HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:loom="http://loom.dev/schema/bpmn/1.0" id="d" targetNamespace="http://loom.dev/t">
  <bpmn:process id="pickup" isExecutable="true" loom:blueprint="parcel">
"""
FLOW = (
    HEAD
    + """    <bpmn:startEvent id="start"><bpmn:outgoing>a</bpmn:outgoing></bpmn:startEvent>
    <bpmn:scriptTask id="opened" scriptFormat="python"><bpmn:incoming>a</bpmn:incoming>
      <bpmn:outgoing>b</bpmn:outgoing><bpmn:script>note = "start:" + str(pressed_by)</bpmn:script></bpmn:scriptTask>
    <bpmn:userTask id="pick" name="Picked up">
      <bpmn:extensionElements><loom:transition label="Picked up" field="driver"/></bpmn:extensionElements>
      <bpmn:incoming>b</bpmn:incoming><bpmn:outgoing>c</bpmn:outgoing></bpmn:userTask>
    <bpmn:scriptTask id="stamp" scriptFormat="python"><bpmn:incoming>c</bpmn:incoming>
      <bpmn:outgoing>d</bpmn:outgoing><bpmn:script>picked_by = pressed_by</bpmn:script></bpmn:scriptTask>
    <bpmn:intermediateCatchEvent id="wait"><bpmn:incoming>d</bpmn:incoming><bpmn:outgoing>e</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration>"PT1H"</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:scriptTask id="later" scriptFormat="python"><bpmn:incoming>e</bpmn:incoming>
      <bpmn:outgoing>f</bpmn:outgoing><bpmn:script>note = "timer:" + str(pressed_by)</bpmn:script></bpmn:scriptTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="opened"/>
    <bpmn:sequenceFlow id="b" sourceRef="opened" targetRef="pick"/>
    <bpmn:sequenceFlow id="c" sourceRef="pick" targetRef="stamp"/>
    <bpmn:sequenceFlow id="d" sourceRef="stamp" targetRef="wait"/>
    <bpmn:sequenceFlow id="e" sourceRef="wait" targetRef="later"/>
    <bpmn:sequenceFlow id="f" sourceRef="later" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>
"""
)


def _user_id(email: str) -> int:
    user = db.session.scalars(select(User).where(User.email == email)).one()
    return user.id


def _workspace(client):
    _, owner = signed_in_user(client, "owner")
    create_tenant(client, owner, SLUG)
    create_blueprint(client, owner, SLUG, name="Parcel", columns=COLUMNS)
    people = {}
    for name in ("driver", "other"):
        email, headers = signed_in_user(client, name)
        add_member(SLUG, email, "editor")
        people[name] = (_user_id(email), headers)
    create_flow(client, owner, SLUG, "parcel", name="Pickup", xml=FLOW)
    return owner, people


def _item(client, headers, entity_id):
    flows = client.get(f"{T}/entities/{entity_id}/flows", headers=headers).get_json()
    [item] = [w for i in flows["instances"] for w in i["waiting"]]
    return item


def test_only_the_person_in_the_field_or_an_owner_may_press(client):
    owner, people = _workspace(client)
    driver_id, driver = people["driver"]
    _, other = people["other"]
    parcel = create_entity(client, owner, SLUG, "parcel", title="Books", driver=driver_id)
    assert parcel["data"]["note"] == "start:None"  # nobody pressed anything at the start

    item = _item(client, other, parcel["id"])
    assert item["field"] == "driver" and item["waits_for"]["id"] == driver_id
    assert not item["can_complete"] and "Only the person in Driver" in item["refusal"]
    refused = client.post(f"{T}/inbox/{item['id']}/complete", json={}, headers=other)
    assert refused.status_code == 403 and "Driver" in refused.get_json()["detail"]
    assert _item(client, driver, parcel["id"])["can_complete"]

    # The driver's inbox lists it as theirs; the other editor's does not.
    mine = client.get(f"{T}/inbox?assignee=me", headers=driver).get_json()["items"]
    assert [i["id"] for i in mine] == [item["id"]]
    assert client.get(f"{T}/inbox?assignee=me", headers=other).get_json()["items"] == []
    assert [i["id"] for i in client.get(f"{T}/inbox?assignee={driver_id}", headers=other).get_json()["items"]] == [
        item["id"]
    ]

    done = client.post(f"{T}/inbox/{item['id']}/complete", json={}, headers=driver)
    assert done.status_code == 200, done.get_json()
    assert done.get_json()["entity"]["data"]["picked_by"] == driver_id  # pressed_by is who pressed
    assert "pressed_by" not in done.get_json()["entity"]["data"]

    # An owner may press for anyone.
    second = create_entity(client, owner, SLUG, "parcel", title="Plates", driver=driver_id)
    item = _item(client, owner, second["id"])
    assert item["can_complete"]
    assert client.post(f"{T}/inbox/{item['id']}/complete", json={}, headers=owner).status_code == 200


def test_an_empty_field_leaves_the_step_to_owners_and_admins(client):
    owner, people = _workspace(client)
    _, driver = people["driver"]
    parcel = create_entity(client, owner, SLUG, "parcel", title="Books")
    item = _item(client, driver, parcel["id"])
    assert item["waits_for"] is None and "Driver is empty" in item["refusal"]
    assert client.post(f"{T}/inbox/{item['id']}/complete", json={}, headers=driver).status_code == 403
    assert _item(client, owner, parcel["id"])["can_complete"]


def test_timers_see_no_one_pressing(client):
    owner, people = _workspace(client)
    driver_id, driver = people["driver"]
    parcel = create_entity(client, owner, SLUG, "parcel", title="Books", driver=driver_id)
    item = _item(client, driver, parcel["id"])
    assert client.post(f"{T}/inbox/{item['id']}/complete", json={}, headers=driver).status_code == 200
    clock.travel(timedelta(hours=1, minutes=1))
    try:
        [(tenant_id, instance_id)] = due_instances(db.session())
        assert fire_instance(db.session(), tenant_id, instance_id) == ["wait"]
    finally:
        clock.reset()
    data = client.get(f"{T}/entities/{parcel['id']}", headers=owner).get_json()["data"]
    assert data["note"] == "timer:None" and data["picked_by"] == driver_id


def test_publishing_needs_the_field_to_be_a_team_member_column(client):
    owner, _ = _workspace(client)
    for field in ("title", "nowhere"):
        xml = FLOW.replace('field="driver"', f'field="{field}"').replace('"pickup"', f'"pickup_{field}"')
        flow = create_flow(client, owner, SLUG, "parcel", name=f"Pickup {field}", xml=xml, publish=False)
        [message] = [p["message"] for p in flow["draft"]["problems"]]
        assert f"no team member field '{field}'" in message
        published = client.post(
            f"{T}/flows/{flow['key']}/publish", json={"lock_version": flow["lock_version"]}, headers=owner
        )
        assert published.status_code == 422
