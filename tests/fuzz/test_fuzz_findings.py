"""What the fuzzers found, each fixed.

Inputs that crashed a request or were stored, now refused (422):

- Numbers the database cannot hold (versions, a user id to filter the audit log by).
- Instants outside years 1 to 9999 once converted to UTC: an API key expiring at
  ``9999-12-31T23:59:59-05:00`` was stored as year 10000 and its answer then failed; a hook
  replay ``since`` such an instant started a job.

Answers that broke the OpenAPI document: the admin's user list showed times without a zone
(``2026-12-06T11:59:06``), which is not an RFC 3339 date-time.
"""

from __future__ import annotations

from typing import Any

import pytest

from core.errors import NotFound
from designer.blueprints.models import Blueprint
from designer.blueprints.queries import get_version
from tests.factories import PASSWORD, delivery_tenant, hardened_admin

SLUG = "x-refused"
TENANT = f"/api/tenants/{SLUG}"
HUGE = 3074100129326159626240
BEYOND_INT4 = 536567086715
CALENDAR_EDGES = ["0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-05:00"]


def _refused(answer: Any, field: str) -> None:
    assert answer.status_code == 422, answer.get_json()
    assert field in str(answer.get_json()["errors"]), answer.get_json()


def test_a_version_the_database_cannot_hold_is_refused(client: Any) -> None:
    headers = delivery_tenant(client, SLUG)
    entity = client.post(
        f"{TENANT}/entities", json={"blueprint": "delivery", "data": {"deliver_from": "A"}}, headers=headers
    )
    entity_id = entity.get_json()["id"]
    body = {"version": 1, "to_version": HUGE}
    _refused(client.post(f"{TENANT}/entities/{entity_id}/migrate", json=body, headers=headers), "to_version")
    plan = {"from_version": HUGE, "to_version": 1}
    _refused(
        client.post(f"{TENANT}/blueprints/delivery/migrations/preview", json=plan, headers=headers), "from_version"
    )
    _refused(client.post(f"{TENANT}/blueprints/delivery/migrations", json=plan, headers=headers), "from_version")


def test_a_version_beyond_the_database_is_not_found() -> None:
    with pytest.raises(NotFound):
        get_version(None, Blueprint(name="Delivery"), 468715328569)  # type: ignore[arg-type]


def test_the_audit_log_refuses_an_actor_id_no_user_can_have(client: Any) -> None:
    headers = delivery_tenant(client, SLUG)
    answer = client.get(f"{TENANT}/audit", query_string={"actor": BEYOND_INT4}, headers=headers)
    _refused(answer, "actor")
    assert client.get(f"{TENANT}/audit", query_string={"actor": 1}, headers=headers).status_code == 200


@pytest.mark.parametrize("instant", CALENDAR_EDGES)
def test_an_api_key_cannot_expire_outside_the_calendar(client: Any, instant: str) -> None:
    headers = delivery_tenant(client, SLUG)
    body = {"name": "Edge", "role": "viewer", "password": PASSWORD, "expires_at": instant}
    _refused(client.post(f"{TENANT}/api-keys", json=body, headers=headers), "expires_at")
    assert client.get(f"{TENANT}/api-keys", headers=headers).get_json()["items"] == []


@pytest.mark.parametrize("instant", CALENDAR_EDGES)
def test_instants_outside_the_calendar_are_refused_by_hooks_and_audit(client: Any, instant: str) -> None:
    headers = delivery_tenant(client, SLUG)
    _refused(client.post(f"{TENANT}/hooks/replay", json={"since": instant}, headers=headers), "since")
    for path in ("hooks/deliveries", "hooks/attempts"):
        _refused(client.get(f"{TENANT}/{path}", query_string={"since": instant}, headers=headers), "since")
    _refused(client.get(f"{TENANT}/audit", query_string={"until": instant}, headers=headers), "until")


def test_the_admin_sees_user_times_with_their_zone(app: Any, client: Any) -> None:
    email, headers = hardened_admin(app, client)
    users = client.get("/api/admin/users", query_string={"q": email}, headers=headers).get_json()["items"]
    [user] = [u for u in users if u["email"] == email]
    detail = client.get(f"/api/admin/users/{user['id']}", headers=headers).get_json()
    for shown in (user, detail):
        for name in ("created_at", "confirmed_at", "last_login_at"):
            assert shown[name].endswith("+00:00"), (name, shown[name])
