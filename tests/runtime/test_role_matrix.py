"""Who may call what in a workspace: every tenant endpoint against every role.

The rule (docs/architecture.md): a member without the role gets 403 and nothing changes; anyone
who is not a member gets 404, as if the workspace did not exist. Each route states its own role
set (``open_tenant(..., READ | EDIT | MANAGE)`` or a check in its operation), so one wrong set is
easy to miss in review. MATRIX below is the policy in one table, and the app's URL map is walked:
a new tenant endpoint fails ``test_every_tenant_endpoint_is_in_the_matrix`` until it has a row.

Each endpoint is one test in a workspace with an owner, an admin, an editor and a viewer, plus a
non-member who owns another workspace; they sign up once per module and each test is rolled back
to a savepoint (``workspace``). The refused calls go first and must leave every table as it was;
then each allowed role calls, on a fresh object where the call uses one up (deleting, publishing,
doing a step), and must get a 2xx.

API keys are roles here too: one the owner made per key role (admin, editor, viewer), which may
call what a member of that role may, except managing keys, members and invitations (PEOPLE_ONLY,
403); and a key of the non-member's workspace, which gets 404 everywhere, as its owner does.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import re
from collections.abc import Callable
from datetime import timedelta
from functools import cached_property
from typing import Any

import pytest
from sqlalchemy import select, text

from core import clock, db
from core.identity.models import User
from runtime.flows.tasks import due_instances, fire_instance
from tests.engine.flows.test_decisions import TABLE as ROUTE_DMN
from tests.engine.flows.test_pools import TWO_POOLS
from tests.factories import (
    DELIVERY_COLUMNS,
    PASSWORD,
    STOCK_COLUMNS,
    add_member,
    create_blueprint,
    create_entity,
    create_flow,
    create_tenant,
    drawn_delivery,
    drawn_stock,
    register,
    signed_in_user,
    unique_email,
)
from tests.support.apikeys import create_api_key, key_headers
from tests.support.message_diagrams import started_by_order

PEOPLE = ("owner", "admin", "editor", "viewer", "non_member")
KEYS = {"key_admin": "admin", "key_editor": "editor", "key_viewer": "viewer"}  # made by the owner
OTHER_KEY = "key_elsewhere"  # an admin key of the non-member's workspace
ROLES = (*PEOPLE, *KEYS, OTHER_KEY)
OUTSIDERS = ("non_member", OTHER_KEY)  # they get 404
# Endpoints no API key may call, whatever its role.
PEOPLE_ONLY = re.compile(r"^\w+ /<slug>/(api-keys|invitations)\b|^(PATCH|DELETE) /<slug>/members/")
MANAGE = frozenset({"owner", "admin"})
EDIT = MANAGE | {"editor"}
READ = EDIT | {"viewer"}
SLUG = "matrix"
# Other flows of the Delivery blueprint: drawn, leaving status to the Delivery flow that owns it.
DRAWN = drawn_delivery(writes_status=False)
_numbers = itertools.count(1)
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")
# A blueprint and flow designed as steps of their own: Delivery's status belongs to the Delivery flow.
PARCEL_COLUMNS = [
    {"key": "title", "label": "Title", "type": "text"},
    {"key": "stage", "label": "Stage", "type": "choice", "options": ["OPEN", "DONE"]},
]


def parcel_steps(label: str = "Finish") -> dict[str, Any]:
    finish = {"id": "finish", "label": label, "from": ["OPEN"], "to": "DONE", "who": {"kind": "anyone"}}
    transition = {**finish, "form": [], "updates": [], "condition": None}
    return {"version": 1, "state": "stage", "initial": None, "transitions": [transition], "timers": []}


@dataclasses.dataclass
class Call:
    """What one role sends: values for the path's <parameters>, and a JSON body, query or form."""

    params: dict[str, Any] = dataclasses.field(default_factory=dict)
    json: Any = None
    query: dict[str, Any] | None = None
    form: dict[str, Any] | None = None


def sign_up_everyone(client: Any) -> dict[str, dict[str, str]]:
    """One member per role and a non-member who owns another workspace, and the API keys; their auth headers."""
    headers, emails = {}, {}
    for role in PEOPLE:
        emails[role], headers[role] = signed_in_user(client, role)
    create_tenant(client, headers["owner"], SLUG)
    for role in ("admin", "editor", "viewer"):
        add_member(SLUG, emails[role], role)
    create_tenant(client, headers["non_member"], f"{SLUG}-elsewhere")
    # The Delivery blueprint and its published flow (the template: steps on status), both with the key
    # ``delivery``.
    create_blueprint(client, headers["owner"], SLUG, name="Delivery", columns=DELIVERY_COLUMNS)
    create_flow(client, headers["owner"], SLUG, "delivery")
    for name, role in KEYS.items():
        headers[name] = key_headers(create_api_key(client, headers["owner"], SLUG, name=name, role=role))
    elsewhere = create_api_key(client, headers["non_member"], f"{SLUG}-elsewhere", name=OTHER_KEY, role="admin")
    headers[OTHER_KEY] = key_headers(elsewhere)
    return headers


