"""A deleted record goes to the Trash: out of every list, restorable with its history and its flow,
purged for good after the retention on Loom's clock."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from core import clock, db
from core.events import listening
from runtime.entities.models import Entity
from runtime.flows.tasks import due_instances, fire_instance
from runtime.trash.tasks import purge_expired_records
from tests.factories import (
    DELIVERY_COLUMNS,
    create_blueprint,
    create_entity,
    create_flow,
    create_tenant,
    delivery_tenant,
    drawn_stock,
    sign_in,
    signed_in_user,
)

D = "/api/tenants/x-delivery"
S = "/api/tenants/x-stock"


def _trash(client, headers, base=D):
    return client.get(f"{base}/trash/records", headers=headers).get_json()["items"]


def test_deleted_record_leaves_every_list_and_comes_back_with_its_history(client):
    headers = delivery_tenant(client)
    record = create_entity(client, headers, "x-delivery", "delivery", deliver_from="Berlin")
    other = create_entity(client, headers, "x-delivery", "delivery", deliver_from="Paris")
    [item, _] = client.get(f"{D}/inbox", headers=headers).get_json()["items"]
    done = client.post(f"{D}/inbox/{item['id']}/complete", json={"data": {}}, headers=headers)
    assert done.status_code == 200
    history_before = client.get(f"{D}/entities/{record['id']}/flows", headers=headers).get_json()["history"]

    with listening() as heard:
        gone = client.delete(f"{D}/entities/{record['id']}", headers=headers)
    assert gone.status_code == 204
    assert [e.type for e in heard] == ["record.deleted"]
    assert client.get(f"{D}/entities/{record['id']}", headers=headers).status_code == 404
    listed = client.get(f"{D}/entities", query_string={"blueprint": "delivery"}, headers=headers).get_json()
    assert [e["id"] for e in listed["items"]] == [other["id"]] and listed["count"]["value"] == 1
    inbox = client.get(f"{D}/inbox", headers=headers).get_json()["items"]
    assert all(i["entity"]["id"] != record["id"] for i in inbox)
    # Its waiting step cannot be done while it is in the Trash.
    waiting = db.session.scalars(select(Entity).where(Entity.id == record["id"]).execution_options(all_tenants=True))
    assert waiting.first() is None
    [trashed] = _trash(client, headers)
    assert trashed["id"] == record["id"] and trashed["data"]["deliver_from"] == "Berlin"
    assert trashed["blueprint_name"] == "Delivery" and trashed["deleted_by"]["email"]
    assert trashed["purge_at"] > trashed["deleted_at"]

    with listening() as heard:
        back = client.post(f"{D}/trash/records/{record['id']}/restore", headers=headers)
    assert back.status_code == 200, back.get_json()
    assert [e.type for e in heard] == ["record.restored"]
    assert back.get_json()["data"]["status"] == "IN_PROGRESS"
    assert _trash(client, headers) == []
    flows = client.get(f"{D}/entities/{record['id']}/flows", headers=headers).get_json()
    assert flows["history"] == history_before
    [waiting_step] = flows["instances"][0]["waiting"]
    assert waiting_step["label"] == "Delivered"
    finished = client.post(f"{D}/inbox/{waiting_step['id']}/complete", json={"data": {}}, headers=headers)
    assert finished.status_code == 200, finished.get_json()
    assert finished.get_json()["entity"]["data"]["status"] == "DELIVERED"


def test_restoring_twice_or_a_live_record_is_refused(client):
    headers = delivery_tenant(client)
    record = create_entity(client, headers, "x-delivery", "delivery", deliver_from="Berlin")
    assert client.post(f"{D}/trash/records/{record['id']}/restore", headers=headers).status_code == 404
    client.delete(f"{D}/entities/{record['id']}", headers=headers)
    assert client.post(f"{D}/trash/records/{record['id']}/restore", headers=headers).status_code == 200
    assert client.post(f"{D}/trash/records/{record['id']}/restore", headers=headers).status_code == 404


def test_timers_wait_in_the_trash_and_fire_after_a_restore(client):
    email, headers = signed_in_user(client)
    create_tenant(client, headers, "x-stock")
    create_blueprint(client, headers, "x-stock")
    create_flow(client, headers, "x-stock", "stock_item", name="Stock", xml=drawn_stock())
    record = create_entity(client, headers, "x-stock", "stock_item", type="BOX")
    assert client.delete(f"{S}/entities/{record['id']}", headers=headers).status_code == 204

    clock.travel(timedelta(days=1, minutes=1))
    assert due_instances(db.session()) == []  # paused while in the Trash
    headers = {"Authorization": f"Bearer {sign_in(client, email)['access_token']}"}
    assert client.post(f"{S}/trash/records/{record['id']}/restore", headers=headers).status_code == 200
    [(tenant_id, instance_id)] = due_instances(db.session())
    assert fire_instance(db.session(), tenant_id, instance_id) == ["put_away_due"]


def test_the_trash_is_purged_after_thirty_days_of_looms_clock(client):
    email, headers = signed_in_user(client)
    create_tenant(client, headers, "x-delivery")
    create_blueprint(client, headers, "x-delivery", name="Delivery", columns=DELIVERY_COLUMNS)
    old = create_entity(client, headers, "x-delivery", "delivery", deliver_from="Berlin")
    recent = create_entity(client, headers, "x-delivery", "delivery", deliver_from="Paris")
    client.delete(f"{D}/entities/{old['id']}", headers=headers)
    clock.travel(timedelta(days=20))
    headers = {"Authorization": f"Bearer {sign_in(client, email)['access_token']}"}
    assert client.delete(f"{D}/entities/{recent['id']}", headers=headers).status_code == 204

    clock.travel(timedelta(days=10, minutes=1))  # 30 days after the first delete, 10 after the second
    with listening() as heard:
        assert purge_expired_records() == 1
    assert heard == []  # a purge announces nothing per record
    ids = {
        str(i) for i in db.session.scalars(select(Entity.id).execution_options(all_tenants=True, include_trashed=True))
    }
    assert old["id"] not in ids and recent["id"] in ids


def test_only_owners_and_admins_delete_for_good(client):
    headers = delivery_tenant(client)
    record = create_entity(client, headers, "x-delivery", "delivery", deliver_from="Berlin")
    client.delete(f"{D}/entities/{record['id']}", headers=headers)
    assert client.delete(f"{D}/trash/records/{record['id']}", headers=headers).status_code == 204
    assert _trash(client, headers) == []
    assert client.post(f"{D}/trash/records/{record['id']}/restore", headers=headers).status_code == 404


def test_bad_paging_input_and_another_workspace_s_trash(client):
    headers = delivery_tenant(client)
    record = create_entity(client, headers, "x-delivery", "delivery", deliver_from="Berlin")
    client.delete(f"{D}/entities/{record['id']}", headers=headers)
    for query in ({"cursor": "not-a-cursor"}, {"cursor": "\x00"}, {"limit": 10**20}, {"blueprint": "nope"}):
        answer = client.get(f"{D}/trash/records", query_string=query, headers=headers)
        assert answer.status_code in (400, 404, 422), (query, answer.status_code)
        assert answer.headers["Content-Type"].startswith("application/problem+json")
    _, other = signed_in_user(client, "other")
    create_tenant(client, other, "x-other")
    assert client.post(f"/api/tenants/x-other/trash/records/{record['id']}/restore", headers=other).status_code == 404
    assert client.delete(f"/api/tenants/x-other/trash/records/{record['id']}", headers=other).status_code == 404
    assert client.get("/api/tenants/x-other/trash/records", headers=other).get_json()["items"] == []
    assert [r["id"] for r in _trash(client, headers)] == [record["id"]]
