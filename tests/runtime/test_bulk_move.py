"""Moving several records of the grid by one transition: each as a move of it alone, a few in the
request, many in a background job with progress; refusals listed, nothing moved twice."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from core import db
from core.jobs.models import Job, JobStatus
from tests.factories import (
    DELIVERY_COLUMNS,
    create_blueprint,
    create_entity,
    create_tenant,
    delivery_steps,
    drain_job,
    signed_in_user,
)

SLUG = "x-bulk"
T = f"/api/tenants/{SLUG}"


def _published(client, steps: dict[str, Any] | None = None) -> dict[str, str]:
    """A workspace with the delivery blueprint and its Delivery flow built as steps, published."""
    _, headers = signed_in_user(client)
    create_tenant(client, headers, SLUG)
    create_blueprint(client, headers, SLUG, name="Delivery", columns=DELIVERY_COLUMNS)
    body = {"name": "Delivery", "blueprint": "delivery", "steps": steps or delivery_steps()}
    flow = client.post(f"{T}/flows", json=body, headers=headers).get_json()
    published = client.post(f"{T}/flows/delivery/publish", json={"lock_version": flow["lock_version"]}, headers=headers)
    assert published.status_code == 201, published.get_json()
    return headers


def _records(client, headers, count: int) -> list[str]:
    return [create_entity(client, headers, SLUG, "delivery", deliver_from=f"Town {n}")["id"] for n in range(count)]


def _bulk(client, headers, ids: list[str], to: str, data: dict[str, Any] | None = None):
    return client.post(f"{T}/entities/move", json={"ids": ids, "to": to, "data": data or {}}, headers=headers)


def _status(client, headers, entity_id: str) -> str:
    return str(client.get(f"{T}/entities/{entity_id}", headers=headers).get_json()["data"]["status"])


def _moves_of(client, headers, entity_id: str, label: str) -> int:
    history = client.get(f"{T}/entities/{entity_id}/flows", headers=headers).get_json()["history"]
    return sum(1 for h in history if h["label"] == label)


@pytest.fixture()
def limits(app) -> Iterator[Any]:
    """Set the bulk move limits for one test (LOOM_BULK_MOVE_INLINE, LOOM_BULK_MOVE_MAX_RECORDS)."""
    settings = app.config["LOOM"]

    def set_limits(**values: int) -> None:
        app.config["LOOM"] = dataclasses.replace(settings, **values)

    yield set_limits
    app.config["LOOM"] = settings


def test_a_few_records_move_at_once_and_each_refusal_says_why(client):
    headers = _published(client)
    started, pending, trashed, delivered = (_records(client, headers, 2), *_records(client, headers, 3))
    assert _bulk(client, headers, [*started, delivered], "IN_PROGRESS").get_json()["moved"] == 3
    assert _bulk(client, headers, [delivered], "DELIVERED").get_json()["moved"] == 1
    entity = client.get(f"{T}/entities/{trashed}", headers=headers).get_json()
    deleted = client.delete(f"{T}/entities/{trashed}", query_string={"version": entity["version"]}, headers=headers)
    assert deleted.status_code == 204
    _, stranger = signed_in_user(client, "stranger")
    create_tenant(client, stranger, "x-bulk-other")
    create_blueprint(client, stranger, "x-bulk-other", name="Delivery", columns=DELIVERY_COLUMNS)
    elsewhere = create_entity(client, stranger, "x-bulk-other", "delivery", deliver_from="Paris")["id"]

    ids = [*started, pending, trashed, elsewhere, delivered, started[0]]
    answer = _bulk(client, headers, ids, "DELIVERED")
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert body["job"] is None
    assert (body["moved"], body["skipped"], body["refused_count"]) == (2, 1, 3)
    refused = {r["id"]: r for r in body["refused"]}
    assert refused[pending] == {
        "id": pending,
        "title": "Town 0",
        "code": "no_transition",
        "reason": "No button moves this record from PENDING to DELIVERED.",
    }
    # A deleted record and another workspace's are alike: not found, nothing told about them.
    for gone in (trashed, elsewhere):
        assert refused[gone]["code"] == "not_found" and refused[gone]["title"] is None
    assert [_status(client, headers, e) for e in started] == ["DELIVERED", "DELIVERED"]
    assert _status(client, headers, pending) == "PENDING"
    assert _moves_of(client, headers, started[0], "Delivered") == 1  # named twice, moved once
    other = client.get(f"/api/tenants/x-bulk-other/entities/{elsewhere}", headers=stranger).get_json()
    assert other["data"]["status"] == "PENDING"


def test_many_records_move_in_a_job_with_progress_and_the_refused_listed(app, client, limits):
    steps = delivery_steps()
    steps["transitions"][1]["who"] = {"kind": "member", "email": "someone.else@example.com"}
    headers = _published(client, steps)
    limits(bulk_move_inline=2)
    made = _records(client, headers, 4)
    assert _bulk(client, headers, made[:1], "IN_PROGRESS").get_json()["moved"] == 1

    answer = _bulk(client, headers, [*made, str(uuid.uuid4())], "IN_PROGRESS", {"cargo": "Books"})
    assert answer.status_code == 202, answer.get_json()
    body = answer.get_json()
    assert body["job"] and body["moved"] == 0 and body["refused"] == []
    queued = client.get(f"{T}/jobs/{body['job']}", headers=headers).get_json()
    assert (queued["kind"], queued["done"], queued["total"]) == ("records.move", 0, 5)
    # Polled every second: the ids and the form's values stay with the worker.
    assert queued["params"] == {"to": "IN_PROGRESS", "role": "owner", "count": 5}
    assert drain_job(app, body["job"]) == JobStatus.DONE
    job = client.get(f"{T}/jobs/{body['job']}", headers=headers).get_json()
    assert job["status"] == "done" and job["done"] == job["total"] == 5
    result = job["result"]
    assert (result["moved"], result["skipped"], result["refused_count"]) == (3, 1, 1)
    assert [r["code"] for r in result["refused"]] == ["not_found"]
    moved = client.get(f"{T}/entities/{made[2]}", headers=headers).get_json()["data"]
    assert moved["status"] == "IN_PROGRESS" and moved["cargo"] == "Books"

    # The next transition is someone else's step: each record is refused as a move of it alone is.
    answer = _bulk(client, headers, made, "DELIVERED")
    assert answer.status_code == 202
    assert drain_job(app, answer.get_json()["job"]) == JobStatus.DONE
    result = client.get(f"{T}/jobs/{answer.get_json()['job']}", headers=headers).get_json()["result"]
    assert result["moved"] == 0 and result["refused_count"] == 4
    assert {r["code"] for r in result["refused"]} == {"forbidden"}
    assert "someone.else@example.com" in result["refused"][0]["reason"]
    assert {_status(client, headers, e) for e in made} == {"IN_PROGRESS"}


def test_a_job_run_again_moves_no_record_twice(app, client, limits, monkeypatch):
    headers = _published(client)
    limits(bulk_move_inline=1)
    from runtime.board import bulk

    monkeypatch.setattr(bulk, "BATCH", 2)  # several steps, each committed on its own
    made = _records(client, headers, 5)
    answer = _bulk(client, headers, made, "IN_PROGRESS")
    job_id = answer.get_json()["job"]
    assert drain_job(app, job_id) == JobStatus.DONE
    # As if a worker died after its moves were committed but before anything saying so was: the
    # job starts over from the first record.
    with app.app_context():
        job = db.session.scalars(select(Job).where(Job.id == uuid.UUID(job_id))).one()
        job.status, job.state, job.result, job.done, job.finished_at = JobStatus.RUNNING, {}, {}, 0, None
        db.session.commit()
    assert drain_job(app, job_id) == JobStatus.DONE
    result = client.get(f"{T}/jobs/{job_id}", headers=headers).get_json()["result"]
    assert (result["moved"], result["skipped"], result["refused_count"]) == (0, 5, 0)
    assert [_moves_of(client, headers, e, "Delivery started") for e in made] == [1] * 5

    again = _bulk(client, headers, made[:1], "IN_PROGRESS").get_json()
    assert (again["moved"], again["skipped"]) == (0, 1)


def test_too_many_or_no_records_are_refused_by_name(client, limits):
    headers = _published(client)
    limits(bulk_move_max_records=2)
    made = _records(client, headers, 3)
    too_many = _bulk(client, headers, made, "IN_PROGRESS")
    assert too_many.status_code == 422 and "ids" in too_many.get_json()["errors"]
    assert too_many.get_json()["errors"]["ids"] == ["Move at most 2 records at once; 3 were chosen."]
    none = _bulk(client, headers, [], "IN_PROGRESS")
    assert none.status_code == 422 and "ids" in none.get_json()["errors"]
    bad = client.post(f"{T}/entities/move", json={"ids": ["nope"], "to": "X"}, headers=headers)
    assert bad.status_code == 422 and "ids" in bad.get_json()["errors"]
    assert {_status(client, headers, e) for e in made} == {"PENDING"}


def test_the_states_records_can_be_moved_to(client):
    headers = _published(client)
    answer = client.get(f"{T}/entities/move/targets", query_string={"blueprint": "delivery"}, headers=headers)
    assert answer.status_code == 200, answer.get_json()
    assert [(t["value"], t["column"], t["column_label"]) for t in answer.get_json()["targets"]] == [
        ("IN_PROGRESS", "status", "Status"),
        ("DELIVERED", "status", "Status"),
    ]
    missing = client.get(f"{T}/entities/move/targets", query_string={"blueprint": "nope"}, headers=headers)
    assert missing.status_code == 422 and "blueprint" in missing.get_json()["errors"]


def test_a_job_of_someone_whose_account_was_closed_moves_nothing_more(app, client, limits):
    from core.identity.models import User

    headers = _published(client)
    limits(bulk_move_inline=1)
    made = _records(client, headers, 3)
    job_id = _bulk(client, headers, made, "IN_PROGRESS").get_json()["job"]
    job = db.session.get(Job, uuid.UUID(job_id))
    db.session.get(User, job.created_by).active = False  # closed or disabled; the membership stays a while
    db.session.flush()
    assert drain_job(app, job_id) == JobStatus.FAILED
    from runtime.entities.models import Entity

    db.session.expire_all()
    found = db.session.scalars(
        select(Entity).where(Entity.id.in_([uuid.UUID(e) for e in made])).execution_options(all_tenants=True)
    )
    assert {e.data["status"] for e in found} == {"PENDING"}