class Workspace:
    """The signed-up people, and the objects the endpoints need, made on first use in each test."""

    def __init__(self, client: Any, headers: dict[str, dict[str, str]]) -> None:
        self.client = client
        self.headers = headers

    def send(self, role: str, method: str, rule: str, call: Call) -> Any:
        path = PARAMETER.sub(lambda m: str({"slug": SLUG, **call.params}[m.group(1)]), rule)
        kwargs: dict[str, Any] = {"query_string": call.query, "headers": self.headers[role]}
        if call.form is not None:
            kwargs.update(data=call.form, content_type="multipart/form-data")
        elif call.json is not None:
            kwargs["json"] = call.json
        return self.client.open(path, method=method, **kwargs)

    def owner(self, method: str, path: str, **kwargs: Any) -> Any:
        """The owner's call to ``/api/tenants/<slug>`` + ``path``, which must succeed; its JSON."""
        answer = self.client.open(f"/api/tenants/{SLUG}{path}", method=method, headers=self.headers["owner"], **kwargs)
        assert 200 <= answer.status_code < 300, (method, path, answer.get_json(silent=True))
        return answer.get_json(silent=True)

    # Things several endpoints share.
    def new_entity(self) -> dict[str, Any]:
        return create_entity(self.client, self.headers["owner"], SLUG, "delivery", deliver_from="Berlin")

    @cached_property
    def entity(self) -> str:
        return str(self.new_entity()["id"])

    def entity_version(self) -> int:
        return int(self.owner("GET", f"/entities/{self.entity}")["version"])

    def new_step(self, claimed_by: str | None = None) -> str:
        """A fresh waiting step (inbox item) of the Delivery flow, claimed by ``claimed_by`` if given."""
        entity = self.new_entity()
        [instance] = self.owner("GET", f"/entities/{entity['id']}/flows")["instances"]
        item = instance["waiting"][0]["id"]
        if claimed_by:
            claim = self.client.post(f"/api/tenants/{SLUG}/inbox/{item}/claim", headers=self.headers[claimed_by])
            assert claim.status_code == 200, claim.get_json()
        return str(item)

    @cached_property
    def v1_entities(self) -> list[dict[str, Any]]:
        """Records on version 1 of Delivery, made just before version 2 (one more column) was published."""
        entities = [self.new_entity() for _ in ROLES]
        lock = self.owner("GET", "/blueprints/delivery")["lock_version"]
        columns = [*DELIVERY_COLUMNS, {"key": "note", "label": "Note", "type": "text"}]
        draft = self.owner("PATCH", "/blueprints/delivery", json={"lock_version": lock, "draft": {"columns": columns}})
        self.owner("POST", "/blueprints/delivery/publish", json={"lock_version": draft["lock_version"]})
        return entities

    @property
    def delivery_v2(self) -> str:
        assert self.v1_entities is not None
        return "delivery"

    @cached_property
    def flow_v2(self) -> str:
        """The Delivery flow at version 2, with a record still running on version 1."""
        self.new_entity()
        flow = self.owner("GET", "/flows/delivery")
        xml = flow["draft"]["xml"].replace('name="Delivery started"', 'name="Delivery on its way"', 1)
        saved = self.owner("PATCH", "/flows/delivery", json={"lock_version": flow["lock_version"], "xml": xml})
        self.owner("POST", "/flows/delivery/publish", json={"lock_version": saved["lock_version"]})
        return "delivery"

    @cached_property
    def startable(self) -> list[str]:
        """Records made before the flow ``second`` was published, so it can be started by hand."""
        entities = [str(self.new_entity()["id"]) for _ in ROLES]
        create_flow(self.client, self.headers["owner"], SLUG, "delivery", name="Second", key="second", xml=DRAWN)
        return entities

    @cached_property
    def failed_instances(self) -> list[dict[str, str]]:
        """Stock records whose overdue timer ran a failing script: stopped, so retry may run them again."""
        headers = self.headers["owner"]
        create_blueprint(self.client, headers, SLUG, columns=STOCK_COLUMNS)
        xml = drawn_stock()
        end = '<bpmn:endEvent id="reminded" name="Late put-away noted">'
        xml = re.sub(
            f"{re.escape(end)}.*?</bpmn:endEvent>",
            '<bpmn:scriptTask id="note_late" name="Note lateness" scriptFormat="python">'
            "<bpmn:script>qty = 10 // 0</bpmn:script></bpmn:scriptTask>"
            '<bpmn:endEvent id="reminded" name="Late put-away noted" />'
            '<bpmn:sequenceFlow id="to_noted" sourceRef="note_late" targetRef="reminded" />',
            xml.replace('"stock_flow"', '"late_stock"'),
            flags=re.S,
        ).replace('sourceRef="put_away_due" targetRef="reminded"', 'sourceRef="put_away_due" targetRef="note_late"')
        create_flow(self.client, headers, SLUG, "stock_item", name="Stock", xml=xml)
        entities = {create_entity(self.client, headers, SLUG, "stock_item", type="BOX")["id"] for _ in ROLES}
        clock.travel(timedelta(days=1, minutes=1))
        try:  # what the periodic task does a day later
            for tenant_id, instance_id in due_instances(db.session()):
                fire_instance(db.session(), tenant_id, instance_id)
            db.session.commit()
        finally:
            clock.reset()
        stopped = [
            {"entity_id": entity, "instance_id": instance["id"]}
            for entity in entities
            for instance in self.owner("GET", f"/entities/{entity}/flows")["instances"]
            if instance["status"] == "failed"
        ]
        assert len(stopped) == len(ROLES), stopped
        return stopped

    # Fresh objects, for calls that use one up.
    def new_blueprint(self) -> dict[str, Any]:
        """An unpublished blueprint with a draft that can be published."""
        return self.owner("POST", "/blueprints", json={"name": unique_name("Draft"), "columns": STOCK_COLUMNS})

    def trashed_blueprint(self) -> str:
        blueprint = self.new_blueprint()
        self.owner("DELETE", f"/blueprints/{blueprint['key']}")
        return str(blueprint["id"])

    def trashed_entity(self) -> str:
        entity = self.new_entity()
        self.owner("DELETE", f"/entities/{entity['id']}")
        return str(entity["id"])

    def new_flow(self) -> dict[str, Any]:
        """An unpublished Delivery flow (no records in it, so it can be deleted)."""
        name = unique_name("Flow")
        return create_flow(self.client, self.headers["owner"], SLUG, "delivery", publish=False, name=name, xml=DRAWN)

    def lock(self, kind: str) -> int:
        """The current lock_version of the shared draft blueprint or flow."""
        key = self.draft_blueprint if kind == "blueprints" else self.draft_flow
        return int(self.owner("GET", f"/{kind}/{key}")["lock_version"])

    @cached_property
    def draft_blueprint(self) -> str:
        return str(self.new_blueprint()["key"])

    @cached_property
    def draft_flow(self) -> str:
        return str(self.new_flow()["key"])

    @cached_property
    def steps_flow(self) -> str:
        """An unpublished flow designed as steps, on a blueprint of its own."""
        create_blueprint(self.client, self.headers["owner"], SLUG, name="Parcel", columns=PARCEL_COLUMNS)
        flow = self.owner("POST", "/flows", json={"name": "Parcel", "blueprint": "parcel", "steps": parcel_steps()})
        return str(flow["key"])

    def new_member(self, role: str = "viewer") -> int:
        """Someone else in the workspace, for the calls that manage other members."""
        email = register(self.client, unique_email("target"))
        add_member(SLUG, email, role)
        return int(db.session.scalars(select(User.id).where(User.email == email)).one())

    @cached_property
    def member(self) -> int:
        return self.new_member()

    def invite(self) -> str:
        return str(self.owner("POST", "/invitations", json={"email": unique_email("invitee"), "role": "editor"})["id"])

    def new_api_key(self) -> str:
        body = {"name": unique_name("Key"), "role": "viewer", "password": PASSWORD}
        return str(self.owner("POST", "/api-keys", json=body)["id"])

    @cached_property
    def api_key(self) -> str:
        return self.new_api_key()

    @cached_property
    def export_job(self) -> str:
        return str(self.owner("POST", "/exports", json={"blueprint": "delivery"})["id"])

    def export_of(self, role: str) -> str:
        """An export job started by ``role`` (a job is readable by whoever started it, owners and admins)."""
        answer = self.client.post(
            f"/api/tenants/{SLUG}/exports", json={"blueprint": "delivery"}, headers=self.headers[role]
        )
        assert answer.status_code in (201, 202), answer.get_json()
        return str(answer.get_json()["id"])

    def upload(self) -> str:
        return str(self.owner("POST", "/imports", data=csv_upload(), content_type="multipart/form-data")["file_id"])

    def view(self, role: str) -> str:
        """A saved view of ``role`` (the owner's for outsiders: views are per person)."""
        author = "owner" if role in OUTSIDERS else role
        body = {"blueprint": "delivery", "name": unique_name("View"), "config": {}}
        answer = self.client.post(f"/api/tenants/{SLUG}/views", json=body, headers=self.headers[author])
        assert answer.status_code == 201, answer.get_json()
        return str(answer.get_json()["id"])


