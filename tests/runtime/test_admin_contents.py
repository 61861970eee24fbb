"""The admin API into one workspace (blueprints, flows, records, flow instances) and the jobs of all
of Loom: what a workspace's members see, never another workspace's rows, and corrections audited."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import event, select, update

from core import clock, db
from core.identity.models import Tenant
from core.jobs.models import Job, JobStatus
from core.jobs.operations import finish_job, split_job, start_job
from designer.blueprints.models import Blueprint
from runtime.entities.models import Entity
from runtime.flows.models import FAILED, FlowInstance
from tests.factories import (
    DELIVERY_COLUMNS,
    create_blueprint,
    create_entity,
    create_flow,
    create_tenant,
    drain_job,
    drawn_delivery,
    hardened_admin,
    signed_in_user,
)

ALPHA = "/api/admin/tenants/x-alpha"
ITEM_FIELDS = {"id", "flow", "version", "status", "error", "entity_id", "started_at", "updated_at", "completed_at"}


def _workspace(client, slug, *entities):
    """A workspace with the Delivery blueprint, the Delivery and Courier flows and ``entities``
    (their deliver_from); the owner's email, headers and the records."""
    email, owner = signed_in_user(client, "owner")
    create_tenant(client, owner, slug)
    create_blueprint(client, owner, slug, name="Delivery", columns=DELIVERY_COLUMNS)
    create_flow(client, owner, slug, "delivery")
    create_flow(client, owner, slug, "delivery", name="Courier", xml=drawn_delivery(writes_status=False))
    records = [create_entity(client, owner, slug, "delivery", deliver_from=place, cargo="Books") for place in entities]
    return email, owner, records


@pytest.fixture()
def world(app, client):
    """Two workspaces and a hardened admin (email, headers, id)."""
    alpha = _workspace(client, "x-alpha", "Berlin", "Paris", "Rome")
    beta = _workspace(client, "x-beta", "Oslo")
    admin_email, admin = hardened_admin(app, client)
    admin_id = client.get("/api/auth/me", headers=admin).get_json()["id"]
    return {"alpha": alpha, "beta": beta, "admin": (admin_email, admin, admin_id)}


def _get(client, path, headers, expect=200, **query):
    answer = client.get(path, headers=headers, query_string=query)
    assert answer.status_code == expect, answer.get_json()
    return answer.get_json()


def _audit(client, path, headers, **query):
    return _get(client, path, headers, **query)["items"]


def test_admins_list_a_workspaces_blueprints_flows_and_records_as_its_members_do(client, world):
    _, owner, records = world["alpha"]
    _, beta_owner, [oslo] = world["beta"]
    _, admin, _ = world["admin"]
    # The same answers as the workspace's own endpoints give its members.
    for what, query in (
        ("blueprints", {}),
        ("flows", {}),
        ("flows", {"blueprint": "delivery"}),
        ("entities", {"blueprint": "delivery"}),
    ):
        mine = _get(client, f"/api/tenants/x-alpha/{what}", owner, **query)
        assert _get(client, f"{ALPHA}/{what}", admin, **query) == mine and mine["items"]
    assert [f["key"] for f in _get(client, f"{ALPHA}/flows", admin)["items"]] == ["courier", "delivery"]
    beta_ids = {b["id"] for b in _get(client, "/api/tenants/x-beta/blueprints", beta_owner)["items"]}
    assert not beta_ids & {b["id"] for b in _get(client, f"{ALPHA}/blueprints", admin)["items"]}

    listed = _get(client, f"{ALPHA}/entities", admin, blueprint="delivery", sort='[{"column": "deliver_from"}]')
    assert [e["data"]["deliver_from"] for e in listed["items"]] == ["Berlin", "Paris", "Rome"]
    assert listed["count"] == {"value": 3, "exact": True}
    one = _get(client, f"{ALPHA}/entities", admin, blueprint="delivery", q="par", limit=1)
    assert [e["id"] for e in one["items"]] == [records[1]["id"]] and one["next_cursor"] is None
    assert _get(client, f"{ALPHA}/entities/{records[0]['id']}", admin) == records[0]
    # Another workspace's record is not found through this one.
    _get(client, f"{ALPHA}/entities/{oslo['id']}", admin, expect=404)
    wrong = f"{ALPHA}/entities/{oslo['id']}"
    assert client.patch(wrong, json={"version": 1, "data": {"cargo": "Maps"}}, headers=admin).status_code == 404
    assert client.delete(wrong, headers=admin).status_code == 404
    beta_instance = _get(client, "/api/admin/tenants/x-beta/instances", admin)["items"][0]["id"]
    assert client.post(f"{ALPHA}/instances/{beta_instance}/retry", headers=admin).status_code == 404
    untouched = _get(client, f"/api/admin/tenants/x-beta/entities/{oslo['id']}", admin)
    assert untouched["id"] == oslo["id"] and untouched["data"]["cargo"] == "Books"
    _get(client, f"{ALPHA}/entities", admin, expect=404, blueprint="nope")
    _get(client, f"{ALPHA}/entities", admin, expect=422)  # the blueprint is required


