"""People see what a record's connector steps did; owners show the signing secret; old calls go."""

from __future__ import annotations

import uuid
from datetime import timedelta

from core import clock, db
from core.celery import BEAT_SCHEDULE
from core.delivery import DeliveryStatus
from runtime.connectors import operations
from runtime.connectors.delivery import signing_secret
from runtime.connectors.tasks import purge, purge_calls, run_call
from tests.factories import add_member, signed_in_user
from tests.runtime.connectors.conftest import SLUG, T, calls, diagram, http_connector


def _run(shop, settings=None) -> int:
    settings = settings or shop.app.config["LOOM"]
    due = operations.due_calls(db.session(), 100)
    return sum(run_call(db.session(), settings, tenant_id, call_id) for tenant_id, call_id in due)


def test_a_record_s_calls_say_which_step_how_it_went_and_never_the_request(shop, receiver):
    receiver.answers = [(503, {"detail": "busy"})]
    connector = http_connector(receiver.url).replace(
        '<loom:header name="X-Order" value="{order_no}"/>', '<loom:header name="Authorization" value="Bearer s3cret"/>'
    )
    shop.flow(diagram(connector))
    order = shop.order(order_no="V1")
    _run(shop)
    answer = shop.client.get(f"{T}/entities/{order['id']}/connector-calls", headers=shop.headers)
    assert answer.status_code == 200, answer.get_json()
    [item] = answer.get_json()["items"]
    assert (item["element"], item["name"], item["flow"], item["kind"]) == (
        "call",
        "Book the carrier",
        "Shipping",
        "http",
    )
    assert (item["status"], item["attempts"], item["response_status"]) == ("pending", 1, 503)
    assert "503" in item["last_error"] and item["next_attempt_at"] and item["finished_at"] is None
    assert "s3cret" not in answer.get_data(as_text=True) and "busy" not in answer.get_data(as_text=True)

    other = shop.client.get(f"{T}/entities/{uuid.uuid4()}/connector-calls", headers=shop.headers)
    assert other.status_code == 404


def test_a_viewer_reads_the_calls_but_only_owners_and_admins_show_the_secret(shop, client):
    shop.flow(diagram('<loom:email to="{email}" subject="Hi">Hello</loom:email>'))
    order = shop.order(order_no="V2", email="ann@example.com")
    email, viewer = signed_in_user(client)
    add_member(SLUG, email, "viewer")
    assert client.get(f"{T}/entities/{order['id']}/connector-calls", headers=viewer).status_code == 200
    assert client.post(f"{T}/connector-secret", headers=viewer).status_code == 403

    shown = client.post(f"{T}/connector-secret", headers=shop.headers)
    assert shown.status_code == 200, shown.get_json()
    assert shown.get_json()["secret"] == signing_secret(shop.app.config["LOOM"], uuid.UUID(shop.tenant_id))


def test_finished_calls_are_purged_after_the_kept_days_but_a_stopped_flow_keeps_its_failed_one(shop, receiver):
    receiver.answers = [(200, {"other": 1})]  # no mapped value: the call fails and the flow stops
    shop.flow(diagram(http_connector(receiver.url)))
    stopped = shop.order(order_no="P1")
    _run(shop)
    receiver.answers = [(200, {"shipment": {"id": "TRK-1"}})]
    done = shop.order(order_no="P2")
    _run(shop)
    assert {c.status for c in calls()} == {DeliveryStatus.FAILED, DeliveryStatus.SUCCEEDED}

    assert BEAT_SCHEDULE["purge-connector-calls"]["task"] == "connectors.purge"
    assert purge() == 0  # nothing is old enough yet (LOOM_CONNECTOR_CALLS_KEEP_DAYS, 30 by default)
    clock.travel(timedelta(days=31))
    assert purge_calls(db.session(), 40) == 0
    assert purge() == 1
    clock.reset()
    [kept] = calls()
    assert kept.status == DeliveryStatus.FAILED  # "Try again" still needs it
    assert shop.client.get(f"{T}/entities/{done['id']}/connector-calls", headers=shop.headers).get_json()["items"] == []
    assert (
        len(shop.client.get(f"{T}/entities/{stopped['id']}/connector-calls", headers=shop.headers).get_json()["items"])
        == 1
    )