def unique_name(prefix: str) -> str:
    return f"{prefix} {next(_numbers)}"


def csv_upload() -> dict[str, Any]:
    return {"blueprint": "delivery", "file": (io.BytesIO(b"deliver_from\nBerlin\n"), "deliveries.csv")}


Make = Callable[[Workspace, str], Call]


@dataclasses.dataclass(frozen=True)
class Case:
    """The roles that may call an endpoint, and how a given role's call is made."""

    allowed: frozenset[str]
    make: Make = lambda w, r: Call()


def _delivery(w: Workspace, r: str) -> Call:
    return Call(query={"blueprint": "delivery"})


def _entity(w: Workspace, r: str) -> Call:
    return Call({"entity_id": w.entity})


def _migration(w: Workspace, r: str) -> Call:
    return Call({"key": w.delivery_v2}, {"from_version": 1, "to_version": 2})


def _moves(w: Workspace, r: str) -> Call:
    return Call({"key": w.flow_v2})


def _decision(r: str) -> dict[str, str]:
    """A decision table of its own for role ``r`` (the id is in the document)."""
    return {"xml": ROUTE_DMN.replace('decision id="route"', f'decision id="route_{r}"')}


def _saved_decision(w: Workspace, r: str) -> Call:
    w.owner("PUT", f"/flows/{w.draft_flow}/decisions/route_{r}", json=_decision(r))
    return Call({"key": w.draft_flow, "decision_id": f"route_{r}"})


