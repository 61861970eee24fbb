"""The person a task waits for is told: one email through the outbox (in their language, never
for a role-wide step, never to whoever just pressed, never once they turned it off, never for a
rolled-back step), and the count on the Inbox's badge, which is what the inbox lists for them."""

from __future__ import annotations

from sqlalchemy import select

from core import db
from core.errors import Invalid
from core.events import DomainEvent, subscribe, unsubscribe
from core.identity.models import User
from core.mail.models import OutboxMessage
from tests.factories import add_member, create_blueprint, create_entity, create_flow, create_tenant, signed_in_user

SLUG = "x-notify"
T = f"/api/tenants/{SLUG}"
COLUMNS = [
    {"key": "title", "label": "Title", "type": "text", "required": True},
    {"key": "driver", "label": "Driver", "type": "user"},
]
# Picked up (the record's driver) -> Checked (any editor) -> Signed (one member, by email).
FLOW = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:loom="http://loom.dev/schema/bpmn/1.0" id="d" targetNamespace="http://loom.dev/t">
  <bpmn:process id="pickup" isExecutable="true" loom:blueprint="parcel">
    <bpmn:startEvent id="start"><bpmn:outgoing>a</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="pick" name="Picked up">
      <bpmn:extensionElements><loom:transition label="Picked up" field="driver"/></bpmn:extensionElements>
      <bpmn:incoming>a</bpmn:incoming><bpmn:outgoing>b</bpmn:outgoing></bpmn:userTask>
    <bpmn:userTask id="check" name="Checked">
      <bpmn:extensionElements><loom:transition label="Checked" role="editor"/></bpmn:extensionElements>
      <bpmn:incoming>b</bpmn:incoming><bpmn:outgoing>c</bpmn:outgoing></bpmn:userTask>
    <bpmn:userTask id="sign" name="Signed">
      <bpmn:extensionElements><loom:transition label="Signed" member="SIGNER"/></bpmn:extensionElements>
      <bpmn:incoming>c</bpmn:incoming><bpmn:outgoing>d</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>d</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="pick"/>
    <bpmn:sequenceFlow id="b" sourceRef="pick" targetRef="check"/>
    <bpmn:sequenceFlow id="c" sourceRef="check" targetRef="sign"/>
    <bpmn:sequenceFlow id="d" sourceRef="sign" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>
