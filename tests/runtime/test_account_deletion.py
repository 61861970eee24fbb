"""Deleting an account: re-authentication, the account closed at once, and a background job that
leaves nothing of the user anywhere (checked against every table the database has, so a table
added later without handling fails here), while other people's data stays as it was."""

from __future__ import annotations

import dataclasses
import json
import re
import uuid
from typing import Any

from sqlalchemy import select, text

from core import db
from core.files import storage
from core.identity.models import User
from core.jobs.models import Job, JobStatus
from core.jobs.tasks import run_one_step
from core.mail.models import OutboxMessage
from runtime.account.deletion import run_unit
from runtime.account.scrub import GONE
from tests.factories import (
    PASSWORD,
    STOCK_COLUMNS,
    Authenticator,
    add_member,
    confirm,
    create_blueprint,
    create_entity,
    create_flow,
    create_tenant,
    drain_job,
    drawn_stock,
    register,
    sign_in,
    unique_email,
)
from tests.runtime.messages.test_inbound_hook import signed
from tests.support.hooks import Receiver, run_hooks
from tests.support.message_diagrams import catch, diagram

USER_COLUMN = {"key": "handler", "label": "Handler", "type": "user"}
WORK_XML = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:loom="http://loom.dev/schema/bpmn/1.0" id="work_definitions" targetNamespace="http://loom.dev/tests">
  <bpmn:process id="work_flow" name="Work" isExecutable="true" loom:blueprint="job">
    <bpmn:startEvent id="created"><bpmn:outgoing>a</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="assign" name="Assign">
      <bpmn:extensionElements><loom:transition label="Assign" role="editor"/><loom:field key="handler"/>
      </bpmn:extensionElements>
      <bpmn:incoming>a</bpmn:incoming><bpmn:outgoing>b</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:userTask id="approve" name="Approve">
      <bpmn:extensionElements><loom:transition label="Approve" member="MEMBER"/></bpmn:extensionElements>
      <bpmn:incoming>b</bpmn:incoming><bpmn:outgoing>c</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="done"><bpmn:incoming>c</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="a" sourceRef="created" targetRef="assign"/>
    <bpmn:sequenceFlow id="b" sourceRef="assign" targetRef="approve"/>
    <bpmn:sequenceFlow id="c" sourceRef="approve" targetRef="done"/>
  </bpmn:process>
</bpmn:definitions>"""


def _stored(app, file_id: uuid.UUID) -> bool:
    """Whether the file's bytes are stored."""
    with app.app_context():
        return storage.current().size(file_id) is not None


class Person:
    """A user with a browser of their own (its own refresh cookie)."""

    def __init__(self, app, prefix: str) -> None:
        self.browser = app.test_client()
        self.email = register(self.browser, unique_email(prefix))
        confirm(self.browser, self.email)
        self.id = db.session.scalars(select(User.id).where(User.email == self.email)).one()
        self.sign_in()

    def sign_in(self) -> None:
        self.headers = {"Authorization": f"Bearer {sign_in(self.browser, self.email)['access_token']}"}

    def call(self, method: str, url: str, status: int, **kwargs: Any) -> Any:
        response = getattr(self.browser, method)(url, headers=self.headers, **kwargs)
        assert response.status_code == status, response.get_json()
        return response.get_json()

    def sign_in_with_code(self, totp: Authenticator) -> None:
        first = self.browser.post("/api/auth/login", json={"email": self.email, "password": PASSWORD})
        assert first.get_json()["tf_required"] is True, first.get_json()
        body = self.browser.post("/api/auth/tf-validate", json={"code": totp.now()}).get_json()
        self.headers = {"Authorization": f"Bearer {body['access_token']}"}

    def set_up_two_factor(self) -> Authenticator:
        body = self.call("post", "/api/auth/tf-setup", 200, json={"setup": "authenticator"})
        totp = Authenticator(body["tf_authr_b32key"])
        self.call("post", f"/api/auth/tf-setup/{body['tf_state_token']}", 200, json={"code": totp.now()})
        return totp


def _sql(statement: str, **params: Any) -> list[Any]:
    result = db.session.execute(text(statement), params)
    return list(result) if result.returns_rows else []


