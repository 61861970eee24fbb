"""A background job, and the export link in it, is shown to its creator and to owners and admins."""

from __future__ import annotations

import dataclasses

from tests.factories import add_member, create_blueprint, create_tenant, signed_in_user


def test_a_job_is_shown_to_its_creator_and_to_owners_and_admins_only(app, client, tmp_path):
    settings = app.config["LOOM"]
    app.config["LOOM"] = dataclasses.replace(settings, storage_dir=str(tmp_path))
    try:
        _, owner = signed_in_user(client, "owner")
        create_tenant(client, owner, "x-jobs")
        create_blueprint(client, owner, "x-jobs")
        people = {}
        for role in ("admin", "editor", "viewer"):
            email, people[role] = signed_in_user(client, role)
            add_member("x-jobs", email, role)
        creator_email, creator = signed_in_user(client, "creator")
        add_member("x-jobs", creator_email, "editor")

        started = client.post("/api/tenants/x-jobs/exports", json={"blueprint": "stock_item"}, headers=creator)
        assert started.status_code == 202, started.get_json()
        job_path = f"/api/tenants/x-jobs/jobs/{started.get_json()['id']}"

        for headers in (creator, owner, people["admin"]):
            assert client.get(job_path, headers=headers).status_code == 200
        for role in ("editor", "viewer"):
            response = client.get(job_path, headers=people[role])
            assert response.status_code == 404 and response.mimetype == "application/problem+json"
            assert client.get("/api/tenants/x-jobs/jobs", headers=people[role]).get_json()["items"] == []
    finally:
        app.config["LOOM"] = settings
