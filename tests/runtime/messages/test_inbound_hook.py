"""A flow's inbound hook: made, renewed and deleted by owners and admins, its secret shown once
and kept encrypted; a request signed the Standard Webhooks way becomes the flow's message, and a
missing or wrong signature, an old timestamp, a replayed webhook-id or an oversized body is
refused with nothing kept."""

from __future__ import annotations

import dataclasses
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from standardwebhooks.webhooks import Webhook

from core import db
from runtime.messages import tasks
from runtime.messages.inbound_models import FlowInboundHook, InboundReceipt
from runtime.messages.models import FlowMessage
from tests.factories import create_blueprint, create_entity, create_flow, create_tenant, delivery_tenant, signed_in_user
from tests.runtime.messages.test_api import ORDER_COLUMNS, WAITS_FOR_PAYMENT
from tests.support.message_diagrams import waits_for_payment

SLUG = "x-inbound"
HOOK = f"/api/tenants/{SLUG}/flows/payment/inbound-hook"
CONFIG = {"message_name": "payment received", "correlation": {"order_id": "order.id"}, "values": {"amount": "amount"}}


@pytest.fixture()
def owner(client):
    """A workspace with the Delivery flow, and the Payment flow that waits for "payment received"."""
    headers = delivery_tenant(client, SLUG)
    create_blueprint(client, headers, SLUG, name="Order", columns=ORDER_COLUMNS)
    create_flow(client, headers, SLUG, "order", name="Payment", xml=WAITS_FOR_PAYMENT)
    return headers


@pytest.fixture()
def hook(client, owner):
    made = client.post(HOOK, json=CONFIG, headers=owner)
    assert made.status_code == 201, made.get_json()
    return made.get_json()


def signed(secret: str, body: bytes, *, msg_id: str | None = None, at: datetime | None = None) -> dict[str, str]:
    """The three Standard Webhooks headers, made by the reference library as a sender would."""
    msg_id = msg_id or f"msg_{uuid.uuid4().hex}"
    at = (at or datetime.now(UTC)).replace(microsecond=0)
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": Webhook(secret).sign(msg_id, at, body),
        "Content-Type": "application/json",
    }


def path_of(hook: dict[str, Any]) -> str:
    return "/api/hooks/inbound/" + hook["url"].rsplit("/", 1)[1]


def post(client, hook: dict[str, Any], body: bytes, headers: dict[str, str]) -> Any:
    return client.post(path_of(hook), data=body, headers=headers)


def kept() -> tuple[int, int]:
    """How many messages and receipts exist (in any workspace)."""
    session = db.session()
    messages = session.scalar(select(func.count()).select_from(FlowMessage).execution_options(all_tenants=True))
    receipts = session.scalar(select(func.count()).select_from(InboundReceipt).execution_options(all_tenants=True))
    return int(messages or 0), int(receipts or 0)


BODY = json.dumps({"order": {"id": "A-17"}, "amount": 12.5, "note": "ignored"}).encode()


def test_the_hook_is_made_shown_renewed_and_deleted(client, owner, hook):
    assert hook["secret"].startswith("whsec_")
    assert hook["url"].endswith(path_of(hook)) and len(path_of(hook).rsplit("/", 1)[1]) >= 40
    assert {k: hook[k] for k in CONFIG} == CONFIG
    row = db.session.scalars(select(FlowInboundHook).execution_options(all_tenants=True)).one()
    assert hook["secret"] not in row.secret  # encrypted at rest

    shown = client.get(HOOK, headers=owner).get_json()
    assert "secret" not in shown and shown["url"] == hook["url"]
    assert client.post(HOOK, json=CONFIG, headers=owner).status_code == 409  # one per flow

    changed = client.patch(HOOK, json={"values": None}, headers=owner).get_json()
    assert changed["values"] is None and changed["correlation"] == CONFIG["correlation"]

    renewed = client.post(f"{HOOK}/rotate-secret", headers=owner).get_json()["secret"]
    assert renewed.startswith("whsec_") and renewed != hook["secret"]
    assert post(client, hook, BODY, signed(hook["secret"], BODY)).status_code == 401  # the old one stops at once
    assert post(client, hook, BODY, signed(renewed, BODY)).status_code == 202

    assert client.delete(HOOK, headers=owner).status_code == 204
    assert client.get(HOOK, headers=owner).status_code == 404
    assert post(client, hook, BODY, signed(renewed, BODY)).status_code == 404