def _tenant_id(slug: str) -> uuid.UUID:
    return _sql("SELECT id FROM tenants WHERE slug = :s", s=slug)[0][0]


def _foreign_keys() -> list[tuple[str, str, str, str]]:
    """(table, column, referenced table, on delete) of every foreign key to users or tenants."""
    return _sql(
        """SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, c.confdeltype::text
           FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
           WHERE c.contype = 'f' AND c.confrelid IN ('users'::regclass, 'tenants'::regclass)
             AND c.conparentid = 0"""  # a partition's copy of its table's key is that key
    )


def _count(table: str, column: str, value: Any) -> int:
    return _sql(f'SELECT count(*) FROM "{table}" WHERE "{column}" = :v', v=value)[0][0]


def _tenant_counts(tenant_id: uuid.UUID) -> dict[str, int]:
    return {t: _count(t, c, tenant_id) for t, c, ref, _ in _foreign_keys() if ref == "tenants"}


def _text_hits(needle: str) -> list[tuple[str, str, Any]]:
    """(table, column, row) for every text, JSON or array value of every table that contains ``needle``."""
    columns = _sql(
        """SELECT table_name, column_name FROM information_schema.columns
           WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')"""
    )
    hits = []
    for table, column in columns:
        rows = _sql(f'SELECT ctid FROM "{table}" WHERE CAST("{column}" AS text) ILIKE :n', n=f"%{needle}%")
        hits.extend((table, column, row[0]) for row in rows)
    return hits


def _data_dicts(state: Any) -> list[dict[str, Any]]:
    if isinstance(state, dict):
        found = [state["data"]] if isinstance(state.get("data"), dict) else []
        return found + [d for v in state.values() for d in _data_dicts(v)]
    return [d for v in state for d in _data_dicts(v)] if isinstance(state, list) else []


def _export(person: Person, app, slug: str, blueprint: str, **filters: Any) -> uuid.UUID:
    job = person.call("post", f"/api/tenants/{slug}/exports", 202, json={"blueprint": blueprint, **filters})
    assert drain_job(app, job["id"]) == JobStatus.DONE
    file_id = uuid.UUID(db.session.get(Job, uuid.UUID(job["id"])).result["file_id"])
    assert _stored(app, file_id)
    return file_id


def _join_by_invitation(inviter: Person, invitee: Person, slug: str, role: str) -> None:
    inviter.call("post", f"/api/tenants/{slug}/invitations", 201, json={"email": invitee.email, "role": role})
    [mail] = [m for m in _mails_to(invitee.email) if m.template == "invitation"]
    token = re.search(r"/invitations/([A-Za-z0-9_-]+)", mail.text_body).group(1)
    invitee.call("post", f"/api/invitations/{token}/accept", 200)


def _hook_with_a_delivery(app, ann) -> None:
    receiver = Receiver()
    settings = app.config["LOOM"]
    app.config["LOOM"] = dataclasses.replace(settings, hooks_allow_http=True, hooks_allow_private="127.0.0.1/32")
    try:
        hook = {"url": receiver.url, "event_types": ["record.created"]}
        ann.call("post", "/api/tenants/x-ann-solo/hooks/endpoints", 201, json=hook)
        create_entity(ann.browser, ann.headers, "x-ann-solo", "stock_item", type="CRATE")
        assert run_hooks(app) == 1
    finally:
        app.config["LOOM"] = settings
        receiver.close()


# Ann's own flow that waits for a payment message (a subscription) while its email step waits for the
# outbox (a connector call); the message also comes through an inbound hook (a receipt).
PAYMENT_XML = diagram(
    "payment",
    '<bpmn:startEvent id="start"/><bpmn:parallelGateway id="split"/>'
    + catch("wait_paid", correlation="space")
    + '<bpmn:serviceTask id="mail"><bpmn:extensionElements><loom:email to="ann@example.com" subject="Hi">'
    "Stock {type}.</loom:email></bpmn:extensionElements></bpmn:serviceTask>"
    '<bpmn:endEvent id="paid_end"/><bpmn:endEvent id="mail_end"/>'
    '<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="split"/>'
    '<bpmn:sequenceFlow id="f1" sourceRef="split" targetRef="wait_paid"/>'
    '<bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="mail"/>'
    '<bpmn:sequenceFlow id="f3" sourceRef="wait_paid" targetRef="paid_end"/>'
    '<bpmn:sequenceFlow id="f4" sourceRef="mail" targetRef="mail_end"/>',
)


