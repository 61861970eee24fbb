"""Idempotency-Key on tenant POSTs, for people's tokens and API keys: the first answer comes back,
nothing is done twice, another request with the key is refused, concurrent duplicates do not both
run, and the answers go after 24 hours.
"""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select

from core import clock, db
from core.celery import BEAT_SCHEDULE
from core.identity.models import Tenant
from runtime.apikeys.models import ApiKey, IdempotentRequest
from runtime.apikeys.tasks import purge_answers
from runtime.entities.models import Entity
from tests.factories import DELIVERY_COLUMNS, PASSWORD, create_blueprint, create_tenant, signed_in_user
from tests.support.apikeys import create_api_key, key_headers

PROBLEM = "application/problem+json"
RECORDS = "/api/tenants/{slug}/entities"


def _records(slug):
    return db.session.scalar(
        select(func.count())
        .select_from(Entity)
        .join(Tenant, Tenant.id == Entity.tenant_id)
        .where(Tenant.slug == slug)
        .execution_options(all_tenants=True)
    )


def _workspace(client, slug):
    _, owner = signed_in_user(client, "owner")
    create_tenant(client, owner, slug)
    create_blueprint(client, owner, slug, name="Delivery", columns=DELIVERY_COLUMNS)
    return owner


def _post(client, slug, headers, key, data=None):
    body = {"blueprint": "delivery", "data": data or {"deliver_from": "Berlin"}}
    return client.post(RECORDS.format(slug=slug), json=body, headers={**headers, "Idempotency-Key": key})


def test_the_same_post_again_gets_the_first_answer_and_nothing_is_done_twice(client):
    owner = _workspace(client, "x-once")
    first = _post(client, "x-once", owner, "order-1")
    assert first.status_code == 201 and "Idempotent-Replayed" not in first.headers
    again = _post(client, "x-once", owner, "order-1")
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first.get_json() and again.mimetype == first.mimetype
    assert _records("x-once") == 1
    # Keys belong to the principal: the same key from an API key (or another person) is a new request.
    key = key_headers(create_api_key(client, owner, "x-once", role="editor"))
    by_key = _post(client, "x-once", key, "order-1")
    assert by_key.status_code == 201 and by_key.get_json()["id"] != first.get_json()["id"]
    assert _post(client, "x-once", key, "order-1").get_json() == by_key.get_json()
    assert _post(client, "x-once", owner, "order-2").status_code == 201
    assert _records("x-once") == 3
    # Without the header nothing is kept: each POST is its own.
    plain = {"blueprint": "delivery", "data": {"deliver_from": "Bonn"}}
    assert client.post(RECORDS.format(slug="x-once"), json=plain, headers=owner).status_code == 201
    assert (
        db.session.scalar(select(func.count()).select_from(IdempotentRequest).execution_options(all_tenants=True)) == 3
    )


def test_another_request_with_the_same_key_is_refused_and_equal_json_is_the_same_request(client):
    owner = _workspace(client, "x-other")
    url = RECORDS.format(slug="x-other")
    body = {"blueprint": "delivery", "data": {"deliver_from": "Berlin", "cargo": "Books"}}
    first = client.post(url, json=body, headers={**owner, "Idempotency-Key": "k"})
    assert first.status_code == 201
    reordered = '{"data": {"cargo": "Books", "deliver_from": "Berlin"},\n "blueprint": "delivery"}'
    same = client.post(url, data=reordered, content_type="application/json", headers={**owner, "Idempotency-Key": "k"})
    assert same.status_code == 201 and same.headers["Idempotent-Replayed"] == "true"
    view = {"blueprint": "delivery", "name": "Mine", "config": {}}
    for changed in (
        client.post(url, json={**body, "data": {"deliver_from": "Hamburg"}}, headers={**owner, "Idempotency-Key": "k"}),
        client.post(f"{url}?x=1", json=body, headers={**owner, "Idempotency-Key": "k"}),
        client.post("/api/tenants/x-other/views", json=view, headers={**owner, "Idempotency-Key": "k"}),
    ):
        assert changed.status_code == 422 and changed.mimetype == PROBLEM, changed.get_json()
        assert "different request" in changed.get_json()["errors"]["Idempotency-Key"][0]
    assert _records("x-other") == 1


