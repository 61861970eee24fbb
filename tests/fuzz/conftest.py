"""A workspace for the fuzz tests: an owner with one of every object the API's paths name, and a
super admin for /api/admin.

It is built once per module inside a transaction that is rolled back at the end, and every
call the fuzzers make runs in a savepoint of it that is rolled back right after (``rolled_back``),
so each call meets the same objects. That is why no endpoint is left out: deleting the workspace
or the owner's account, signing out, ending a session or changing the password only last for
that call (sessions and tokens are checked against the database; rate limits are off in tests).
"""

from __future__ import annotations

import dataclasses
import functools
import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from core import db
from core.identity.models import User
from tests.factories import (
    DELIVERY_COLUMNS,
    STOCK_COLUMNS,
    add_member,
    create_blueprint,
    create_entity,
    create_flow,
    create_tenant,
    hardened_admin,
    register,
    sign_in,
    signed_in_user,
    unique_email,
)
from tests.support.apikeys import create_api_key

SLUG = "fuzz"
# One column of each type, for the bad values each type must refuse.
EVERY_TYPE = [
    {"key": "text", "label": "Text", "type": "text"},
    {"key": "long_text", "label": "Long text", "type": "long_text"},
    {"key": "integer", "label": "Integer", "type": "integer"},
    {"key": "decimal", "label": "Decimal", "type": "decimal"},
    {"key": "boolean", "label": "Boolean", "type": "boolean"},
    {"key": "date", "label": "Date", "type": "date"},
    {"key": "datetime", "label": "Date and time", "type": "datetime"},
    {"key": "choice", "label": "Choice", "type": "choice", "options": ["A", "B"]},
    {"key": "choices", "label": "Choices", "type": "choices", "options": ["A", "B"]},
    {"key": "email", "label": "Email", "type": "email"},
    {"key": "url", "label": "Web address", "type": "url"},
    {"key": "phone", "label": "Phone", "type": "phone"},
    {"key": "reference", "label": "Delivery", "type": "reference", "reference": "delivery"},
    {"key": "user", "label": "Member", "type": "user"},
]


@dataclasses.dataclass
class FuzzWorkspace:
    """The owner's headers, and a real value for each path parameter of the API."""

    client: Any
    connection: Any
    headers: dict[str, str]
    admin_headers: dict[str, str]
    email: str
    ids: dict[str, Any]
    trashed_blueprint: str
    trashed_entity: str
    everything: dict[str, Any]

    def headers_for(self, path: str, secured: bool) -> dict[str, str]:
        """The admin's token for /api/admin, the owner's for the rest; none for signed-out endpoints."""
        if not secured:
            return {}
        return self.admin_headers if path.startswith("/api/admin/") else self.headers

    def path_values(self, path: str) -> dict[str, Any]:
        """Real values for the parameters of ``path`` (an OpenAPI path template)."""
        values = dict(self.ids)
        if "/trash/records/" in path:
            values["entity_id"] = self.trashed_entity
        if "/trash/" in path:
            values["blueprint_id"] = self.trashed_blueprint
        if path.endswith(("/entities/{entity_id}", "/migrate")):  # the record with a column of each type
            values["entity_id"] = self.everything["id"]
        if "/hooks/subscriptions/" in path:
            values["subscription_id"] = self.ids["endpoint_id"]
        return values

    def body_values(self, path: str) -> dict[str, Any]:
        """Real values for the fields of bodies (and queries) that name objects or versions."""
        flows = "/flows/" in path and "/entities/" not in path
        return {
            "blueprint": "everything" if "/entities" in path else "delivery",
            "flow": "delivery",
            "version": self.everything["version"] if "/entities" in path else 1,
            "lock_version": self.ids["flow_lock" if flows else "blueprint_lock"],
            "from_version": 1,
            "to_version": 1,
            "endpoint_id": self.ids["endpoint_id"],
        }

    @contextmanager
    def rolled_back(self) -> Iterator[None]:
        """Everything written inside, requests' commits included, is undone on the way out."""
        savepoint = self.connection.begin_nested()
        db.session.remove()
        try:
            yield
        finally:
            db.session.remove()
            savepoint.rollback()


@functools.cache
def openapi_document() -> dict[str, Any]:
    """The app's OpenAPI document, for collecting one test per operation. An app made only for
    this: building the document needs no database, and the tests run against ``app``."""
    from runtime.app import create_app

    document: dict[str, Any] = create_app("testing").test_client().get("/api/openapi.json").get_json()
    return document


def owner_call(client: Any, headers: dict[str, str], method: str, path: str, **kwargs: Any) -> Any:
    answer = client.open(f"/api/tenants/{SLUG}{path}", method=method, headers=headers, **kwargs)
    assert 200 <= answer.status_code < 300, (method, path, answer.get_json(silent=True))
    return answer.get_json(silent=True)


