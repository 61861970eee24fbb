"""Timers wait in the due-time table and fire on Loom's clock through the periodic task."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from core import clock, db
from core.jobs.models import JobStatus
from runtime.flows.models import FlowTimer
from runtime.flows.tasks import due_instances, fire_instance
from tests.factories import (
    STOCK_COLUMNS,
    create_blueprint,
    create_entity,
    create_flow,
    create_tenant,
    drain_job,
    drawn_stock,
    sign_in,
    signed_in_user,
)

T = "/api/tenants/x-stock"


def test_stock_put_away_is_due_in_a_day_and_its_timer_fires_once(client):
    email, headers = signed_in_user(client)
    create_tenant(client, headers, "x-stock")
    create_blueprint(client, headers, "x-stock", columns=STOCK_COLUMNS)
    create_flow(client, headers, "x-stock", "stock_item", name="Stock", xml=drawn_stock())
    entity = create_entity(client, headers, "x-stock", "stock_item", type="BOX")

    [item] = client.get(f"{T}/inbox", headers=headers).get_json()["items"]
    assert item["label"] == "Put away" and [f["key"] for f in item["fields"]] == ["space"]
    [timer] = db.session.scalars(select(FlowTimer).execution_options(all_tenants=True)).all()
    assert timedelta(hours=23, minutes=59) < timer.due_at - clock.now() <= timedelta(days=1)
    assert item["due_at"] is not None
    assert client.get(f"{T}/inbox?due=overdue", headers=headers).get_json()["items"] == []
    assert due_instances(db.session()) == []

    clock.travel(timedelta(days=1, minutes=1))
    try:
        headers = {"Authorization": f"Bearer {sign_in(client, email)['access_token']}"}  # a day later
        assert [i["id"] for i in client.get(f"{T}/inbox?due=overdue", headers=headers).get_json()["items"]] == [
            item["id"]
        ]
        [(tenant_id, instance_id)] = due_instances(db.session())
        assert fire_instance(db.session(), tenant_id, instance_id) == ["put_away_due"]
        assert fire_instance(db.session(), tenant_id, instance_id) == []
    finally:
        clock.reset()
    assert db.session.scalars(select(FlowTimer).execution_options(all_tenants=True)).all() == []
    history = client.get(f"{T}/entities/{entity['id']}/flows", headers=headers).get_json()["history"]
    assert history[0]["kind"] == "timer" and history[0]["user"] is None
    # The non-interrupting timer noted the delay; putting away is still waiting.
    [still] = client.get(f"{T}/inbox", headers=headers).get_json()["items"]
    assert still["id"] == item["id"]

    done = client.post(f"{T}/inbox/{item['id']}/complete", json={"data": {"space": "A-7"}}, headers=headers)
    assert done.status_code == 200, done.get_json()
    data = done.get_json()["entity"]["data"]
    assert data["space"] == "A-7" and data["timestamp"]
    [pick] = client.get(f"{T}/inbox", headers=headers).get_json()["items"]
    assert pick["label"] == "Pick"
    again = client.post(f"{T}/inbox/{pick['id']}/complete", json={"data": {"qty": 3}}, headers=headers)
    [pick_again] = again.get_json()["instance"]["waiting"]
    assert pick_again["label"] == "Pick"
    empty = client.post(f"{T}/inbox/{pick_again['id']}/complete", json={"data": {"qty": 0}}, headers=headers)
    assert empty.get_json()["instance"]["status"] == "completed"


def _stock_with_late_note(client, headers, script: str) -> str:
    """The drawn Stock flow whose late put-away runs ``script`` instead of just ending."""
    xml = drawn_stock()
    xml = xml.replace('"stock_flow"', '"late_stock"').replace(
        '<bpmn:endEvent id="reminded" name="Late put-away noted">\n      <bpmn:incoming>to_reminded</bpmn:incoming>\n'
        "    </bpmn:endEvent>",
        '<bpmn:scriptTask id="note_late" name="Note lateness" scriptFormat="python">'
        f"<bpmn:script>{script}</bpmn:script></bpmn:scriptTask>"
        '<bpmn:endEvent id="reminded" name="Late put-away noted" />'
        '<bpmn:sequenceFlow id="to_noted" sourceRef="note_late" targetRef="reminded" />',
    )
    return xml.replace(
        'sourceRef="put_away_due" targetRef="reminded"', 'sourceRef="put_away_due" targetRef="note_late"'
    )


def test_a_failing_timer_step_stops_the_instance_with_its_error_until_someone_acts(client):
    email, headers = signed_in_user(client)
    create_tenant(client, headers, "x-stock")
    create_blueprint(client, headers, "x-stock", columns=STOCK_COLUMNS)
    xml = _stock_with_late_note(client, headers, "qty = 10 // 0")  # fails when it runs
    create_flow(client, headers, "x-stock", "stock_item", name="Stock", xml=xml)
    entity = create_entity(client, headers, "x-stock", "stock_item", type="BOX")
    flows_url = f"{T}/entities/{entity['id']}/flows"

    clock.travel(timedelta(days=1, minutes=1))
    try:
        headers = {"Authorization": f"Bearer {sign_in(client, email)['access_token']}"}
        [(tenant_id, instance_id)] = due_instances(db.session())
        assert fire_instance(db.session(), tenant_id, instance_id) == []
        db.session.commit()
        [instance] = client.get(flows_url, headers=headers).get_json()["instances"]
        assert instance["status"] == "failed"
        assert instance["error"]["element"] == "note_late" and instance["error"]["name"] == "Note lateness"
        assert "ZeroDivisionError" in instance["error"]["message"]
        history = client.get(flows_url, headers=headers).get_json()["history"]
        assert history[0]["kind"] == "failed" and history[0]["element"] == "note_late"
        assert client.get(f"{T}/entities/{entity['id']}", headers=headers).get_json()["data"] == entity["data"]
        # Stopped: the periodic task leaves it alone instead of failing every round.
        assert due_instances(db.session()) == []
        assert len(db.session.scalars(select(FlowTimer).execution_options(all_tenants=True)).all()) == 1

        # Trying again runs the step again; still broken, so still stopped, with the new error.
        retried = client.post(f"{flows_url}/{instance['id']}/retry", headers=headers)
        assert retried.status_code == 200, retried.get_json()
        assert retried.get_json()["status"] == "failed" and retried.get_json()["error"]["element"] == "note_late"
        kinds = [h["kind"] for h in client.get(flows_url, headers=headers).get_json()["history"]]
        assert kinds[:2] == ["failed", "failed"]
        again = client.post(f"{flows_url}/{instance['id']}/retry", headers=headers)
        assert again.get_json()["status"] == "failed"

        # Doing the waiting step moves the record on: the stop is over.
        [item] = again.get_json()["waiting"]
        done = client.post(f"{T}/inbox/{item['id']}/complete", json={"data": {"space": "A-7"}}, headers=headers)
        assert done.status_code == 200, done.get_json()
        assert done.get_json()["instance"]["status"] == "running" and done.get_json()["instance"]["error"] is None
        nothing = client.post(f"{flows_url}/{instance['id']}/retry", headers=headers)
        assert nothing.status_code == 409
    finally:
        clock.reset()


def test_a_stopped_instance_moved_to_a_fixed_version_runs_its_timer_again(app, client):
    email, headers = signed_in_user(client)
    create_tenant(client, headers, "x-stock")
    create_blueprint(client, headers, "x-stock", columns=STOCK_COLUMNS)
    create_flow(
        client,
        headers,
        "x-stock",
        "stock_item",
        name="Stock",
        xml=_stock_with_late_note(client, headers, "qty = 10 // 0"),
    )
    entity = create_entity(client, headers, "x-stock", "stock_item", type="BOX")
    flows_url = f"{T}/entities/{entity['id']}/flows"
    clock.travel(timedelta(days=1, minutes=1))
    try:
        headers = {"Authorization": f"Bearer {sign_in(client, email)['access_token']}"}
        [(tenant_id, instance_id)] = due_instances(db.session())
        fire_instance(db.session(), tenant_id, instance_id)
        db.session.commit()

        flow = client.get(f"{T}/flows/stock", headers=headers).get_json()
        fixed = _stock_with_late_note(client, headers, "qty = 0")
        saved = client.patch(
            f"{T}/flows/stock", json={"lock_version": flow["lock_version"], "xml": fixed}, headers=headers
        )
        lock = {"lock_version": saved.get_json()["lock_version"]}
        assert client.post(f"{T}/flows/stock/publish", json=lock, headers=headers).status_code == 201
        preview = client.post(f"{T}/flows/stock/instance-migrations/preview", headers=headers).get_json()
        assert preview["count"] == 1 and preview["movable"] == 1
        started = client.post(f"{T}/flows/stock/instance-migrations", headers=headers)
        assert drain_job(app, started.get_json()["id"]) == JobStatus.DONE
        [instance] = client.get(flows_url, headers=headers).get_json()["instances"]
        assert instance["status"] == "running" and instance["version"] == 2 and instance["error"] is None

        [(tenant_id, instance_id)] = due_instances(db.session())
        assert fire_instance(db.session(), tenant_id, instance_id) == ["put_away_due"]
        db.session.commit()
        assert client.get(f"{T}/entities/{entity['id']}", headers=headers).get_json()["data"]["qty"] == 0
    finally:
        clock.reset()