def test_an_admins_correction_is_audited_once_with_the_changed_fields(client, world):
    _, owner, [record, *_] = world["alpha"]
    admin_email, admin, admin_id = world["admin"]
    url = f"{ALPHA}/entities/{record['id']}"

    changed = client.patch(url, json={"version": 1, "data": {"cargo": "Maps", "deliver_to": "Bonn"}}, headers=admin)
    assert changed.status_code == 200, changed.get_json()
    body = changed.get_json()
    assert body["data"]["cargo"] == "Maps" and body["data"]["deliver_to"] == "Bonn" and body["version"] == 2
    seen = _get(client, f"/api/tenants/x-alpha/entities/{record['id']}", owner)
    assert seen["data"] == body["data"]

    [event_] = _audit(client, "/api/admin/audit", admin, tenant="x-alpha", action="record.updated")
    assert event_["actor"] == {"id": admin_id, "email": admin_email, "kind": "admin", "name": None}
    assert (event_["target_type"], event_["target_id"], event_["target_label"]) == ("entity", record["id"], "Delivery")
    assert event_["details"] == {"blueprint": "delivery", "fields": ["cargo", "deliver_to"]}
    # The workspace's own log shows it to the owner.
    assert _audit(client, "/api/tenants/x-alpha/audit", owner, action="record.updated") == [event_]

    stale = client.patch(url, json={"version": 1, "data": {"cargo": "Tea"}}, headers=admin)
    assert stale.status_code == 409
    invalid = client.patch(url, json={"version": 2, "data": {"status": "LOST"}}, headers=admin)
    assert invalid.status_code == 422 and "data.status" in invalid.get_json()["errors"]
    same = client.patch(url, json={"version": 2, "data": {"cargo": "Maps"}}, headers=admin)
    assert same.status_code == 200 and same.get_json()["version"] == 2
    assert _get(client, url, admin) == body
    assert _audit(client, "/api/admin/audit", admin, tenant="x-alpha", action="record.updated") == [event_]
    # Nothing was written for another workspace either.
    assert _audit(client, "/api/admin/audit", admin, tenant="x-beta", category="record") == []


def test_opening_a_record_is_audited_and_shows_the_form_it_follows(client, world):
    _, owner, [record, *_] = world["alpha"]
    admin_email, admin, admin_id = world["admin"]
    # The blueprint and the version the record follows, as the members read them.
    assert _get(client, f"{ALPHA}/blueprints/delivery", admin) == _get(
        client, "/api/tenants/x-alpha/blueprints/delivery", owner
    )
    version = _get(client, f"{ALPHA}/blueprints/delivery/versions/1", admin)
    assert version == _get(client, "/api/tenants/x-alpha/blueprints/delivery/versions/1", owner)
    _get(client, f"{ALPHA}/blueprints/delivery/versions/9", admin, expect=404)
    _get(client, "/api/admin/tenants/x-beta/blueprints/nope", admin, expect=404)
    # Lists leave no trace; opening one record does, in the workspace's own log too.
    _get(client, f"{ALPHA}/entities", admin, blueprint="delivery")
    assert _audit(client, "/api/tenants/x-alpha/audit", owner, category="record") == []
    _get(client, f"{ALPHA}/entities/{record['id']}", admin)
    [viewed] = _audit(client, "/api/tenants/x-alpha/audit", owner, category="record")
    assert viewed["action"] == "record.viewed" and viewed["target_id"] == record["id"]
    assert viewed["actor"] == {"id": admin_id, "email": admin_email, "kind": "admin", "name": None}
    # A record that is not there is not recorded as opened.
    _get(client, f"{ALPHA}/entities/{uuid.UUID(int=7)}", admin, expect=404)
    assert len(_audit(client, "/api/admin/audit", admin, action="record.viewed")) == 1