"""


class Person:
    def __init__(self, client, name: str, role: str | None = "editor") -> None:
        self.email, self.headers = signed_in_user(client, name)
        if role:
            add_member(SLUG, self.email, role)
        self.id = db.session.scalars(select(User.id).where(User.email == self.email)).one()


def _workspace(client):
    owner = Person(client, "owner", role=None)
    create_tenant(client, owner.headers, SLUG, name="Acme Freight")
    create_blueprint(client, owner.headers, SLUG, name="Parcel", columns=COLUMNS)
    driver, signer, other = Person(client, "driver"), Person(client, "signer"), Person(client, "other")
    create_flow(client, owner.headers, SLUG, "parcel", name="Pickup", xml=FLOW.replace("SIGNER", signer.email))
    return owner, driver, signer, other


def _task_emails() -> list[OutboxMessage]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.template == "task_waiting").order_by(OutboxMessage.id)
        )
    )


def _waiting(client, person, entity_id):
    flows = client.get(f"{T}/entities/{entity_id}/flows", headers=person.headers).get_json()
    return [w for i in flows["instances"] for w in i["waiting"]]


def _press(client, person, entity_id):
    [item] = _waiting(client, person, entity_id)
    return client.post(f"{T}/inbox/{item['id']}/complete", json={}, headers=person.headers)


def test_the_person_in_the_records_column_gets_one_email_in_their_language(client):
    owner, driver, _, _ = _workspace(client)
    db.session.get(User, driver.id).language = "de"
    db.session.commit()
    parcel = create_entity(client, owner.headers, SLUG, "parcel", title="Books", driver=driver.id)

    [mail] = _task_emails()
    assert mail.recipient == driver.email
    assert mail.subject == "Eine Aufgabe wartet auf Sie: Picked up bei Books in Acme Freight"
    assert f"/t/{SLUG}/e/{parcel['id']}" in mail.text_body and f"/t/{SLUG}/e/{parcel['id']}" in mail.html_body
    assert "/account" in mail.text_body and "E-Mail, wenn eine Aufgabe auf mich wartet" in mail.text_body


def test_role_steps_email_nobody_and_a_members_step_emails_that_member(client):
    owner, driver, signer, _ = _workspace(client)
    parcel = create_entity(client, owner.headers, SLUG, "parcel", title="Books", driver=driver.id)
    assert [m.recipient for m in _task_emails()] == [driver.email]

    assert _press(client, driver, parcel["id"]).status_code == 200  # now Checked waits for any editor
    assert len(_task_emails()) == 1

    assert _press(client, owner, parcel["id"]).status_code == 200  # now Signed waits for the signer
    mails = _task_emails()
    assert [m.recipient for m in mails] == [driver.email, signer.email]
    assert mails[1].subject == "A task waits for you: Signed on Books in Acme Freight"
    assert "Email me when a task waits for me" in mails[1].text_body


def test_no_email_once_the_person_turned_it_off(client):
    owner, driver, _, _ = _workspace(client)
    assert client.get("/api/account", headers=driver.headers).get_json()["notify_tasks"] is True
    changed = client.patch("/api/account", json={"notify_tasks": False}, headers=driver.headers)
    assert changed.status_code == 200 and changed.get_json()["notify_tasks"] is False
    assert client.get("/api/account", headers=driver.headers).get_json() == {
        "email": driver.email,
        "language": None,
        "notify_tasks": False,
    }
    create_entity(client, owner.headers, SLUG, "parcel", title="Books", driver=driver.id)
    assert _task_emails() == []

    assert client.patch("/api/account", json={"notify_tasks": True}, headers=driver.headers).status_code == 200
    create_entity(client, owner.headers, SLUG, "parcel", title="Plates", driver=driver.id)
    assert [m.recipient for m in _task_emails()] == [driver.email]


def test_the_account_settings_refuse_what_they_do_not_know(client):
    _, headers = signed_in_user(client, "someone")
    assert client.patch("/api/account", json={}, headers=headers).status_code == 422
    bad = client.patch("/api/account", json={"notify_tasks": "maybe"}, headers=headers)
    assert bad.status_code == 422 and "notify_tasks" in bad.get_json()["errors"]
    assert client.get("/api/account").status_code == 401


def test_no_email_to_whoever_pressed(client):
    _, driver, _, _ = _workspace(client)
    # The driver makes the record naming themselves: the step is theirs, and they know.
    create_entity(client, driver.headers, SLUG, "parcel", title="Books", driver=driver.id)
    assert _task_emails() == []


def test_no_email_to_someone_who_could_not_do_the_step(client):
    owner, _, _, _ = _workspace(client)
    viewer = Person(client, "viewer", role="viewer")
    create_entity(client, owner.headers, SLUG, "parcel", title="Books", driver=viewer.id)
    assert _task_emails() == []


def test_a_rolled_back_step_sends_nothing(client):
    owner, driver, signer, _ = _workspace(client)
    parcel = create_entity(client, owner.headers, SLUG, "parcel", title="Books", driver=driver.id)
    assert _press(client, driver, parcel["id"]).status_code == 200
    before = len(_task_emails())
    queued: list[str] = []

    def fail_after_the_email_is_queued(db_session, event: DomainEvent) -> None:
        # transition.completed comes after the new task's email went to the outbox, in the same transaction.
        queued.extend(
            db_session.scalars(select(OutboxMessage.recipient).where(OutboxMessage.template == "task_waiting"))
        )
        raise Invalid({"flow": ["Something later in the step failed."]})

    subscribe("transition.completed", fail_after_the_email_is_queued)
    try:
        refused = _press(client, owner, parcel["id"])
    finally:
        unsubscribe("transition.completed", fail_after_the_email_is_queued)
    assert refused.status_code == 422
    assert signer.email in queued  # it was written, then rolled back with the step
    assert len(_task_emails()) == before
    assert [w["label"] for w in _waiting(client, owner, parcel["id"])] == ["Checked"]


def test_the_badge_counts_what_the_inbox_lists_for_me(client):
    owner, driver, signer, other = _workspace(client)
    first = create_entity(client, owner.headers, SLUG, "parcel", title="Books", driver=driver.id)
    create_entity(client, owner.headers, SLUG, "parcel", title="Plates", driver=driver.id)
    create_entity(client, owner.headers, SLUG, "parcel", title="Cups")  # nobody in Driver: for nobody
    for person, expected in ((driver, 2), (other, 0), (signer, 0), (owner, 0)):
        count = client.get(f"{T}/inbox/count", headers=person.headers)
        assert count.status_code == 200 and count.get_json() == {"count": expected, "more": False}
        mine = client.get(f"{T}/inbox?assignee=me", headers=person.headers).get_json()["items"]
        assert len(mine) == expected

    assert _press(client, driver, first["id"]).status_code == 200
    assert _press(client, owner, first["id"]).status_code == 200  # Signed now waits for the signer, by email
    assert client.get(f"{T}/inbox/count", headers=signer.headers).get_json()["count"] == 1
    mine = client.get(f"{T}/inbox?assignee=me", headers=signer.headers).get_json()["items"]
    assert [i["label"] for i in mine] == ["Signed"]
    assert client.get(f"{T}/inbox/count", headers=driver.headers).get_json()["count"] == 1


REFUSING = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="r" targetNamespace="http://loom.dev/t">
  <bpmn:process id="gate" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>a</bpmn:outgoing></bpmn:startEvent>
    <bpmn:scriptTask id="no" name="Refuse"><bpmn:incoming>a</bpmn:incoming><bpmn:outgoing>b</bpmn:outgoing>
      <bpmn:script>refuse("Parcels are closed today.")</bpmn:script></bpmn:scriptTask>
    <bpmn:endEvent id="end"><bpmn:incoming>b</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="no"/>
    <bpmn:sequenceFlow id="b" sourceRef="no" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>
"""