_INBOUND = {"message_name": "order placed", "correlation": {"order_id": "order.id"}}


def _message_flow(w: Workspace) -> str:
    """A fresh published flow that starts on "order placed" (records made by hand never start it)."""
    xml = started_by_order("delivery")
    return str(create_flow(w.client, w.headers["owner"], SLUG, "delivery", name=unique_name("Flow"), xml=xml)["key"])


def _inbound_hook(w: Workspace, r: str) -> Call:
    """A fresh flow with an inbound hook of its own."""
    key = _message_flow(w)
    w.owner("POST", f"/flows/{key}/inbound-hook", json=_INBOUND)
    return Call({"key": key})


def _version_one(w: Workspace, r: str) -> Call:
    return Call({"key": "delivery", "number": 1})


def _import(w: Workspace, r: str) -> Call:
    return Call(
        {"file_id": w.upload()}, {"blueprint": "delivery", "rows": 1, "mapping": {"deliver_from": "deliver_from"}}
    )


def _reread(w: Workspace, r: str) -> Call:
    return Call({"file_id": w.upload()}, {"blueprint": "delivery", "encoding": "utf-8", "delimiter": ","})


def _hook_body() -> dict[str, Any]:
    return {"url": "https://93.184.215.14/hook", "event_types": ["record.created"]}


def _hook(w: Workspace) -> str:
    """A fresh hook endpoint of the owner's (to a public address; nothing is sent in these tests)."""
    return str(w.owner("POST", "/hooks/endpoints", json=_hook_body())["id"])


def _hook_message(w: Workspace) -> str:
    """A hook message (a test event to a fresh endpoint)."""
    return str(w.owner("POST", f"/hooks/endpoints/{_hook(w)}/test")["message_id"])


def _pools(r: str) -> list[dict[str, str]]:
    """Both pools of TWO_POOLS imported as Delivery flows named after the role."""
    return [{"process": p, "blueprint": "delivery", "name": f"{p.title()} by {r}"} for p in ("order", "delivery")]


