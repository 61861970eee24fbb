"""Many people pressing the same transition at once: exactly one transition, a clear 409 for the rest,
and the rest fail fast: the first click holds the instance, the others get 409 before any of the
step's scripts run or anything is written.

This test commits for real (the requests run in parallel threads, each with its own connection),
so it builds its own tenant and deletes it afterwards.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import delete, event, func, select

from core import db
from core.identity.models import Tenant
from runtime.flows.models import FlowHistory
from tests.factories import create_entity, delivery_tenant

CLICKS = 8


@pytest.fixture()
def committed_client(app):
    client = app.test_client()
    yield client
    db.session.remove()
    db.session.execute(delete(Tenant).where(Tenant.slug == "x-race"))
    db.session.commit()
    db.session.remove()


def test_parallel_clicks_make_exactly_one_transition(app, committed_client):
    headers = delivery_tenant(committed_client, "x-race")
    entity = create_entity(committed_client, headers, "x-race", "delivery", deliver_from="Berlin")
    [item] = committed_client.get("/api/tenants/x-race/inbox", headers=headers).get_json()["items"]
    db.session.remove()

    # The step's script sets the record's status; every click that ran it would go on to write the record.
    writes: list[str] = []
    engine = app.extensions["loom_engine"]

    def note(_conn, _cursor, statement, *_args) -> None:
        if statement.lstrip().upper().startswith("UPDATE ENTITIES"):
            writes.append(statement)

    barrier = threading.Barrier(CLICKS)
    statuses: list[int] = []
    details: list[str] = []

    def click() -> None:
        client = app.test_client()
        barrier.wait()
        response = client.post(f"/api/tenants/x-race/inbox/{item['id']}/complete", json={}, headers=headers)
        statuses.append(response.status_code)
        if response.status_code != 200:
            details.append(response.get_json()["detail"])
        db.session.remove()

    event.listen(engine, "before_cursor_execute", note)
    try:
        threads = [threading.Thread(target=click) for _ in range(CLICKS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        event.remove(engine, "before_cursor_execute", note)

    assert sorted(statuses) == [200] + [409] * (CLICKS - 1), statuses
    assert all("Someone else did this step" in detail for detail in details), details
    assert len(writes) == 1, writes  # only the click that held the instance did the work
    transitions = db.session.scalar(
        select(func.count())
        .select_from(FlowHistory)
        .where(FlowHistory.entity_id == entity["id"], FlowHistory.kind == "transition")
        .execution_options(all_tenants=True)
    )
    assert transitions == 1
    flows = committed_client.get(f"/api/tenants/x-race/entities/{entity['id']}/flows", headers=headers).get_json()
    assert [w["label"] for w in flows["instances"][0]["waiting"]] == ["Delivered"]
    assert flows["instances"][0]["lock"] == 2
