"""One workspace's flows cannot stop or slow another's: timer steps that trip stop only their own
instance, workspaces take turns at due timers, and a step's budgets refuse it before anything is
written."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta

from sqlalchemy import func, select, text

from core import clock, db
from runtime.flows import tasks
from runtime.flows.models import FlowInstance, InboxItem
from runtime.flows.tasks import due_instances, fire_due_timers
from tests.factories import (
    STOCK_COLUMNS,
    create_blueprint,
    create_entity,
    create_flow,
    create_tenant,
    drawn_stock,
    sign_in,
    signed_in_user,
)


def _stock(client, slug: str, late_script: str | None = None) -> tuple[str, dict[str, str]]:
    """A workspace with the Stock flow; its late put-away runs ``late_script`` when given."""
    email, headers = signed_in_user(client)
    create_tenant(client, headers, slug)
    create_blueprint(client, headers, slug, columns=STOCK_COLUMNS)
    if late_script is None:
        create_flow(client, headers, slug, "stock_item", name="Stock", xml=drawn_stock())
        return email, headers
    xml = drawn_stock()
    xml = xml.replace(
        '<bpmn:endEvent id="reminded" name="Late put-away noted">\n      <bpmn:incoming>to_reminded</bpmn:incoming>\n'
        "    </bpmn:endEvent>",
        '<bpmn:scriptTask id="note_late" name="Note lateness" scriptFormat="python">'
        f"<bpmn:script>{late_script}</bpmn:script></bpmn:scriptTask>"
        '<bpmn:endEvent id="reminded" name="Late put-away noted" />'
        '<bpmn:sequenceFlow id="to_noted" sourceRef="note_late" targetRef="reminded" />',
    ).replace('sourceRef="put_away_due" targetRef="reminded"', 'sourceRef="put_away_due" targetRef="note_late"')
    create_flow(client, headers, slug, "stock_item", name="Stock", xml=xml)
    return email, headers


def _flows(client, slug: str, headers: dict[str, str], entity_id: str) -> dict:
    return client.get(f"/api/tenants/{slug}/entities/{entity_id}/flows", headers=headers).get_json()


def _again(client, email: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {sign_in(client, email)['access_token']}"}


def test_a_timer_step_writing_an_impossible_date_stops_its_instance_and_other_workspaces_timers_fire(client):
    a_email, a_headers = _stock(client, "x-tenant-a", "timestamp = datetime.min")
    a_record = create_entity(client, a_headers, "x-tenant-a", "stock_item", type="BOX")  # due first
    b_email, b_headers = _stock(client, "x-tenant-b")
    b_record = create_entity(client, b_headers, "x-tenant-b", "stock_item", type="BOX")

    clock.travel(timedelta(days=1, minutes=1))
    assert fire_due_timers() == 1  # B's moved; A's stopped, and the round went on

    a_headers, b_headers = _again(client, a_email), _again(client, b_email)
    b_flows = _flows(client, "x-tenant-b", b_headers, b_record["id"])
    assert b_flows["history"][0]["kind"] == "timer" and b_flows["instances"][0]["status"] == "running"
    [a_instance] = _flows(client, "x-tenant-a", a_headers, a_record["id"])["instances"]
    assert a_instance["status"] == "failed" and a_instance["error"]["message"]
    assert (
        client.get(f"/api/tenants/x-tenant-a/entities/{a_record['id']}", headers=a_headers).get_json()["data"]
        == a_record["data"]
    )
    assert due_instances(db.session()) == []  # stopped: it waits for a person

    # Trying again runs the same broken step: stopped again, with its error, never a server error.
    retried = client.post(
        f"/api/tenants/x-tenant-a/entities/{a_record['id']}/flows/{a_instance['id']}/retry", headers=a_headers
    )
    assert retried.status_code == 200, retried.get_json()
    assert retried.get_json()["status"] == "failed" and retried.get_json()["error"]["message"]


def test_an_instance_whose_stored_state_cannot_be_read_stops_alone_and_runs_again_once_repaired(client):
    a_email, a_headers = _stock(client, "x-tenant-a")
    a_record = create_entity(client, a_headers, "x-tenant-a", "stock_item", type="BOX")  # due first
    b_email, b_headers = _stock(client, "x-tenant-b")
    b_record = create_entity(client, b_headers, "x-tenant-b", "stock_item", type="BOX")
    [a_instance] = _flows(client, "x-tenant-a", a_headers, a_record["id"])["instances"]
    good = db.session.execute(
        text("SELECT state FROM flow_instances WHERE id = :id"), {"id": a_instance["id"]}
    ).scalar_one()
    # A stored state the engine cannot read (an engine upgrade gone wrong, a bad hand repair).
    db.session.execute(
        text("UPDATE flow_instances SET state = CAST(:state AS jsonb) WHERE id = :id"),
        {"state": json.dumps({"spec": "gone"}), "id": a_instance["id"]},
    )
    db.session.commit()

    clock.travel(timedelta(days=1, minutes=1))
    assert fire_due_timers() == 1

    a_headers, b_headers = _again(client, a_email), _again(client, b_email)
    assert _flows(client, "x-tenant-b", b_headers, b_record["id"])["history"][0]["kind"] == "timer"
    [stopped] = _flows(client, "x-tenant-a", a_headers, a_record["id"])["instances"]
    assert stopped["status"] == "failed" and stopped["error"]["message"].startswith("The step failed")
    assert _flows(client, "x-tenant-a", a_headers, a_record["id"])["history"][0]["kind"] == "failed"

    db.session.execute(
        text("UPDATE flow_instances SET state = CAST(:state AS jsonb) WHERE id = :id"),
        {"state": json.dumps(good), "id": a_instance["id"]},
    )
    db.session.commit()
    retried = client.post(
        f"/api/tenants/x-tenant-a/entities/{a_record['id']}/flows/{a_instance['id']}/retry", headers=a_headers
    )
    assert retried.status_code == 200, retried.get_json()
    assert retried.get_json()["status"] == "running" and retried.get_json()["error"] is None
    assert _flows(client, "x-tenant-a", a_headers, a_record["id"])["history"][0]["kind"] == "timer"


def test_workspaces_take_turns_at_due_timers(client, monkeypatch):
    _, a_headers = _stock(client, "x-tenant-a")
    for _ in range(4):  # A's are all due before B's
        create_entity(client, a_headers, "x-tenant-a", "stock_item", type="BOX")
    b_email, b_headers = _stock(client, "x-tenant-b")
    b_record = create_entity(client, b_headers, "x-tenant-b", "stock_item", type="BOX")
    monkeypatch.setattr(tasks, "BATCH", 2)  # a round takes fewer than A has due

    clock.travel(timedelta(days=1, minutes=1))
    assert fire_due_timers() == 2
    b_headers = _again(client, b_email)
    assert _flows(client, "x-tenant-b", b_headers, b_record["id"])["history"][0]["kind"] == "timer"
    assert len(due_instances(db.session())) == 3  # A's others wait for the next rounds
    assert fire_due_timers() == 2 and fire_due_timers() == 1 and due_instances(db.session()) == []


def _counted_flow(client, headers, slug: str, body: str, arrows: list[tuple[str, str]]) -> None:
    lines = "".join(
        f'<bpmn:sequenceFlow id="f{i}" sourceRef="{a}" targetRef="{b}" />' for i, (a, b) in enumerate(arrows)
    )
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:loom="http://loom.dev/schema/bpmn/1.0" id="defs" targetNamespace="http://loom.dev/tests">
  <bpmn:process id="counted" isExecutable="true" loom:blueprint="stock_item">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="go" name="Go"><bpmn:extensionElements><loom:transition label="Go" role="editor" />
    </bpmn:extensionElements></bpmn:userTask>
    {body}
    <bpmn:endEvent id="end" />
    {lines}
  </bpmn:process>
</bpmn:definitions>"""
    create_flow(client, headers, slug, "stock_item", name="Counted", xml=xml)