# The policy: "METHOD rule" (the rule without its /api/tenants prefix) -> who may call it, and how
# role r's call is made (path values, body).
MATRIX: dict[str, Case] = {
    "GET /<slug>": Case(READ),
    "PATCH /<slug>": Case(MANAGE, lambda w, r: Call(json={"name": f"Renamed by {r}"})),
    "GET /<slug>/audit": Case(MANAGE),
    "GET /<slug>/api-keys": Case(MANAGE),
    "POST /<slug>/api-keys": Case(
        MANAGE, lambda w, r: Call(json={"name": f"By {r}", "role": "viewer", "password": PASSWORD})
    ),
    "GET /<slug>/api-keys/<uuid:key_id>": Case(MANAGE, lambda w, r: Call({"key_id": w.api_key})),
    "DELETE /<slug>/api-keys/<uuid:key_id>": Case(MANAGE, lambda w, r: Call({"key_id": w.new_api_key()})),
    "GET /<slug>/members": Case(READ),
    # Another member is the target: anyone may leave (test_any_member_may_leave...), not remove others.
    "PATCH /<slug>/members/<int:user_id>": Case(
        MANAGE, lambda w, r: Call({"user_id": w.member}, {"role": "viewer" if r == "admin" else "editor"})
    ),
    "DELETE /<slug>/members/<int:user_id>": Case(MANAGE, lambda w, r: Call({"user_id": w.new_member()})),
    "GET /<slug>/invitations": Case(MANAGE),
    "POST /<slug>/invitations": Case(MANAGE, lambda w, r: Call(json={"email": unique_email(r), "role": "editor"})),
    "DELETE /<slug>/invitations/<uuid:invitation_id>": Case(MANAGE, lambda w, r: Call({"invitation_id": w.invite()})),
    "GET /<slug>/blueprints": Case(READ),
    "POST /<slug>/blueprints": Case(MANAGE, lambda w, r: Call(json={"name": f"By {r}", "columns": STOCK_COLUMNS})),
    "GET /<slug>/blueprints/<key>": Case(READ, lambda w, r: Call({"key": w.draft_blueprint})),
    "PATCH /<slug>/blueprints/<key>": Case(
        MANAGE, lambda w, r: Call({"key": w.draft_blueprint}, {"lock_version": w.lock("blueprints"), "name": r})
    ),
    "DELETE /<slug>/blueprints/<key>": Case(MANAGE, lambda w, r: Call({"key": w.new_blueprint()["key"]})),
    "POST /<slug>/blueprints/<key>/publish": Case(
        MANAGE, lambda w, r: Call({"key": (b := w.new_blueprint())["key"]}, {"lock_version": b["lock_version"]})
    ),
    "GET /<slug>/blueprints/<key>/publish-preview": Case(MANAGE, lambda w, r: Call({"key": w.draft_blueprint})),
    "GET /<slug>/blueprints/<key>/versions/<int:number>": Case(READ, _version_one),
    "POST /<slug>/blueprints/<key>/migrations/preview": Case(MANAGE, _migration),
    "POST /<slug>/blueprints/<key>/migrations": Case(MANAGE, _migration),
    "GET /<slug>/entities": Case(READ, _delivery),
    "POST /<slug>/entities": Case(EDIT, lambda w, r: Call(json={"blueprint": "delivery", "data": {"deliver_from": r}})),
    "GET /<slug>/entities/<uuid:entity_id>": Case(READ, _entity),
    "PATCH /<slug>/entities/<uuid:entity_id>": Case(
        EDIT, lambda w, r: Call({"entity_id": w.entity}, {"version": w.entity_version(), "data": {"cargo": r}})
    ),
    "DELETE /<slug>/entities/<uuid:entity_id>": Case(
        EDIT, lambda w, r: Call({"entity_id": (e := w.new_entity())["id"]}, query={"version": e["version"]})
    ),
    "POST /<slug>/entities/<uuid:entity_id>/migrate": Case(
        EDIT,
        lambda w, r: Call({"entity_id": (e := w.v1_entities.pop())["id"]}, {"version": e["version"], "to_version": 2}),
    ),
    "GET /<slug>/entities/<uuid:entity_id>/flows": Case(READ, _entity),
    "GET /<slug>/entities/<uuid:entity_id>/connector-calls": Case(READ, _entity),
    "POST /<slug>/connector-secret": Case(MANAGE),
    "POST /<slug>/entities/<uuid:entity_id>/move": Case(
        EDIT, lambda w, r: Call({"entity_id": w.new_entity()["id"]}, {"to": "IN_PROGRESS"})
    ),
    "POST /<slug>/entities/move": Case(
        EDIT, lambda w, r: Call(json={"ids": [w.new_entity()["id"]], "to": "IN_PROGRESS"})
    ),
    "GET /<slug>/entities/move/targets": Case(READ, _delivery),
    "GET /<slug>/board": Case(READ, lambda w, r: Call(query={"blueprint": "delivery", "column": "status"})),
    "GET /<slug>/board/column": Case(
        READ, lambda w, r: Call(query={"blueprint": "delivery", "column": "status", "value": "PENDING"})
    ),
    "POST /<slug>/entities/<uuid:entity_id>/flows": Case(
        EDIT, lambda w, r: Call({"entity_id": w.startable.pop()}, {"flow": "second"})
    ),
    "POST /<slug>/entities/<uuid:entity_id>/flows/place": Case(
        MANAGE, lambda w, r: Call({"entity_id": w.new_entity()["id"]}, {"flow": "delivery"})
    ),
    "POST /<slug>/entities/<uuid:entity_id>/flows/<uuid:instance_id>/retry": Case(
        EDIT, lambda w, r: Call(w.failed_instances.pop())
    ),
    "GET /<slug>/flows": Case(READ),
    "POST /<slug>/flows": Case(
        MANAGE, lambda w, r: Call(json={"name": f"By {r}", "blueprint": "delivery", "xml": DRAWN})
    ),
    "POST /<slug>/flow-imports/pools": Case(MANAGE, lambda w, r: Call(json={"xml": TWO_POOLS})),
    "POST /<slug>/flow-imports": Case(MANAGE, lambda w, r: Call(json={"xml": TWO_POOLS, "pools": _pools(r)})),
    "GET /<slug>/flows/<key>": Case(READ, lambda w, r: Call({"key": w.draft_flow})),
    "PATCH /<slug>/flows/<key>": Case(
        MANAGE, lambda w, r: Call({"key": w.draft_flow}, {"lock_version": w.lock("flows"), "name": f"By {r}"})
    ),
    "DELETE /<slug>/flows/<key>": Case(MANAGE, lambda w, r: Call({"key": w.new_flow()["key"]})),
    "POST /<slug>/flows/<key>/publish": Case(
        MANAGE, lambda w, r: Call({"key": (f := w.new_flow())["key"]}, {"lock_version": f["lock_version"]})
    ),
    "GET /<slug>/flows/<key>/publish-preview": Case(MANAGE, lambda w, r: Call({"key": w.draft_flow})),
    "PUT /<slug>/flows/<key>/decisions/<decision_id>": Case(
        MANAGE, lambda w, r: Call({"key": w.draft_flow, "decision_id": f"route_{r}"}, _decision(r))
    ),
    "DELETE /<slug>/flows/<key>/decisions/<decision_id>": Case(MANAGE, _saved_decision),
    "GET /<slug>/flows/<key>/versions/<int:number>": Case(READ, _version_one),
    "GET /<slug>/flows/<key>/steps": Case(READ, lambda w, r: Call({"key": w.steps_flow})),
    "PUT /<slug>/flows/<key>/steps": Case(
        MANAGE,
        lambda w, r: Call(
            {"key": w.steps_flow},
            {"lock_version": w.owner("GET", f"/flows/{w.steps_flow}")["lock_version"], "steps": parcel_steps(r)},
        ),
    ),
    "POST /<slug>/flows/<key>/instance-migrations/preview": Case(MANAGE, _moves),
    "POST /<slug>/flows/<key>/instance-migrations": Case(MANAGE, _moves),
    "GET /<slug>/templates": Case(READ),
    "GET /<slug>/inbox": Case(READ),
    "GET /<slug>/inbox/count": Case(READ),
    "POST /<slug>/inbox/<uuid:item_id>/claim": Case(EDIT, lambda w, r: Call({"item_id": w.new_step()})),
    "POST /<slug>/inbox/<uuid:item_id>/unclaim": Case(
        EDIT, lambda w, r: Call({"item_id": w.new_step(claimed_by=r if r in EDIT else "owner")})
    ),
    "POST /<slug>/inbox/<uuid:item_id>/complete": Case(
        EDIT, lambda w, r: Call({"item_id": w.new_step()}, {"data": {}})
    ),
    # Exporting is reading: a viewer may page through the same records anyway.
    "POST /<slug>/exports": Case(READ, lambda w, r: Call(json={"blueprint": "delivery"})),
    "POST /<slug>/imports": Case(EDIT, lambda w, r: Call(form=csv_upload())),
    "POST /<slug>/imports/<uuid:file_id>/start": Case(EDIT, _import),
    "POST /<slug>/imports/<uuid:file_id>/check": Case(EDIT, _import),
    "POST /<slug>/imports/<uuid:file_id>/read": Case(EDIT, _reread),
    "GET /<slug>/jobs": Case(READ),
    # Each role reads the export it started; another member's job is 404 to editors and viewers (test_job_access).
    "GET /<slug>/jobs/<uuid:job_id>": Case(
        READ, lambda w, r: Call({"job_id": w.export_job if r in OUTSIDERS else w.export_of(r)})
    ),
    "GET /<slug>/trash": Case(MANAGE),
    "POST /<slug>/trash/<uuid:blueprint_id>/restore": Case(
        MANAGE, lambda w, r: Call({"blueprint_id": w.trashed_blueprint()}, {"mode": "undelete"})
    ),
    "DELETE /<slug>/trash/<uuid:blueprint_id>": Case(
        MANAGE, lambda w, r: Call({"blueprint_id": w.trashed_blueprint()})
    ),
    # Whoever may delete a record may bring it back; deleting it for good is for owners and admins.
    "GET /<slug>/trash/records": Case(EDIT),
    "POST /<slug>/trash/records/<uuid:entity_id>/restore": Case(
        EDIT, lambda w, r: Call({"entity_id": w.trashed_entity()})
    ),
    "DELETE /<slug>/trash/records/<uuid:entity_id>": Case(MANAGE, lambda w, r: Call({"entity_id": w.trashed_entity()})),
    # Saved views are each person's own grid settings: every member keeps theirs.
    "GET /<slug>/views": Case(READ, _delivery),
    "POST /<slug>/views": Case(READ, lambda w, r: Call(json={"blueprint": "delivery", "name": r, "config": {}})),
    "PATCH /<slug>/views/<uuid:view_id>": Case(
        READ, lambda w, r: Call({"view_id": w.view(r)}, {"name": f"Mine ({r})"})
    ),
    "DELETE /<slug>/views/<uuid:view_id>": Case(READ, lambda w, r: Call({"view_id": w.view(r)})),
    # Hooks (runtime/hooks): owners and admins only, reads included (URLs and the delivery log).
    # Messages from outside (runtime/messages): sending is an edit; the list, like a flow's inbound
    # hook and its secret, is for owners and admins.
    "POST /<slug>/messages": Case(EDIT, lambda w, r: Call(json={"name": "payment received", "correlation": {"id": r}})),
    "GET /<slug>/messages": Case(MANAGE),
    "POST /<slug>/signals": Case(EDIT, lambda w, r: Call(json={"name": "stop", "values": {"by": r}})),
    "GET /<slug>/flows/<key>/inbound-hook": Case(MANAGE, _inbound_hook),
    "POST /<slug>/flows/<key>/inbound-hook": Case(MANAGE, lambda w, r: Call({"key": _message_flow(w)}, _INBOUND)),
    "PATCH /<slug>/flows/<key>/inbound-hook": Case(
        MANAGE, lambda w, r: Call(_inbound_hook(w, r).params, {"correlation": {"order_id": f"order.{r}"}})
    ),
    "DELETE /<slug>/flows/<key>/inbound-hook": Case(MANAGE, _inbound_hook),
    "POST /<slug>/flows/<key>/inbound-hook/rotate-secret": Case(MANAGE, _inbound_hook),
    "GET /<slug>/hooks/events": Case(MANAGE),
    "GET /<slug>/hooks/endpoints": Case(MANAGE),
    "POST /<slug>/hooks/endpoints": Case(MANAGE, lambda w, r: Call(json=_hook_body())),
    "GET /<slug>/hooks/endpoints/<uuid:endpoint_id>": Case(MANAGE, lambda w, r: Call({"endpoint_id": _hook(w)})),
    "PATCH /<slug>/hooks/endpoints/<uuid:endpoint_id>": Case(
        MANAGE, lambda w, r: Call({"endpoint_id": _hook(w)}, {"description": f"By {r}"})
    ),
    "DELETE /<slug>/hooks/endpoints/<uuid:endpoint_id>": Case(MANAGE, lambda w, r: Call({"endpoint_id": _hook(w)})),
    "POST /<slug>/hooks/endpoints/<uuid:endpoint_id>/rotate-secret": Case(
        MANAGE, lambda w, r: Call({"endpoint_id": _hook(w)})
    ),
    "POST /<slug>/hooks/endpoints/<uuid:endpoint_id>/test": Case(MANAGE, lambda w, r: Call({"endpoint_id": _hook(w)})),
    "GET /<slug>/hooks/deliveries": Case(MANAGE),
    "GET /<slug>/hooks/attempts": Case(MANAGE),
    "GET /<slug>/hooks/messages/<uuid:message_id>": Case(MANAGE, lambda w, r: Call({"message_id": _hook_message(w)})),
    "POST /<slug>/hooks/messages/<uuid:message_id>/replay": Case(
        MANAGE, lambda w, r: Call({"message_id": _hook_message(w)}, {})
    ),
    "POST /<slug>/hooks/replay": Case(MANAGE, lambda w, r: Call(json={"since": "2026-01-01T00:00:00Z"})),
    "POST /<slug>/hooks/subscriptions": Case(
        MANAGE, lambda w, r: Call(json={"target_url": "https://93.184.215.14/zap", "event": "record.created"})
    ),
    "DELETE /<slug>/hooks/subscriptions/<uuid:subscription_id>": Case(
        MANAGE, lambda w, r: Call({"subscription_id": _hook(w)})
    ),
}