def test_an_admin_deletes_a_record_audited(client, world):
    _, owner, [record, *_] = world["alpha"]
    _, admin, admin_id = world["admin"]
    url = f"{ALPHA}/entities/{record['id']}"
    assert client.delete(url, query_string={"version": 5}, headers=admin).status_code == 409
    assert client.delete(url, query_string={"version": 1}, headers=admin).status_code == 204
    _get(client, url, admin, expect=404)
    _get(client, f"/api/tenants/x-alpha/entities/{record['id']}", owner, expect=404)
    [deleted] = _audit(client, "/api/tenants/x-alpha/audit", owner, action="record.deleted")
    assert (deleted["action"], deleted["actor"]["id"], deleted["actor"]["kind"]) == (
        "record.deleted",
        admin_id,
        "admin",
    )
    assert deleted["target_id"] == record["id"]
    assert client.delete(url, headers=admin).status_code == 404


def _instances(client, admin, **query):
    return _get(client, f"{ALPHA}/instances", admin, **query)


def test_admins_list_a_workspaces_flow_instances_newest_first_filtered(client, world):
    _, owner, (berlin, paris, rome) = world["alpha"]
    _, _, [oslo] = world["beta"]
    _, admin, _ = world["admin"]

    # Berlin's delivery is done; Paris's is stopped by an error.
    flows = _get(client, f"/api/tenants/x-alpha/entities/{berlin['id']}/flows", owner)
    delivery = next(i for i in flows["instances"] if i["flow"]["key"] == "delivery")
    for _ in range(2):
        [step] = delivery["waiting"]
        done = client.post(f"/api/tenants/x-alpha/inbox/{step['id']}/complete", json={"data": {}}, headers=owner)
        assert done.status_code == 200, done.get_json()
        delivery = done.get_json()["instance"]
    assert delivery["status"] == "completed"
    stopped = next(
        i["id"]
        for i in _get(client, f"/api/tenants/x-alpha/entities/{paris['id']}/flows", owner)["instances"]
        if i["flow"]["key"] == "delivery"
    )
    error = {"message": "ZeroDivisionError", "element": "note", "name": "Note", "at": clock.now().isoformat()}
    db.session.execute(
        update(FlowInstance)
        .where(FlowInstance.id == uuid.UUID(stopped))
        .values(status=FAILED, error=error)
        .execution_options(all_tenants=True)
    )
    db.session.commit()

    everything = _instances(client, admin)["items"]
    assert len(everything) == 6 and {tuple(sorted(i)) for i in everything} == {tuple(sorted(ITEM_FIELDS))}
    assert oslo["id"] not in {i["entity_id"] for i in everything}
    # Newest first: the records in reverse order of creation, each with both its flows.
    assert [i["entity_id"] for i in everything] == [r["id"] for r in (rome, paris, berlin) for _ in range(2)]
    assert {(i["entity_id"], i["flow"]["key"]) for i in everything} == {
        (r["id"], key) for r in (rome, paris, berlin) for key in ("courier", "delivery")
    }

    [completed] = _instances(client, admin, status="completed")["items"]
    assert (completed["id"], completed["entity_id"], completed["version"]) == (delivery["id"], berlin["id"], 1)
    assert completed["flow"] == {"key": "delivery", "name": "Delivery"} and completed["completed_at"] is not None
    [failed] = _instances(client, admin, status="failed")["items"]
    assert (failed["id"], failed["error"], failed["completed_at"]) == (stopped, error, None)
    running = _instances(client, admin, status="running")["items"]
    assert len(running) == 4 and all(i["error"] is None for i in running)
    courier = _instances(client, admin, flow="courier")["items"]
    assert [i["entity_id"] for i in courier] == [rome["id"], paris["id"], berlin["id"]]
    assert {i["status"] for i in courier} == {"running"}
    assert [i["entity_id"] for i in _instances(client, admin, flow="delivery", status="running")["items"]] == [
        rome["id"]
    ]
    assert {i["flow"]["key"] for i in _instances(client, admin, entity=paris["id"])["items"]} == {"courier", "delivery"}
    assert _instances(client, admin, entity=oslo["id"])["items"] == []

    first = _instances(client, admin, limit=4)
    second = _instances(client, admin, limit=4, cursor=first["next_cursor"])
    assert second["next_cursor"] is None and first["items"] + second["items"] == everything

    assert _get(client, f"{ALPHA}/instances", admin, expect=404, flow="nope")["detail"] == "No flow 'nope' here."
    assert "status" in _get(client, f"{ALPHA}/instances", admin, expect=422, status="paused")["errors"]
    assert "cursor" in _get(client, f"{ALPHA}/instances", admin, expect=422, cursor="WyJ4IiwgInkiXQ")["errors"]

    # The stopped one is tried again (its step runs now), once; the workspace's log says who did it.
    retried = client.post(f"{ALPHA}/instances/{stopped}/retry", headers=admin)
    assert retried.status_code == 200, retried.get_json()
    assert (retried.get_json()["status"], retried.get_json()["error"]) == ("running", None)
    assert client.post(f"{ALPHA}/instances/{stopped}/retry", headers=admin).status_code == 409
    assert client.post(f"{ALPHA}/instances/{uuid.UUID(int=3)}/retry", headers=admin).status_code == 404
    [event_] = _get(client, "/api/tenants/x-alpha/audit", owner, action="flow.instance_retried")["items"]
    assert (event_["target_id"], event_["target_label"], event_["actor"]["kind"]) == (stopped, "Delivery", "admin")