def _messages_of(ann) -> None:
    """In Ann's own workspace: a record waiting for a message and an email, a message kept unmatched
    (sent by Ann through the API), and one through the flow's inbound hook (made by Ann)."""
    create_flow(ann.browser, ann.headers, "x-ann-solo", "stock_item", name="Payment", xml=PAYMENT_XML)
    create_entity(ann.browser, ann.headers, "x-ann-solo", "stock_item", type="PALLET", space="A-1")
    unmatched = {"name": "payment received", "correlation": {"space": "Z-9"}}
    ann.call("post", "/api/tenants/x-ann-solo/messages", 202, json=unmatched)
    config = {"message_name": "payment received", "correlation": {"space": "space"}}
    hook = ann.call("post", "/api/tenants/x-ann-solo/flows/payment/inbound-hook", 201, json=config)
    body = json.dumps({"space": "Q-2"}).encode()
    path = "/api/hooks/inbound/" + hook["url"].rsplit("/", 1)[1]
    answer = ann.browser.post(path, data=body, headers=signed(hook["secret"], body))
    assert answer.status_code == 202, answer.get_json()


def _world(app) -> dict[str, Any]:
    """Ann, whose account goes; Bob, who owns a workspace with her; Cat, in whose workspace she works."""
    ann, bob, cat = Person(app, "ann"), Person(app, "bob"), Person(app, "cat")
    w: dict[str, Any] = {"ann": ann, "bob": bob, "cat": cat, "totp": ann.set_up_two_factor()}
    ann.sign_in_with_code(w["totp"])  # a second session (refresh tracker)

    # Ann's own workspace: everything in it goes.
    create_tenant(ann.browser, ann.headers, "x-ann-solo")
    create_blueprint(ann.browser, ann.headers, "x-ann-solo", columns=[*STOCK_COLUMNS, USER_COLUMN])
    create_flow(ann.browser, ann.headers, "x-ann-solo", "stock_item", name="Stock", xml=drawn_stock())
    create_entity(ann.browser, ann.headers, "x-ann-solo", "stock_item", type="BOX", handler=ann.id)
    [item] = ann.call("get", "/api/tenants/x-ann-solo/inbox", 200)["items"]
    ann.call("post", f"/api/tenants/x-ann-solo/inbox/{item['id']}/claim", 200)
    mine = {"filter": json.dumps({"column": "handler", "op": "eq", "value": ann.id})}
    ann.call("get", "/api/tenants/x-ann-solo/entities", 200, query_string={"blueprint": "stock_item", **mine})
    view = {
        "blueprint": "stock_item",
        "name": "Mine",
        "config": {"filter": {"column": "handler", "op": "eq", "value": ann.id}},
    }
    ann.call("post", "/api/tenants/x-ann-solo/views", 201, json=view)
    w["solo_file"] = _export(ann, app, "x-ann-solo", "stock_item")
    ann.call(
        "post", "/api/tenants/x-ann-solo/invitations", 201, json={"email": unique_email("friend"), "role": "viewer"}
    )
    # An API key Ann made and revoked, and the answer kept for a POST of hers with an Idempotency-Key.
    api_key = {"name": "Ann's", "role": "viewer", "password": PASSWORD, "code": w["totp"].now()}
    made = ann.call("post", "/api/tenants/x-ann-solo/api-keys", 201, json=api_key)
    revoked = ann.browser.delete(f"/api/tenants/x-ann-solo/api-keys/{made['id']}", headers=ann.headers)
    assert revoked.status_code == 204
    kept = ann.browser.post(
        "/api/tenants/x-ann-solo/views",
        json={**view, "name": "Once"},
        headers={**ann.headers, "Idempotency-Key": "ann-once"},
    )
    assert kept.status_code == 201, kept.get_json()

    # A hook of Ann's, with a message, a delivery and its attempt, all in her own workspace.
    _hook_with_a_delivery(app, ann)
    _messages_of(ann)

    # Owned with Bob: it stays, Ann's membership, views, jobs and files go.
    create_tenant(ann.browser, ann.headers, "x-shared")
    add_member("x-shared", bob.email, "owner")
    create_blueprint(ann.browser, ann.headers, "x-shared", columns=[*STOCK_COLUMNS, USER_COLUMN])
    create_entity(ann.browser, ann.headers, "x-shared", "stock_item", type="BOX", handler=ann.id)
    ann.call("post", "/api/tenants/x-shared/views", 201, json=view)
    bob.call("post", "/api/tenants/x-shared/views", 201, json={**view, "name": "Ann's"})
    w["shared_file"] = _export(ann, app, "x-shared", "stock_item")

    # Cat's workspace, where Ann is an editor: the rows stay, without Ann in them.
    create_tenant(cat.browser, cat.headers, "x-cat")
    _join_by_invitation(cat, ann, "x-cat", "editor")
    # Bob's invitation to a workspace of his own, which Ann never accepted.
    create_tenant(bob.browser, bob.headers, "x-bob")
    bob.call("post", "/api/tenants/x-bob/invitations", 201, json={"email": ann.email, "role": "viewer"})
    reviewer = {"key": "reviewer", "label": "Reviewer", "type": "user", "default": ann.id}
    columns = [{"key": "title", "label": "Title", "type": "text", "required": True}, USER_COLUMN, reviewer]
    create_blueprint(cat.browser, cat.headers, "x-cat", name="Job", columns=columns)
    create_flow(cat.browser, cat.headers, "x-cat", "job", name="Work", xml=WORK_XML.replace("MEMBER", ann.email))
    first = create_entity(ann.browser, ann.headers, "x-cat", "job", title="Ann's", handler=ann.id)
    second = create_entity(cat.browser, cat.headers, "x-cat", "job", title="Cat's", handler=cat.id)
    [item] = [i for i in ann.call("get", "/api/tenants/x-cat/inbox", 200)["items"] if i["entity"]["id"] == second["id"]]
    ann.call("post", f"/api/tenants/x-cat/inbox/{item['id']}/complete", 200, json={"data": {"handler": ann.id}})
    [approve] = [i for i in ann.call("get", "/api/tenants/x-cat/inbox", 200)["items"] if i["label"] == "Approve"]
    ann.call("post", f"/api/tenants/x-cat/inbox/{approve['id']}/claim", 200)
    version = _sql("SELECT id FROM blueprint_versions WHERE tenant_id = :t", t=_tenant_id("x-cat"))[0][0]
    aside = json.dumps({str(version): {"handler": {"value": ann.id}}})
    _sql("UPDATE entities SET aside = CAST(:a AS jsonb) WHERE id = :e", a=aside, e=uuid.UUID(first["id"]))
    in_list = {"filter": {"column": "handler", "op": "in", "value": [ann.id, cat.id]}}
    cat.call("post", "/api/tenants/x-cat/views", 201, json={"blueprint": "job", "name": "Ours", "config": in_list})
    w["cat_file"] = _export(cat, app, "x-cat", "job", **mine)

    # Around the account: a support message, a role, a linked Google account.
    ann.call("post", "/api/support/contact", 202, json={"topic": "Hello", "message": "A question."})
    _sql("INSERT INTO roles (name) VALUES ('beta') ON CONFLICT DO NOTHING")
    _sql("INSERT INTO roles_users SELECT :u, id FROM roles WHERE name = 'beta'", u=ann.id)
    _sql(
        "INSERT INTO social_identities (user_id, provider, subject, email) VALUES (:u, 'google', 'g-1', :e)",
        u=ann.id,
        e=ann.email,
    )
    db.session.commit()
    return w