def allowed(endpoint: str) -> frozenset[str]:
    """The MATRIX row's members, and the keys whose role is among them (none for PEOPLE_ONLY)."""
    members = MATRIX[endpoint].allowed
    if PEOPLE_ONLY.search(endpoint):
        return members
    return members | {key for key, role in KEYS.items() if role in members}


def fingerprint() -> dict[str, str]:
    """A digest of every table's rows, to show a refused call changed nothing anywhere."""
    with db.session_factory() as session:
        tables = session.scalars(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'")
        ).all()
        digest = "md5(coalesce(string_agg(md5(t::text), ',' ORDER BY md5(t::text)), ''))"
        query = " UNION ALL ".join(f"SELECT '{name}', {digest} FROM \"{name}\" t" for name in tables)
        return {name: digest for name, digest in session.execute(text(query))}


@pytest.fixture(scope="module")
def module_transaction(app):
    """Signing up five people costs two seconds (argon2), so it happens once per module, in a
    transaction rolled back at the end; each test runs in a savepoint of it (see ``workspace``).
    Tests here must not use conftest's ``client``/``db_session``, which rebind the session."""
    engine = app.extensions["loom_engine"]
    connection = engine.connect()
    outer = connection.begin()
    db.session.remove()
    db.session_factory.configure(bind=connection, join_transaction_mode="create_savepoint")
    client = app.test_client()
    try:
        yield connection, client, sign_up_everyone(client)
    finally:
        db.session.remove()
        outer.rollback()
        connection.close()
        db.session_factory.configure(bind=engine, join_transaction_mode="conditional_savepoint")