def _tenant_id(slug):
    return db.session.query(Tenant.id).filter(Tenant.slug == slug).scalar()


def _user_id(client, headers):
    return client.get("/api/auth/me", headers=headers).get_json()["id"]


class _Statements:
    """Counts the SQL statements run while it is active."""

    def __init__(self, app):
        self.engine, self.count = app.extensions["loom_engine"], 0

    def _seen(self, *args):
        self.count += 1

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._seen)


def test_admins_list_the_jobs_of_all_of_loom_filtered_and_paged(app, client, world):
    alpha_email, alpha_owner, _ = world["alpha"]
    beta_email, beta_owner, _ = world["beta"]
    _, admin, _ = world["admin"]
    alpha, beta = _tenant_id("x-alpha"), _tenant_id("x-beta")
    alpha_user, beta_user = _user_id(client, alpha_owner), _user_id(client, beta_owner)

    def job(kind, tenant_id, user_id, status=None):
        found = start_job(db.session(), kind, tenant_id=tenant_id, params={}, total=1, user_id=user_id)
        if status:
            finish_job(found, error="It broke." if status == "failed" else None)
        return found

    export = job("entities.export", alpha, alpha_user, "done")
    migration = job("entities.migrate", alpha, alpha_user)
    split_job(db.session(), migration, [{"part": 0}, {"part": 1}])  # its parts are not listed
    failed = job("entities.export", alpha, alpha_user, "failed")
    elsewhere = job("entities.export", beta, beta_user)
    system = job("test.system", None, None)
    ids = {j.id: j for j in (export, migration, failed, elsewhere, system)}
    db.session.commit()

    listed = [i for i in _get(client, "/api/admin/jobs", admin, limit=100)["items"] if uuid.UUID(i["id"]) in ids]
    assert [i["id"] for i in listed] == [str(j.id) for j in (system, elsewhere, failed, migration, export)]
    by_id = {i["id"]: i for i in listed}
    assert (by_id[str(export.id)]["tenant"], by_id[str(export.id)]["created_by"]) == ("x-alpha", alpha_email)
    assert (by_id[str(elsewhere.id)]["tenant"], by_id[str(elsewhere.id)]["created_by"]) == ("x-beta", beta_email)
    assert (by_id[str(system.id)]["tenant"], by_id[str(system.id)]["created_by"]) == (None, None)
    assert by_id[str(failed.id)]["status"] == "failed" and by_id[str(failed.id)]["error"] == "It broke."
    assert set(by_id[str(export.id)]) == {
        *("id", "kind", "status", "done", "total", "result", "error", "params", "created_at", "finished_at"),
        *("tenant", "created_by"),
    }
    assert _get(client, f"/api/admin/jobs/{export.id}", admin) == by_id[str(export.id)]

    def names(**query):
        return [i["id"] for i in _get(client, "/api/admin/jobs", admin, **query)["items"]]

    assert names(tenant="x-alpha") == [str(j.id) for j in (failed, migration, export)]
    assert names(tenant="x-alpha", kind="entities.export") == [str(failed.id), str(export.id)]
    assert names(tenant="x-alpha", status="done") == [str(export.id)]
    assert names(tenant="x-beta", status="queued") == [str(elsewhere.id)]
    assert names(kind="test.system") == [str(system.id)]
    assert names(status="queued", tenant="x-alpha") == [str(migration.id)]

    first = _get(client, "/api/admin/jobs", admin, tenant="x-alpha", limit=2)
    second = _get(client, "/api/admin/jobs", admin, tenant="x-alpha", limit=2, cursor=first["next_cursor"])
    assert [i["id"] for i in first["items"] + second["items"]] == names(tenant="x-alpha")
    assert second["next_cursor"] is None

    # The workspace and the starter come with the jobs: a longer page runs no more statements.
    with _Statements(app) as one:
        _get(client, "/api/admin/jobs", admin, limit=1)
    with _Statements(app) as many:
        _get(client, "/api/admin/jobs", admin, limit=5)
    assert many.count == one.count

    assert "status" in _get(client, "/api/admin/jobs", admin, expect=422, status="lost")["errors"]
    _get(client, "/api/admin/jobs", admin, expect=404, tenant="x-nope")
    assert _get(client, f"/api/admin/jobs/{uuid.UUID(int=1)}", admin, expect=404)["detail"] == "No such job."
    part = db.session.query(Job.id).filter(Job.parent_id == migration.id).first()[0]
    assert _get(client, f"/api/admin/jobs/{part}", admin)["tenant"] == "x-alpha"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/blueprints"),
        ("GET", "/blueprints/delivery"),
        ("GET", "/blueprints/delivery/versions/1"),
        ("GET", "/flows"),
        ("GET", "/entities?blueprint=delivery"),
        ("GET", "/instances"),
        ("GET", f"/entities/{uuid.UUID(int=1)}"),
        ("PATCH", f"/entities/{uuid.UUID(int=1)}"),
        ("DELETE", f"/entities/{uuid.UUID(int=1)}"),
        ("POST", f"/instances/{uuid.UUID(int=1)}/retry"),
    ],
)
def test_an_unknown_workspace_is_404(app, client, method, path):
    _, admin = hardened_admin(app, client)
    answer = client.open(
        f"/api/admin/tenants/x-nowhere{path}", method=method, json={"version": 1, "data": {}}, headers=admin
    )
    assert answer.status_code == 404 and answer.get_json()["detail"] == "No workspace 'x-nowhere'."


