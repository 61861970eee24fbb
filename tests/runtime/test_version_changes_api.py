"""Version changes through the API (migrations URLs): preview on real data, background batches, one entity, back."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core import db
from core.jobs.models import Job, JobStatus
from tests.factories import STOCK_COLUMNS, create_blueprint, create_entity, create_tenant, drain_job, signed_in_user

BP = "/api/tenants/x-stock/blueprints/stock_item"


@pytest.fixture()
def two_versions(client):
    """Version 1 has space as text; version 2 makes it an integer and drops timestamp."""
    _, headers = signed_in_user(client)
    create_tenant(client, headers, "x-stock")
    detail = create_blueprint(client, headers, "x-stock")
    ids = [
        create_entity(
            client, headers, "x-stock", "stock_item", type="BOX", space="12", timestamp="2026-01-01T10:00:00Z"
        )["id"],
        create_entity(client, headers, "x-stock", "stock_item", type="PALLET", space="A-7")["id"],
        create_entity(client, headers, "x-stock", "stock_item", type="CRATE")["id"],
    ]
    columns = [dict(c) for c in STOCK_COLUMNS if c["key"] != "timestamp"]
    next(c for c in columns if c["key"] == "space")["type"] = "integer"
    patched = client.patch(
        BP, json={"lock_version": detail["lock_version"], "draft": {"columns": columns, "form": None}}, headers=headers
    ).get_json()
    assert (
        client.post(BP + "/publish", json={"lock_version": patched["lock_version"]}, headers=headers).status_code == 201
    )
    return headers, ids


def _entity(client, headers, entity_id):
    return client.get(f"/api/tenants/x-stock/entities/{entity_id}", headers=headers).get_json()


def test_preview_counts_clean_lossy_and_failing_and_changes_nothing(client, two_versions):
    headers, ids = two_versions
    before = [_entity(client, headers, i) for i in ids]
    response = client.post(BP + "/migrations/preview", json={"from_version": 1, "to_version": 2}, headers=headers)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["counts"] == {"clean": 1, "lossy": 1, "fail": 1}
    assert body["examples"]["fail"][0]["errors"]["space"].startswith("'A-7'")
    assert body["examples"]["lossy"][0]["kept_aside"] == ["timestamp"]
    assert {s["kind"] for s in body["plan"]} == {"keep", "convert", "drop"}
    assert all(s["rule"] for s in body["plan"])
    assert [_entity(client, headers, i) for i in ids] == before


def test_background_version_change_then_back_restores_every_record_exactly(app, client, two_versions):
    headers, ids = two_versions
    before = {i: _entity(client, headers, i)["data"] for i in ids}
    started = client.post(BP + "/migrations", json={"from_version": 1, "to_version": 2}, headers=headers)
    assert started.status_code == 202, started.get_json()
    job_id = started.get_json()["id"]
    assert drain_job(app, job_id) == JobStatus.DONE
    job = client.get(f"/api/tenants/x-stock/jobs/{job_id}", headers=headers).get_json()
    assert job["done"] == 3 and job["result"]["migrated"] == 2 and job["result"]["failed"] == 1
    moved = _entity(client, headers, ids[0])
    assert (
        moved["blueprint_version"]["number"] == 2 and moved["data"]["space"] == 12 and "timestamp" not in moved["data"]
    )
    assert _entity(client, headers, ids[1])["blueprint_version"]["number"] == 1  # failed: left where it was

    back = client.post(BP + "/migrations", json={"from_version": 2, "to_version": 1}, headers=headers).get_json()
    assert drain_job(app, back["id"]) == JobStatus.DONE
    assert {i: _entity(client, headers, i)["data"] for i in ids} == before


def test_one_entity_can_move_alone_and_stale_versions_are_refused(client, two_versions):
    headers, ids = two_versions
    entity = _entity(client, headers, ids[0])
    url = f"/api/tenants/x-stock/entities/{ids[0]}/migrate"
    assert (
        client.post(url, json={"version": entity["version"] + 1, "to_version": 2}, headers=headers).status_code == 409
    )
    moved = client.post(url, json={"version": entity["version"], "to_version": 2}, headers=headers)
    assert moved.status_code == 200 and moved.get_json()["blueprint_version"]["number"] == 2
    again = client.post(url, json={"version": moved.get_json()["version"], "to_version": 1}, headers=headers)
    assert again.get_json()["data"] == entity["data"]


def test_a_failing_single_version_change_changes_nothing(client, two_versions):
    headers, ids = two_versions
    entity = _entity(client, headers, ids[1])
    response = client.post(
        f"/api/tenants/x-stock/entities/{ids[1]}/migrate",
        json={"version": entity["version"], "to_version": 2},
        headers=headers,
    )
    assert response.status_code == 422 and "data.space" in response.get_json()["errors"]
    assert _entity(client, headers, ids[1]) == entity


def test_bad_plans_point_at_the_step(client, two_versions):
    headers, _ = two_versions
    plan = [{"kind": "keep", "source": "nope", "target": "type"}]
    response = client.post(
        BP + "/migrations/preview", json={"from_version": 1, "to_version": 2, "plan": plan}, headers=headers
    )
    assert response.status_code == 422 and "plan.0.source" in response.get_json()["errors"]
    assert db.session.scalars(select(Job)).first() is None


def test_a_big_version_change_runs_in_parallel_parts_and_reports_their_sum(app, client, two_versions, monkeypatch):
    from runtime.entities.models import Entity
    from runtime.version_changes import operations

    headers, ids = two_versions
    on_v1 = db.session.get(Entity, ids[0], execution_options={"all_tenants": True})
    extra = [
        Entity(
            tenant_id=on_v1.tenant_id,
            blueprint_id=on_v1.blueprint_id,
            blueprint_version_id=on_v1.blueprint_version_id,
            data={"type": "BAG", "space": str(n)},
        )
        for n in range(5)
    ]
    db.session.add_all(extra)
    db.session.flush()
    extra = [str(e.id) for e in extra]
    monkeypatch.setattr(operations, "PART_SIZE", 2)  # 8 entities: four parts of about two
    started = client.post(BP + "/migrations", json={"from_version": 1, "to_version": 2}, headers=headers).get_json()
    assert drain_job(app, started["id"]) == JobStatus.DONE
    parts = db.session.scalars(
        select(Job).where(Job.parent_id == started["id"]).execution_options(all_tenants=True)
    ).all()
    assert len(parts) == 4 and all(p.status == JobStatus.DONE for p in parts)
    job = client.get(f"/api/tenants/x-stock/jobs/{started['id']}", headers=headers).get_json()
    assert job["status"] == "done" and job["done"] == 8
    assert job["result"]["migrated"] == 7 and job["result"]["failed"] == 1
    assert job["result"]["failures"][0]["id"] == ids[1]
    for entity_id in [ids[0], *extra]:
        assert _entity(client, headers, entity_id)["blueprint_version"]["number"] == 2
    listed = client.get("/api/tenants/x-stock/jobs", headers=headers).get_json()["items"]
    assert [j["id"] for j in listed] == [started["id"]]  # parts show through their job


def test_an_entity_changed_while_its_batch_moves_is_redone_with_the_change(app, client, two_versions, monkeypatch):
    from runtime.entities.models import Entity
    from runtime.version_changes import operations

    headers, ids = two_versions
    real_batch = operations._batch

    def batch_then_someone_edits(*args, **kwargs):
        rows = real_batch(*args, **kwargs)
        if rows:  # another person saves the first record after the batch was read
            entity = db.session.get(Entity, rows[0].id)
            entity.data = {**entity.data, "space": "99"}
            db.session.flush()
        return rows

    monkeypatch.setattr(operations, "_batch", batch_then_someone_edits)
    first = min(ids[0], ids[2])  # the batch is read in id order
    started = client.post(BP + "/migrations", json={"from_version": 1, "to_version": 2}, headers=headers).get_json()
    assert drain_job(app, started["id"]) == JobStatus.DONE
    moved = _entity(client, headers, first)
    assert moved["blueprint_version"]["number"] == 2 and moved["data"]["space"] == 99  # the edit, not the old value
    job = client.get(f"/api/tenants/x-stock/jobs/{started['id']}", headers=headers).get_json()
    assert job["result"]["migrated"] == 2 and job["result"]["failed"] == 1
