"""Timers wait in the due-time table and fire on Loom's clock through the periodic task."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from core import clock, db
from runtime.flows.models import FlowTimer
from runtime.flows.tasks import due_instances, fire_instance
from tests.factories import (
    STOCK_COLUMNS,
    create_blueprint,
    create_entity,
    create_flow,
    create_tenant,
    sign_in,
    signed_in_user,
)

T = "/api/tenants/x-stock"


def test_stock_put_away_is_due_in_a_day_and_its_timer_fires_once(client):
    email, headers = signed_in_user(client)
    create_tenant(client, headers, "x-stock")
    create_blueprint(client, headers, "x-stock", columns=STOCK_COLUMNS)
    create_flow(client, headers, "x-stock", "stock_item", name="Stock", template="stock")
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
