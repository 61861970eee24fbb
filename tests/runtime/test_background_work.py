"""The list of a person's background work: finished exports keep a download link that works."""

from __future__ import annotations

import dataclasses
import uuid

from core import db
from core.jobs.models import Job, JobStatus
from tests.factories import create_blueprint, create_entity, create_tenant, drain_job, signed_in_user


def test_a_finished_export_in_the_list_carries_a_fresh_download_link(app, client, tmp_path):
    settings = app.config["LOOM"]
    app.config["LOOM"] = dataclasses.replace(settings, storage_dir=str(tmp_path))
    try:
        _, headers = signed_in_user(client)
        create_tenant(client, headers, "x-work")
        create_blueprint(client, headers, "x-work")
        create_entity(client, headers, "x-work", "stock_item", type="BOX", qty=2)
        started = client.post("/api/tenants/x-work/exports", json={"blueprint": "stock_item"}, headers=headers)
        assert started.status_code == 202, started.get_json()
        job_id = started.get_json()["id"]
        assert drain_job(app, job_id) == JobStatus.DONE
        with app.app_context():  # the link signed when the export ended has long expired
            job = db.session.get(Job, uuid.UUID(job_id))
            assert job is not None and job.result is not None
            job.result = {**job.result, "download_url": "/api/downloads/expired"}
            db.session.commit()

        listed = client.get("/api/tenants/x-work/jobs", headers=headers).get_json()["items"]
        assert [item["id"] for item in listed] == [job_id]
        link = listed[0]["result"]["download_url"]
        assert link != "/api/downloads/expired"
        download = client.get(link)
        assert download.status_code == 200 and download.mimetype == "text/csv"
        assert "BOX" in download.data.decode()
        active = client.get("/api/tenants/x-work/jobs?active=true", headers=headers).get_json()["items"]
        assert active == []
        with app.app_context():  # showing the list changed nothing stored
            job = db.session.get(Job, uuid.UUID(job_id))
            assert job is not None and job.result is not None
            assert job.result["download_url"] == "/api/downloads/expired"
    finally:
        app.config["LOOM"] = settings


def test_the_list_names_each_jobs_blueprint_in_its_own_workspace_only(app, client):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, "x-named")
    ours = create_blueprint(client, headers, "x-named", name="Warehouse")
    _, other_headers = signed_in_user(client, "other")
    create_tenant(client, other_headers, "x-theirs")
    theirs = create_blueprint(client, other_headers, "x-theirs", name="Secret plans")
    started = client.post("/api/tenants/x-named/exports", json={"blueprint": ours["key"]}, headers=headers)
    assert started.status_code == 202, started.get_json()
    with app.app_context():
        export = db.session.get(Job, uuid.UUID(started.get_json()["id"]))
        assert export is not None
        # Work about another workspace's blueprint, and params no blueprint can be read from.
        for params in ({"blueprint_id": theirs["id"]}, {"blueprint_id": "not-a-uuid"}, {"blueprint_id": 12}, {}):
            db.session.add(Job(tenant_id=export.tenant_id, kind="export", params=params, created_by=export.created_by))
        db.session.commit()

    answer = client.get("/api/tenants/x-named/jobs?limit=10", headers=headers)
    assert answer.status_code == 200, answer.get_json()
    named = {str(item["params"].get("blueprint_id")): item["blueprint_name"] for item in answer.get_json()["items"]}
    assert named[str(ours["id"])] == "Warehouse"
    assert named[str(theirs["id"])] is None  # another workspace's name never shows
    assert named["not-a-uuid"] is None and named["12"] is None and named["None"] is None