def test_a_signed_request_becomes_the_flows_message(client, owner, hook):
    answer = post(client, hook, BODY, signed(hook["secret"], BODY))
    assert answer.status_code == 202, answer.get_json()
    body = answer.get_json()
    assert body["status"] == "unmatched" and body["matched"] == []  # no record waits for it yet
    message = db.session.scalars(select(FlowMessage).execution_options(all_tenants=True)).one()
    assert str(message.id) == body["id"]
    assert (message.kind, message.name, message.source) == ("message", "payment received", "hook:payment")
    assert message.correlation == {"order_id": "A-17"} and message.values == {"amount": 12.5}
    listed = client.get(f"/api/tenants/{SLUG}/messages?status=unmatched", headers=owner).get_json()
    assert [item["id"] for item in listed["items"]] == [body["id"]]


def test_without_a_values_mapping_every_top_level_member_is_a_value(client, owner, hook):
    client.patch(HOOK, json={"values": None}, headers=owner)
    assert post(client, hook, BODY, signed(hook["secret"], BODY)).status_code == 202
    message = db.session.scalars(select(FlowMessage).execution_options(all_tenants=True)).one()
    assert message.values == {"order": {"id": "A-17"}, "amount": 12.5, "note": "ignored"}


def test_a_wrong_signature_is_refused_and_nothing_is_kept(client, hook):
    other = "whsec_" + "QUJD" * 8
    for headers in (
        signed(other, BODY),  # another secret
        {**signed(hook["secret"], BODY), "webhook-signature": "v1,bm90IGEgc2lnbmF0dXJl"},
        {**signed(hook["secret"], b"{}")},  # signed another body
    ):
        answer = post(client, hook, BODY, headers)
        assert answer.status_code == 401, answer.get_json()
        assert answer.mimetype == "application/problem+json" and "webhook-signature" in answer.get_json()["detail"]
    assert kept() == (0, 0)


def test_missing_headers_are_refused(client, hook):
    headers = signed(hook["secret"], BODY)
    for name in ("webhook-id", "webhook-timestamp", "webhook-signature"):
        partial = {key: value for key, value in headers.items() if key != name}
        answer = post(client, hook, BODY, partial)
        assert answer.status_code == 401, (name, answer.get_json())
    assert post(client, hook, BODY, {**headers, "webhook-timestamp": "soon"}).status_code == 401
    assert post(client, hook, BODY, {**headers, "webhook-timestamp": "9" * 40}).status_code == 401
    assert kept() == (0, 0)


def test_a_timestamp_over_five_minutes_away_is_refused(client, hook):
    now = datetime.now(UTC)
    for at in (now - timedelta(minutes=6), now + timedelta(minutes=6)):
        answer = post(client, hook, BODY, signed(hook["secret"], BODY, at=at))
        assert answer.status_code == 401 and "5 minutes" in answer.get_json()["detail"]
    assert post(client, hook, BODY, signed(hook["secret"], BODY, at=now - timedelta(minutes=4))).status_code == 202


def test_a_replayed_webhook_id_is_refused(client, hook):
    headers = signed(hook["secret"], BODY, msg_id="msg_once")
    assert post(client, hook, BODY, headers).status_code == 202
    again = post(client, hook, BODY, headers)
    assert again.status_code == 409 and "webhook-id" in again.get_json()["detail"]
    assert kept() == (1, 1)


def test_a_refused_request_is_not_remembered_so_its_sender_may_retry(client, owner, hook):
    lacking = json.dumps({"amount": 3}).encode()  # no order.id: the correlation key is missing
    headers = signed(hook["secret"], lacking, msg_id="msg_retry")
    answer = post(client, hook, lacking, headers)
    assert answer.status_code == 422 and "order.id" in json.dumps(answer.get_json()["errors"])
    assert kept() == (0, 0)
    client.patch(HOOK, json={"correlation": {}}, headers=owner)
    assert post(client, hook, lacking, headers).status_code == 202