@pytest.fixture()
def workspace(app, module_transaction, tmp_path, monkeypatch):
    """Everything a test writes, requests' commits included, is rolled back to this savepoint."""
    connection, client, headers = module_transaction
    monkeypatch.setitem(app.config, "LOOM", dataclasses.replace(app.config["LOOM"], storage_dir=str(tmp_path)))
    savepoint = connection.begin_nested()
    db.session.remove()
    try:
        yield Workspace(client, headers)
    finally:
        db.session.remove()
        savepoint.rollback()


def test_every_tenant_endpoint_is_in_the_matrix(app):
    endpoints = {
        f"{method} {rule.rule.removeprefix('/api/tenants')}"
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/tenants/<slug>")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert sorted(endpoints - MATRIX.keys()) == [], "tenant endpoints missing from MATRIX: say who may call them"
    assert sorted(MATRIX.keys() - endpoints) == [], "MATRIX rows for endpoints that no longer exist"


@pytest.mark.parametrize("endpoint", sorted(MATRIX))
def test_each_role_gets_what_the_matrix_allows(workspace, endpoint):
    method, rule = endpoint.split(" ", 1)
    rule = f"/api/tenants{rule}"
    case = MATRIX[endpoint]
    permitted = allowed(endpoint)
    refused = [role for role in ROLES if role not in permitted]
    calls = {role: case.make(workspace, role) for role in refused}
    wrong = {}
    before = fingerprint()
    for role in refused:
        answer = workspace.send(role, method, rule, calls[role])
        if answer.status_code != (404 if role in OUTSIDERS else 403):
            wrong[role] = (answer.status_code, answer.get_json(silent=True))
    after = fingerprint()
    changed = sorted(table for table, digest in after.items() if before.get(table) != digest)
    for role in ROLES:
        if role in permitted:
            answer = workspace.send(role, method, rule, case.make(workspace, role))
            if not 200 <= answer.status_code < 300:
                wrong[role] = (answer.status_code, answer.get_json(silent=True))
    assert wrong == {}, f"{endpoint}: answers that break the matrix, by role"
    assert changed == [], f"{endpoint}: refused calls changed these tables"


def test_any_member_may_leave_but_not_remove_others(workspace):
    for role in ("viewer", "editor"):
        me = workspace.client.get("/api/auth/me", headers=workspace.headers[role]).get_json()["id"]
        other = workspace.send(role, "DELETE", f"/api/tenants/{SLUG}/members/{workspace.member}", Call())
        assert other.status_code == 403, (role, other.get_json())
        left = workspace.send(role, "DELETE", f"/api/tenants/{SLUG}/members/{me}", Call())
        assert left.status_code == 204, (role, left.get_json())
        gone = workspace.send(role, "GET", f"/api/tenants/{SLUG}", Call())
        assert gone.status_code == 404, (role, gone.get_json())