def test_a_multi_instance_count_from_data_over_the_limit_is_refused_and_nothing_is_written(client):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, "x-budget")
    create_blueprint(client, headers, "x-budget", columns=STOCK_COLUMNS)
    pick = (
        '<bpmn:userTask id="pick" name="Pick one"><bpmn:extensionElements><loom:transition label="Pick one" />'
        "</bpmn:extensionElements><bpmn:multiInstanceLoopCharacteristics>"
        "<bpmn:loopCardinality>qty * 2000</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>"
        "</bpmn:userTask>"
    )
    _counted_flow(client, headers, "x-budget", pick, [("start", "go"), ("go", "pick"), ("pick", "end")])
    record = create_entity(client, headers, "x-budget", "stock_item", type="BOX", qty=10)
    [item] = client.get("/api/tenants/x-budget/inbox", headers=headers).get_json()["items"]
    before = _flows(client, "x-budget", headers, record["id"])

    done = client.post(f"/api/tenants/x-budget/inbox/{item['id']}/complete", json={"data": {}}, headers=headers)
    assert done.status_code == 422, done.get_json()
    assert done.get_json()["element"] == "pick" and "1,000" in done.get_json()["detail"]
    assert db.session.scalar(select(func.count()).select_from(InboxItem).execution_options(all_tenants=True)) == 1
    assert _flows(client, "x-budget", headers, record["id"]) == before