def test_bad_bodies_are_refused_naming_where(client, hook):
    for body, field in (
        (b"[1, 2]", "body"),
        (json.dumps({"order": {"id": "A"}, "amount": 2**60}).encode(), "values.amount"),
        (json.dumps({"order": {"id": "A\u0000"}}).encode(), "order.id"),
    ):
        answer = post(client, hook, body, signed(hook["secret"], body))
        assert answer.status_code in (400, 422), answer.get_json()
        assert field in answer.get_json()["errors"], (field, answer.get_json())
    assert kept() == (0, 0)


def test_a_body_over_the_limit_is_refused(app, client, hook, monkeypatch):
    settings = dataclasses.replace(app.config["LOOM"], inbound_hook_max_bytes=64)
    monkeypatch.setitem(app.config, "LOOM", settings)
    body = json.dumps({"order": {"id": "A-17"}, "note": "x" * 100}).encode()
    answer = post(client, hook, body, signed(hook["secret"], body))
    assert answer.status_code == 413 and "64 bytes" in answer.get_json()["detail"]
    assert kept() == (0, 0)


def test_an_unknown_address_is_404(client, hook):
    body = b"{}"
    answer = client.post("/api/hooks/inbound/nothing-here", data=body, headers=signed(hook["secret"], body))
    assert answer.status_code == 404 and answer.mimetype == "application/problem+json"


def test_hook_settings_are_checked(client, owner):
    answer = client.post(HOOK, json={"message_name": "", "correlation": {"order id": "order..id"}}, headers=owner)
    assert answer.status_code == 422
    errors = answer.get_json()["errors"]
    assert "message_name" in errors and "correlation.order id" in errors


def test_signed_requests_are_rate_limited_per_hook(app, client, hook, monkeypatch):
    monkeypatch.setitem(app.config, "LOOM_RATE_LIMITS_ENABLED", True)
    monkeypatch.setitem(app.config, "LOOM_RATE_LIMITS", {**app.config["LOOM_RATE_LIMITS"], "INBOUND_HOOK": "2/minute"})
    other = "whsec_" + "QUJD" * 8
    for _ in range(3):  # unsigned requests use up nothing of the sender's allowance
        assert post(client, hook, BODY, signed(other, BODY)).status_code == 401
    assert [post(client, hook, BODY, signed(hook["secret"], BODY)).status_code for _ in range(2)] == [202, 202]
    refused = post(client, hook, BODY, signed(hook["secret"], BODY))
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert "inbound hook" in refused.get_json()["detail"]
    assert kept() == (2, 2)


def test_the_message_reaches_the_record_waiting_with_the_bodys_values(client):
    _, owner = signed_in_user(client, "inbound")
    create_tenant(client, owner, "x-inbound-orders")
    create_blueprint(client, owner, "x-inbound-orders", name="Order", columns=ORDER_COLUMNS)
    create_flow(client, owner, "x-inbound-orders", "order", name="Payment", xml=WAITS_FOR_PAYMENT)
    waiting = create_entity(client, owner, "x-inbound-orders", "order", order_id="A-17")
    create_entity(client, owner, "x-inbound-orders", "order", order_id="B-2")
    made = client.post("/api/tenants/x-inbound-orders/flows/payment/inbound-hook", json=CONFIG, headers=owner)
    assert made.status_code == 201, made.get_json()
    answer = post(client, made.get_json(), BODY, signed(made.get_json()["secret"], BODY))
    assert answer.status_code == 202, answer.get_json()
    assert answer.get_json()["status"] == "pending" and answer.get_json()["matched"] == [waiting["id"]]


def test_the_message_name_must_be_one_the_published_flow_waits_for(client, owner):
    answer = client.post(HOOK, json={**CONFIG, "message_name": "payment recieved"}, headers=owner)
    assert answer.status_code == 422 and answer.mimetype == "application/problem+json"
    problem = answer.get_json()
    [reason] = problem["errors"]["message_name"]
    assert '"payment recieved"' in reason and '"payment received"' in reason
    assert problem["names"] == ["payment received"]
    delivery = client.post(f"/api/tenants/{SLUG}/flows/delivery/inbound-hook", json=CONFIG, headers=owner)
    assert delivery.status_code == 422 and delivery.get_json()["names"] == []  # waits for no message at all
    assert "receive task" in delivery.get_json()["errors"]["message_name"][0]
    draft = create_flow(client, owner, SLUG, "order", publish=False, name="Draft", xml=WAITS_FOR_PAYMENT)
    unpublished = client.post(f"/api/tenants/{SLUG}/flows/{draft['key']}/inbound-hook", json=CONFIG, headers=owner)
    assert unpublished.status_code == 422 and "Publish the flow first" in unpublished.get_json()["detail"]


