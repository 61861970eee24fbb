"""The one record writer announces what changed; flows, imports and migrations announce theirs."""

from __future__ import annotations

import io

from sqlalchemy import select

from core import db
from core.events import EVENT_TYPES, listening
from runtime.entities.models import Entity
from tests.factories import (
    DELIVERY_COLUMNS,
    create_blueprint,
    create_entity,
    create_tenant,
    delivery_tenant,
    drain_job,
    signed_in_user,
)

D = "/api/tenants/x-delivery"
T = "/api/tenants/x-import"


def _types(heard):
    return [e.type for e in heard]


def test_create_update_and_no_op_update(client):
    headers = delivery_tenant(client)
    with listening() as heard:
        record = create_entity(client, headers, "x-delivery", "delivery", deliver_from="Berlin")
    assert _types(heard)[:1] == ["record.created"]
    created = heard[0]
    assert created.data["record"]["id"] == record["id"]
    assert created.data["record"]["blueprint"] == "delivery"
    assert created.data["record"]["data"]["deliver_from"] == "Berlin"
    assert created.actor["type"] == "member" and created.actor["user_id"]
    # The Delivery flow starts on the event and waits for its first step.
    assert "task.created" in _types(heard)

    with listening() as heard:
        same = client.patch(
            f"{D}/entities/{record['id']}",
            json={"version": record["version"], "data": {"deliver_from": "Berlin", "status": "PENDING"}},
            headers=headers,
        )
    assert same.status_code == 200
    # The same values again: nothing written, nothing announced.
    assert same.get_json()["version"] == record["version"]
    assert heard == []

    with listening() as heard:
        changed = client.patch(
            f"{D}/entities/{record['id']}",
            json={"version": record["version"], "data": {"deliver_to": "Hamburg", "cargo": "Books"}},
            headers=headers,
        )
    assert changed.status_code == 200
    [updated] = heard
    assert updated.type == "record.updated"
    assert updated.changed == ("deliver_to", "cargo")
    assert updated.data["changes"] == [
        {"field": "deliver_to", "before": None, "after": "Hamburg"},
        {"field": "cargo", "before": None, "after": "Books"},
    ]


def test_a_refused_write_announces_nothing(client):
    headers = delivery_tenant(client)
    with listening() as heard:
        response = client.post(
            f"{D}/entities", json={"blueprint": "delivery", "data": {"status": "LOST"}}, headers=headers
        )
    assert response.status_code == 422
    assert heard == []


def test_transitions_tasks_and_the_end_of_a_flow(client):
    headers = delivery_tenant(client)
    record = create_entity(client, headers, "x-delivery", "delivery", deliver_from="Berlin")
    [item] = client.get(f"{D}/inbox", headers=headers).get_json()["items"]
    with listening() as heard:
        claimed = client.post(f"{D}/inbox/{item['id']}/claim", headers=headers)
        assert claimed.status_code == 200, claimed.get_json()
        claimed_again = client.post(f"{D}/inbox/{item['id']}/claim", headers=headers)
        assert claimed_again.status_code == 200
    assert _types(heard) == ["task.claimed"]  # claiming what one holds already is no news

    with listening() as heard:
        done = client.post(f"{D}/inbox/{item['id']}/complete", json={"data": {}}, headers=headers)
        assert done.status_code == 200, done.get_json()
    types = _types(heard)
    assert types[0] == "record.updated"
    assert heard[0].data["changes"][0] == {"field": "status", "before": "PENDING", "after": "IN_PROGRESS"}
    assert "task.completed" in types and "task.created" in types
    transition = next(e for e in heard if e.type == "transition.completed")
    assert transition.data["transition"]["label"] == "Delivery started"
    assert transition.data["record"]["id"] == record["id"]
    assert transition.data["flow"]["key"] == "delivery"

    [second] = client.get(f"{D}/inbox", headers=headers).get_json()["items"]
    with listening() as heard:
        client.post(f"{D}/inbox/{second['id']}/complete", json={"data": {}}, headers=headers)
    assert _types(heard)[-1] == "flow.completed"


def test_import_announces_each_record_and_migration_only_its_end(client, app):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, "x-import")
    create_blueprint(client, headers, "x-import", name="Delivery", columns=DELIVERY_COLUMNS)
    csv = "Deliver from,Cargo\nBerlin,Books\nParis,Wine\n,Nothing\n"
    upload = client.post(
        f"{T}/imports",
        data={"blueprint": "delivery", "file": (io.BytesIO(csv.encode()), "deliveries.csv")},
        headers=headers,
        content_type="multipart/form-data",
    )
    assert upload.status_code == 201, upload.get_json()
    body = upload.get_json()
    started = client.post(
        f"{T}/imports/{body['file_id']}/start",
        json={"blueprint": "delivery", "rows": body["rows"], "mapping": body["mapping"]},
        headers=headers,
    )
    assert started.status_code == 202, started.get_json()
    with listening() as heard:
        drain_job(app, started.get_json()["id"])
    assert _types(heard) == ["record.created", "record.created", "import.finished"]
    assert heard[-1].data["created"] == 2 and heard[-1].data["failed"] == 1

    # A new version with one more column; migrating both records announces one event.
    detail = client.get(f"{T}/blueprints/delivery", headers=headers).get_json()
    columns = [*DELIVERY_COLUMNS, {"key": "note", "label": "Note", "type": "text", "default": "-"}]
    draft = {"columns": columns, "form": None}
    saved = client.patch(
        f"{T}/blueprints/delivery", json={"lock_version": detail["lock_version"], "draft": draft}, headers=headers
    )
    assert saved.status_code == 200, saved.get_json()
    with listening() as heard:
        published = client.post(
            f"{T}/blueprints/delivery/publish", json={"lock_version": saved.get_json()["lock_version"]}, headers=headers
        )
    assert published.status_code == 201
    assert _types(heard) == ["blueprint.published"] and heard[0].data["version"] == 2
    job = client.post(f"{T}/blueprints/delivery/migrations", json={"from_version": 1, "to_version": 2}, headers=headers)
    assert job.status_code == 202, job.get_json()
    with listening() as heard:
        drain_job(app, job.get_json()["id"])
    assert _types(heard) == ["migration.finished"]
    assert heard[0].data["migrated"] == 2 and heard[0].data["to_version"] == 2
    data = [e.data for e in db.session.scalars(select(Entity).execution_options(all_tenants=True))]
    assert all(d.get("note") == "-" for d in data if "note" in d)


def test_every_event_type_is_documented():
    from pathlib import Path

    doc = (Path(__file__).parents[2] / "docs" / "hooks.md").read_text()
    missing = [name for name in EVENT_TYPES if f"`{name}`" not in doc]
    assert missing == []