def test_an_admin_deletes_a_workspace_with_everything_in_it_in_the_background(app, client, world):
    _, owner, _ = world["alpha"]
    _, beta_owner, [oslo] = world["beta"]
    admin_email, admin, _ = world["admin"]
    alpha_id = _tenant_id("x-alpha")

    started = client.delete(ALPHA, headers=admin)
    assert started.status_code == 202, started.get_json()
    job = started.get_json()
    assert (job["kind"], job["tenant"], job["created_by"]) == ("tenant.delete", None, admin_email)
    # Its members lose it at once, before the job has run.
    assert client.get("/api/tenants/x-alpha", headers=owner).status_code == 404
    assert drain_job(app, job["id"]) == JobStatus.DONE
    _get(client, ALPHA, admin, expect=404)
    with app.app_context():
        for model in (Entity, FlowInstance, Blueprint):
            left = db.session.scalars(
                select(model.id).where(model.tenant_id == alpha_id).execution_options(all_tenants=True)
            ).all()
            assert left == [], model
    # The other workspace is untouched; the deletion stays in Loom's own log.
    assert _get(client, f"/api/tenants/x-beta/entities/{oslo['id']}", beta_owner)["id"] == oslo["id"]
    [event_] = _audit(client, "/api/admin/audit", admin, action="workspace.deleted")
    assert (event_["tenant"], event_["target_label"], event_["details"]) == (None, "X-Alpha", {"slug": "x-alpha"})
    assert client.delete(ALPHA, headers=admin).status_code == 404