def test_a_hooks_settings_are_changed_and_a_wrong_name_changes_nothing(client, owner, hook):
    changed = client.patch(
        HOOK, json={"correlation": {"order_id": "data.order"}, "values": {"amount": "data.total"}}, headers=owner
    )
    assert changed.status_code == 200, changed.get_json()
    assert changed.get_json()["correlation"] == {"order_id": "data.order"}
    assert changed.get_json()["values"] == {"amount": "data.total"}
    refused = client.patch(HOOK, json={"message_name": "order placed", "values": None}, headers=owner)
    assert refused.status_code == 422 and "message_name" in refused.get_json()["errors"]
    shown = client.get(HOOK, headers=owner).get_json()
    assert shown["message_name"] == "payment received" and shown["values"] == {"amount": "data.total"}


def test_a_flows_list_shows_only_the_messages_it_could_take(client, owner):
    for name in ("payment received", "order placed"):
        sent = client.post(f"/api/tenants/{SLUG}/messages", json={"name": name}, headers=owner)
        assert sent.status_code == 202, sent.get_json()
    messages = f"/api/tenants/{SLUG}/messages?status=unmatched"
    assert [m["name"] for m in client.get(f"{messages}&flow=payment", headers=owner).get_json()["items"]] == [
        "payment received"
    ]
    assert client.get(f"{messages}&flow=delivery", headers=owner).get_json()["items"] == []
    assert len(client.get(messages, headers=owner).get_json()["items"]) == 2  # all of them, for the workspace
    assert client.get(f"{messages}&flow=nothing", headers=owner).status_code == 404


def test_a_hooks_message_is_its_flows_alone_while_the_apis_reach_the_workspace(client):
    slug = "x-inbound-own"
    api = f"/api/tenants/{slug}"
    _, owner = signed_in_user(client, "inbound")
    tenant = uuid.UUID(create_tenant(client, owner, slug)["id"])
    for name in ("Order", "Invoice"):
        create_blueprint(client, owner, slug, name=name, columns=ORDER_COLUMNS)
    create_flow(client, owner, slug, "order", name="Payment", xml=WAITS_FOR_PAYMENT)
    create_flow(client, owner, slug, "invoice", name="Billing", xml=waits_for_payment("invoice"))
    invoice = create_entity(client, owner, slug, "invoice", order_id="A-17")  # Billing's, waiting for A-17
    made = client.post(f"{api}/flows/payment/inbound-hook", json=CONFIG, headers=owner).get_json()

    answer = post(client, made, BODY, signed(made["secret"], BODY))
    assert answer.status_code == 202, answer.get_json()
    assert answer.get_json()["status"] == "unmatched" and answer.get_json()["matched"] == []  # not Billing's
    message_id = uuid.UUID(answer.get_json()["id"])
    later = create_entity(client, owner, slug, "invoice", order_id="A-17")  # nor handed to Billing's when kept
    assert _message(message_id).status == "unmatched"

    order = create_entity(client, owner, slug, "order", order_id="A-17")  # Payment's record takes it
    message = _message(message_id)
    assert (message.status, message.matched) == ("pending", [order["id"]])
    assert tasks.deliver(db.session(), tenant, message_id) == "delivered"
    for record, state in ((order, "completed"), (invoice, "running"), (later, "running")):
        flows = client.get(f"{api}/entities/{record['id']}/flows", headers=owner).get_json()
        assert [i["status"] for i in flows["instances"]] == [state]

    body = {"name": "payment received", "correlation": {"order_id": "A-17"}}
    sent = client.post(f"{api}/messages", json=body, headers=owner)  # the API's: every flow's records
    assert sent.status_code == 409 and sorted(sent.get_json()["records"]) == sorted([invoice["id"], later["id"]])


def _message(message_id: uuid.UUID) -> FlowMessage:
    return db.session.scalars(
        select(FlowMessage)
        .where(FlowMessage.id == message_id)
        .execution_options(all_tenants=True, populate_existing=True)
    ).one()