def _delete(person: Person, status: int = 202, **body: Any) -> Any:
    return person.call("post", "/api/account/delete", status, json=body)


def _mails_to(email: str) -> list[OutboxMessage]:
    return list(
        db.session.scalars(select(OutboxMessage).where(OutboxMessage.recipient == email).order_by(OutboxMessage.id))
    )


def test_deleting_an_account_leaves_nothing_of_it_and_everything_of_others(app, client):
    w = _world(app)
    ann, bob, cat = w["ann"], w["bob"], w["cat"]
    solo, shared, cats = _tenant_id("x-ann-solo"), _tenant_id("x-shared"), _tenant_id("x-cat")
    keys = _foreign_keys()
    # The world covers every table that can name a user or a tenant: a new one must be seeded here.
    for table in {t for t, _, ref, _ in keys if ref == "users"}:
        columns = [c for t, c, ref, _ in keys if t == table and ref == "users"]
        assert sum(_count(table, c, ann.id) for c in columns), f"seed a row of {table} that names Ann"
    for table, column, ref, _ in keys:
        if ref == "tenants":
            assert _count(table, column, solo), f"seed a row of {table} in Ann's own workspace"
    # Foreign keys let the user row go: deleted along (c) or emptied (n), never blocking.
    assert {rule for _, _, ref, rule in keys if ref == "users"} <= {"c", "n"}
    cat_before = _tenant_counts(cats)
    mail_to_ann_in_cats = _sql(
        "SELECT count(*) FROM mail_outbox WHERE tenant_id = :t AND recipient = :r", t=cats, r=ann.email
    )
    assert mail_to_ann_in_cats[0][0], "seed the invitation mail Cat's workspace sent Ann"

    started = _delete(ann, password=PASSWORD, code=w["totp"].now())
    job_id = uuid.UUID(started["job_id"])
    assert drain_job(app, job_id) == JobStatus.DONE
    db.session.expire_all()

    assert db.session.get(User, ann.id) is None
    for table, column, ref, _ in keys:
        assert _count(table, column, ann.id if ref == "users" else solo) == 0, (table, column)
    assert _sql("SELECT count(*) FROM tenants WHERE id = :t", t=solo)[0][0] == 0
    assert not _stored(app, w["solo_file"]) and not _stored(app, w["shared_file"])
    assert _stored(app, w["cat_file"])

    # Only the confirmation holds the address, until it is sent.
    [final] = _mails_to(ann.email)
    assert final.template == "account_deleted" and ann.email in final.text_body
    assert {(table, row) for table, _, row in _text_hits(ann.email)} == {
        ("mail_outbox", _sql("SELECT ctid FROM mail_outbox WHERE id = :i", i=final.id)[0][0])
    }
    job = db.session.get(Job, job_id)
    assert job.params == {} and job.created_by is None and job.done == job.total
    assert job.result == {"workspaces_deleted": 1, "workspaces_left": 2}

    # Bob's workspace stays with Bob; his view no longer names Ann.
    assert _sql("SELECT user_id FROM memberships WHERE tenant_id = :t", t=shared) == [(bob.id,)]
    [(config,)] = _sql("SELECT config FROM saved_views WHERE tenant_id = :t", t=shared)
    assert config["filter"] == {"column": "handler", "op": "empty"}
    assert _sql("SELECT kind FROM jobs WHERE tenant_id = :t", t=shared) == []  # Ann's export went

    # Cat's workspace: every row still there, none of them names Ann.
    after = _tenant_counts(cats)
    # Her membership went, and so did the invitation she joined with and its mail (they named her
    # address). The audit log says a member deleted their account, by nobody.
    expected = {
        "memberships": cat_before["memberships"] - 1,
        "invitations": 0,
        "mail_outbox": cat_before["mail_outbox"] - mail_to_ann_in_cats[0][0],
    }
    assert after == {**cat_before, **expected, "audit_events": cat_before["audit_events"] + 1}
    gone = "SELECT actor_id, actor_kind FROM audit_events WHERE action = 'member.account_deleted' AND tenant_id = :t"
    assert _sql(gone, t=cats) == [(None, "system")]
    entities = {row[0]: row[1:] for row in _sql("SELECT data->>'title', data, aside, created_by FROM entities")}
    assert entities["Ann's"][0] == {"title": "Ann's"} and entities["Ann's"][1] == {}
    assert entities["Ann's"][2] is None
    assert entities["Cat's"][0] == {"title": "Cat's"}  # handler was Ann (her step), reviewer Ann by default
    for (changes,) in _sql("SELECT changes FROM flow_history WHERE tenant_id = :t", t=cats):
        assert all(ann.id not in (c["before"], c["after"]) for c in changes if c["field"] in ("handler", "reviewer"))
    states = [state for (state,) in _sql("SELECT state FROM flow_instances WHERE tenant_id = :t", t=cats)]
    # Stored variables are codec text under "v:<name>" (engine.flows.run.serialize): Ann's id is "<id>".
    held = [d.get(f"v:{k}") for state in states for d in _data_dicts(state) for k in ("handler", "reviewer")]
    assert str(ann.id) not in held and "null" in held
    assert _sql("SELECT member, assignee_id FROM inbox_items WHERE label = 'Approve'") == [(GONE, None)]
    drafts = _sql("SELECT draft_columns FROM blueprints WHERE tenant_id = :t", t=cats)
    for (columns,) in [*_sql("SELECT columns FROM blueprint_versions WHERE tenant_id = :t", t=cats), *drafts]:
        assert [c.get("default") for c in columns if c["key"] == "reviewer"] == [None]
    [(config,)] = _sql("SELECT config FROM saved_views WHERE tenant_id = :t", t=cats)
    assert config["filter"] == {"column": "handler", "op": "in", "value": [cat.id]}
    [(params,)] = _sql("SELECT params FROM jobs WHERE tenant_id = :t", t=cats)
    assert json.loads(params["filter"]) == {"column": "handler", "op": "empty"}
    assert cat.browser.get("/api/tenants/x-cat/entities?blueprint=job", headers=cat.headers).status_code == 200

    # Processes keep published versions parsed; the rewritten ones are parsed again, so what
    # happens next in Cat's workspace does not bring Ann back.
    third = create_entity(cat.browser, cat.headers, "x-cat", "job", title="Next", handler=cat.id)
    inbox = cat.call("get", "/api/tenants/x-cat/inbox", 200)["items"]
    [assign] = [i for i in inbox if i["entity"]["id"] == third["id"]]
    cat.call("post", f"/api/tenants/x-cat/inbox/{assign['id']}/complete", 200, json={"data": {"handler": cat.id}})
    assert _sql("SELECT member FROM inbox_items WHERE label = 'Approve'") == [(GONE,), (GONE,)]
    assert {table for table, _, _ in _text_hits(ann.email)} == {"mail_outbox"}