def build_workspace(client: Any) -> dict[str, Any]:
    """Sign up an owner and make one of each object; the owner's headers and the objects' ids."""
    email, headers = signed_in_user(client, "fuzz-owner")
    sign_in(client.application.test_client(), email)  # another session, for DELETE /api/auth/sessions/{id}

    def call(method: str, path: str, **kwargs: Any) -> Any:
        return owner_call(client, headers, method, path, **kwargs)

    create_tenant(client, headers, SLUG)
    create_blueprint(client, headers, SLUG, name="Delivery", columns=DELIVERY_COLUMNS)
    create_blueprint(client, headers, SLUG, columns=STOCK_COLUMNS)
    create_blueprint(client, headers, SLUG, name="Everything", columns=EVERY_TYPE)
    create_flow(client, headers, SLUG, "delivery")
    entity = create_entity(client, headers, SLUG, "delivery", deliver_from="Berlin", cargo="Tea")
    create_entity(client, headers, SLUG, "stock_item", type="BOX", qty=3, weight="1.5")
    [instance] = call("GET", f"/entities/{entity['id']}/flows")["instances"]
    trashed_entity = create_entity(client, headers, SLUG, "delivery", deliver_from="Bonn")["id"]
    call("DELETE", f"/entities/{trashed_entity}")
    draft = call("POST", "/blueprints", json={"name": "Gone", "columns": STOCK_COLUMNS})
    call("DELETE", f"/blueprints/{draft['key']}")
    member_email = register(client, unique_email("fuzz-member"))
    add_member(SLUG, member_email, "viewer")
    member = db.session.scalars(select(User.id).where(User.email == member_email)).one()
    endpoint = call(
        "POST", "/hooks/endpoints", json={"url": "https://93.184.215.14/hook", "event_types": ["record.created"]}
    )
    message = call("POST", f"/hooks/endpoints/{endpoint['id']}/test")
    upload = {"blueprint": "delivery", "file": (io.BytesIO(b"deliver_from\nBerlin\n"), "deliveries.csv")}
    sessions = client.get("/api/auth/sessions", headers=headers).get_json()["items"]
    other_session = next(s["id"] for s in sessions if not s.get("current"))
    everything = create_entity(client, headers, SLUG, "everything", text="Hello", integer=1)
    _, admin_headers = hardened_admin(client.application, client.application.test_client())
    invitation = call("POST", "/invitations", json={"email": unique_email("fuzz-invitee"), "role": "editor"})
    ids = {
        "slug": SLUG,
        "key": "delivery",
        "number": 1,
        "entity_id": entity["id"],
        "instance_id": instance["id"],
        "item_id": instance["waiting"][0]["id"],
        "user_id": member,
        "invitation_id": invitation["id"],
        "key_id": create_api_key(client, headers, SLUG, name="Fuzz key", role="viewer")["id"],
        "view_id": call("POST", "/views", json={"blueprint": "delivery", "name": "Mine", "config": {}})["id"],
        "endpoint_id": endpoint["id"],
        "message_id": message["message_id"],
        "job_id": call("POST", "/exports", json={"blueprint": "delivery"})["id"],
        "file_id": call("POST", "/imports", data=upload, content_type="multipart/form-data")["file_id"],
        "session_id": other_session,
        "blueprint_lock": call("GET", "/blueprints/delivery")["lock_version"],
        "flow_lock": call("GET", "/flows/delivery")["lock_version"],
    }
    return {
        "headers": headers,
        "admin_headers": admin_headers,
        "email": email,
        "everything": everything,
        "ids": ids,
        "trashed_blueprint": str(draft["id"]),
        "trashed_entity": str(trashed_entity),
    }


@pytest.fixture(scope="module")
def fuzz_workspace(app: Flask, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzWorkspace]:
    """The workspace, built in a transaction rolled back when the module ends. Tests using it must
    not use conftest's ``client``/``db_session``, which rebind the session."""
    settings = app.config["LOOM"]
    app.config["LOOM"] = dataclasses.replace(settings, storage_dir=str(tmp_path_factory.mktemp("fuzz-storage")))
    engine = app.extensions["loom_engine"]
    connection = engine.connect()
    outer = connection.begin()
    db.session.remove()
    db.session_factory.configure(bind=connection, join_transaction_mode="create_savepoint")
    client = app.test_client()
    try:
        built = build_workspace(client)
        yield FuzzWorkspace(
            client=client,
            connection=connection,
            headers=built["headers"],
            admin_headers=built["admin_headers"],
            email=built["email"],
            everything=built["everything"],
            ids=built["ids"],
            trashed_blueprint=built["trashed_blueprint"],
            trashed_entity=built["trashed_entity"],
        )
    finally:
        db.session.remove()
        outer.rollback()
        connection.close()
        db.session_factory.configure(bind=engine, join_transaction_mode="conditional_savepoint")
        app.config["LOOM"] = settings