def test_a_step_leaving_more_state_than_the_limit_is_refused_and_nothing_is_written(app, client, monkeypatch):
    settings = app.config["LOOM"]
    monkeypatch.setitem(app.config, "LOOM", dataclasses.replace(settings, flow_max_state_bytes=64 * 1024))
    _, headers = signed_in_user(client)
    create_tenant(client, headers, "x-budget")
    create_blueprint(client, headers, "x-budget", columns=STOCK_COLUMNS)
    scripts = (
        '<bpmn:scriptTask id="make" name="Make parts"><bpmn:script>parts = list(range(count))</bpmn:script>'
        "</bpmn:scriptTask>"
        '<bpmn:scriptTask id="tally" name="Tally"><bpmn:script>qty = len(parts)</bpmn:script></bpmn:scriptTask>'
        '<bpmn:userTask id="check" name="Check"><bpmn:extensionElements><loom:transition label="Check" />'
        "</bpmn:extensionElements></bpmn:userTask>"
    )
    arrows = [("start", "go"), ("go", "make"), ("make", "tally"), ("tally", "check"), ("check", "end")]
    _counted_flow(client, headers, "x-budget", scripts.replace("range(count)", "range(20000)"), arrows)
    record = create_entity(client, headers, "x-budget", "stock_item", type="BOX", qty=1)
    [item] = client.get("/api/tenants/x-budget/inbox", headers=headers).get_json()["items"]
    state = db.session.scalar(select(FlowInstance.state).execution_options(all_tenants=True))

    done = client.post(f"/api/tenants/x-budget/inbox/{item['id']}/complete", json={"data": {}}, headers=headers)
    assert done.status_code == 422, done.get_json()
    assert done.get_json()["element"] == "tally" and "at most 64 KiB" in done.get_json()["detail"]
    assert client.get(f"/api/tenants/x-budget/entities/{record['id']}", headers=headers).get_json()["data"]["qty"] == 1
    assert db.session.scalar(select(FlowInstance.state).execution_options(all_tenants=True)) == state


def test_publishing_refuses_scripts_that_would_fail_every_record_naming_element_and_field(client):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, "x-checks")
    create_blueprint(client, headers, "x-checks", columns=STOCK_COLUMNS)
    xml = drawn_stock()
    draft = create_flow(
        client,
        headers,
        "x-checks",
        "stock_item",
        name="Stock",
        publish=False,
        xml=xml.replace("timestamp = now()", 'timestamp = now()\nqty = "many"\nstauts = "DONE"'),
    )
    refused = client.post(
        "/api/tenants/x-checks/flows/stock/publish", json={"lock_version": draft["lock_version"]}, headers=headers
    )
    assert refused.status_code == 422, refused.get_json()
    problems = refused.get_json()["problems"]
    assert [p["element"] for p in problems] == ["stamp", "stamp"]
    assert "'qty'" in problems[0]["message"] and "'stauts'" in problems[1]["message"]
    assert client.get("/api/tenants/x-checks/flows/stock", headers=headers).get_json()["published_version"] is None