def test_wrong_or_missing_proof_changes_nothing(app, client):
    ann = Person(app, "ann")
    assert _delete(ann, 422)["errors"] == {"password": ["Enter your password to confirm."]}
    assert _delete(ann, 422, password="not it")["errors"] == {"password": ["This password is not right."]}
    totp = ann.set_up_two_factor()
    missing = _delete(ann, 422, password=PASSWORD)
    assert list(missing["errors"]) == ["code"] and missing["type"] == "about:blank"
    wrong = "000000" if totp.now() != "000000" else "111111"
    assert list(_delete(ann, 422, password=PASSWORD, code=wrong)["errors"]) == ["code"]
    # After a wrong password the code is not tried (nor used up): only the password is wrong.
    assert set(_delete(ann, 422, password="not it", code=totp.now())["errors"]) == {"password"}
    assert ann.call("get", "/api/auth/me", 200)["email"] == ann.email
    assert ann.browser.post("/api/auth/refresh", json={}).status_code == 200
    user = db.session.get(User, ann.id)
    assert user.active and db.session.scalars(select(Job).where(Job.created_by == ann.id)).all() == []


def test_an_account_without_password_or_two_factor_types_its_email(app, client):
    ann = Person(app, "ann")
    _sql("UPDATE users SET password = NULL WHERE id = :u", u=ann.id)  # as one made with Google
    db.session.commit()
    assert list(_delete(ann, 422, password="anything")["errors"]) == ["confirm_email"]
    assert list(_delete(ann, 422, confirm_email="someone@example.com")["errors"]) == ["confirm_email"]
    assert "job_id" in _delete(ann, confirm_email=f" {ann.email.upper()} ")