def test_refused_requests_are_not_kept_and_a_bad_key_is_a_422(client):
    owner = _workspace(client, "x-refused")
    viewer = key_headers(create_api_key(client, owner, "x-refused", role="viewer"))
    assert _post(client, "x-refused", viewer, "same").status_code == 403
    invalid = _post(client, "x-refused", owner, "same", data={"cargo": "no deliver_from"})
    assert invalid.status_code == 422 and "Idempotency-Key" not in invalid.get_json()["errors"]
    made = _post(client, "x-refused", owner, "same")
    assert made.status_code == 201 and "Idempotent-Replayed" not in made.headers
    for bad in ("", "x" * 256, "ünïcode", "two words"):
        answer = _post(client, "x-refused", owner, bad)
        assert answer.status_code == 422 and answer.mimetype == PROBLEM, bad
        assert list(answer.get_json()["errors"]) == ["Idempotency-Key"], bad
    assert _records("x-refused") == 1


def test_answers_last_a_day_then_the_key_is_free_and_the_beat_purges_them(client):
    owner = _workspace(client, "x-daylong")
    key = key_headers(create_api_key(client, owner, "x-daylong", role="editor"))  # lives past the token
    first = _post(client, "x-daylong", key, "daily")
    clock.travel(timedelta(hours=23))
    assert _post(client, "x-daylong", key, "daily").get_json() == first.get_json()
    _post(client, "x-daylong", key, "kept-a-while")
    clock.travel(timedelta(hours=2))
    later = _post(client, "x-daylong", key, "daily")
    assert later.status_code == 201 and "Idempotent-Replayed" not in later.headers
    assert later.get_json()["id"] != first.get_json()["id"] and _records("x-daylong") == 3

    clock.travel(timedelta(hours=23))
    assert purge_answers(db.session(), 24, batch=1) == 1  # "kept-a-while"; "daily" is 23 hours old
    remaining = db.session.scalars(select(IdempotentRequest.key).execution_options(all_tenants=True)).all()
    assert remaining == ["daily"]
    assert BEAT_SCHEDULE["purge-idempotent-requests"]["task"] == "apikeys.purge_idempotent_requests"


def test_a_new_keys_secret_is_never_kept_for_a_replay(client):
    _, owner = signed_in_user(client, "owner")
    create_tenant(client, owner, "x-secret")
    url = "/api/tenants/x-secret/api-keys"
    body = {"name": "Zapier", "role": "viewer", "password": PASSWORD}
    first = client.post(url, json=body, headers={**owner, "Idempotency-Key": "new-key"})
    assert first.status_code == 201 and first.get_json()["secret"].startswith("loom_")
    again = client.post(url, json=body, headers={**owner, "Idempotency-Key": "new-key"})
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == {**first.get_json(), "secret": None}
    assert len(client.get(url, headers=owner).get_json()["items"]) == 1
    stored = db.session.scalars(select(IdempotentRequest.body).execution_options(all_tenants=True)).one()
    assert first.get_json()["secret"].encode() not in stored
    assert db.session.scalar(select(func.count()).select_from(ApiKey).execution_options(all_tenants=True)) == 1


DUPLICATES = 6


@pytest.fixture()
def committed_client(app):
    client = app.test_client()
    yield client
    db.session.remove()
    db.session.execute(delete(Tenant).where(Tenant.slug == "x-idem-race"))
    db.session.commit()
    db.session.remove()


@pytest.mark.parametrize("principal", ["token", "api_key"])
def test_concurrent_duplicates_do_not_both_run(app, committed_client, principal):
    """Real commits: each request in its own thread with its own connection."""
    db.session.execute(delete(Tenant).where(Tenant.slug == "x-idem-race"))
    db.session.commit()
    owner = _workspace(committed_client, "x-idem-race")
    headers = key_headers(create_api_key(committed_client, owner, "x-idem-race")) if principal == "api_key" else owner
    db.session.remove()
    barrier = threading.Barrier(DUPLICATES)
    answers: list[tuple[int, dict]] = []
    key = str(uuid.uuid4())

    def send() -> None:
        client = app.test_client()
        barrier.wait()
        response = _post(client, "x-idem-race", headers, key)
        answers.append((response.status_code, response.get_json()))
        db.session.remove()

    threads = [threading.Thread(target=send) for _ in range(DUPLICATES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    statuses = sorted(status for status, _ in answers)
    assert set(statuses) <= {201, 409} and statuses[0] == 201, answers
    assert len({body["id"] for status, body in answers if status == 201}) == 1
    assert all("still being processed" in body["detail"] for status, body in answers if status == 409)
    assert _records("x-idem-race") == 1
    db.session.remove()