def test_an_imported_row_whose_flows_are_undone_emails_nobody(app, client, tmp_path):
    """One flow waits for the row's driver at once, another refuses to start: the row's flows are
    undone, and the driver hears nothing of the task that never stood."""
    import dataclasses
    import io

    from core.jobs.models import JobStatus
    from runtime.flows.models import InboxItem
    from tests.factories import drain_job

    settings = app.config["LOOM"]
    app.config["LOOM"] = dataclasses.replace(settings, storage_dir=str(tmp_path))
    try:
        owner, driver, _, _ = _workspace(client)
        create_flow(client, owner.headers, SLUG, "parcel", name="Gate", xml=REFUSING)
        info = client.post(
            f"{T}/imports",
            data={"blueprint": "parcel", "file": (io.BytesIO(f"Title,Driver\nPiano,{driver.id}\n".encode()), "p.csv")},
            headers=owner.headers,
            content_type="multipart/form-data",
        ).get_json()
        started = client.post(
            f"{T}/imports/{info['file_id']}/start",
            json={"blueprint": "parcel", "rows": info["rows"], "mapping": info["mapping"]},
            headers=owner.headers,
        )
        assert drain_job(app, started.get_json()["id"]) == JobStatus.DONE
        job = client.get(f"{T}/jobs/{started.get_json()['id']}", headers=owner.headers).get_json()
    finally:
        app.config["LOOM"] = settings
    assert job["result"]["created"] == 1 and "Parcels are closed today." in str(job["result"]["errors"])
    db.session.expire_all()
    assert db.session.scalars(select(InboxItem).execution_options(all_tenants=True)).all() == []
    assert _task_emails() == []