def test_a_deleted_account_is_shut_at_once_and_answers_like_an_unknown_email(app, client):
    ann = Person(app, "ann")
    response = ann.browser.post("/api/account/delete", json={"password": PASSWORD}, headers=ann.headers)
    assert response.status_code == 202
    assert "loom_refresh=;" in response.headers.get("Set-Cookie", "")  # this browser's session is over
    unknown = client.post("/api/auth/login", json={"email": unique_email("nobody"), "password": PASSWORD})

    def refused_everywhere() -> None:
        assert ann.browser.get("/api/auth/me", headers=ann.headers).status_code == 401
        assert _delete(ann, 401, password=PASSWORD)["status"] == 401
        again = client.post("/api/auth/login", json={"email": ann.email, "password": PASSWORD})
        assert (again.status_code, again.get_json()) == (unknown.status_code, unknown.get_json())

    refused_everywhere()  # while the job has not run yet
    assert drain_job(app, response.get_json()["job_id"]) == JobStatus.DONE
    refused_everywhere()


def test_refresh_cookie_of_a_deleted_account_fails(app, client):
    ann = Person(app, "ann")
    other = app.test_client()  # another browser of Ann's, holding her refresh cookie
    other.set_cookie("loom_refresh", ann.browser.get_cookie("loom_refresh", path="/api/auth").value, path="/api/auth")
    assert other.post("/api/auth/refresh", json={}).status_code == 200
    _delete(ann, password=PASSWORD)
    assert other.post("/api/auth/refresh", json={}).status_code == 401


def test_every_unit_of_the_job_can_run_twice(app, client):
    """A crash can come between any unit's work and the record of it: doing it again is harmless."""
    ann, cat = Person(app, "ann"), Person(app, "cat")
    create_tenant(ann.browser, ann.headers, "x-ann-solo")
    create_blueprint(ann.browser, ann.headers, "x-ann-solo", columns=[*STOCK_COLUMNS, USER_COLUMN])
    create_entity(ann.browser, ann.headers, "x-ann-solo", "stock_item", type="BOX", handler=ann.id)
    solo_file = _export(ann, app, "x-ann-solo", "stock_item")
    create_tenant(cat.browser, cat.headers, "x-cat")
    _join_by_invitation(cat, ann, "x-cat", "editor")
    create_blueprint(cat.browser, cat.headers, "x-cat", columns=[*STOCK_COLUMNS, USER_COLUMN])
    create_entity(ann.browser, ann.headers, "x-cat", "stock_item", type="BOX", handler=ann.id)
    job_id = uuid.UUID(_delete(ann, password=PASSWORD)["job_id"])

    with app.app_context():  # the last unit renders the email
        finished = _run_each_unit_twice(job_id)
    assert finished
    assert len(_mails_to(ann.email)) == 1
    assert db.session.get(User, ann.id) is None and not _stored(app, solo_file)
    assert _sql("SELECT data FROM entities") == [({"type": "BOX", "qty": 1},)]

    # And the whole job once more from the start, as if it had never recorded anything.
    job = db.session.get(Job, job_id)
    job.params, job.state, job.status = {"user_id": ann.id}, {}, JobStatus.RUNNING
    db.session.commit()
    assert drain_job(app, job_id) == JobStatus.DONE
    assert len(_mails_to(ann.email)) == 1


def _run_each_unit_twice(job_id: uuid.UUID) -> bool:
    for _ in range(200):
        job = db.session.get(Job, job_id)
        before = (dict(job.params), dict(job.state), job.done, job.total)
        run_unit(db.session(), job)
        job.params, job.state, job.done, job.total = before
        finished = run_unit(db.session(), job)
        db.session.commit()
        if finished:
            break
    return finished


def test_a_failing_unit_is_tried_again_then_fails_the_job_without_personal_data(app, client):
    ann = Person(app, "ann")
    job_id = uuid.UUID(_delete(ann, password=PASSWORD)["job_id"])
    job = db.session.get(Job, job_id)
    job.state = {"phase": "purge", "doomed": ["not a workspace id"], "survivors": [], "at": 0, "table": 0}
    db.session.commit()
    statuses = []
    for _ in range(5):
        with app.app_context():
            statuses.append(run_one_step(db.session(), job_id))
            db.session.commit()
    assert statuses == [JobStatus.RUNNING] * 4 + [JobStatus.FAILED]
    job = db.session.get(Job, job_id)
    assert job.error == "DeletionFailed: The purge phase failed 5 times (ValueError)."
    assert db.session.get(User, ann.id) is not None and not db.session.get(User, ann.id).active
