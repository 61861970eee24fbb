"""Saved views belong to one person and are checked against the blueprint."""

from __future__ import annotations

from tests.factories import create_blueprint, create_tenant, signed_in_user

VIEWS = "/api/tenants/x-stock/views"


def test_save_list_rename_and_delete_my_views(client):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, "x-stock")
    create_blueprint(client, headers, "x-stock")
    config = {
        "filter": {"column": "type", "op": "eq", "value": "BOX"},
        "sort": [{"column": "qty", "direction": "desc"}],
        "columns": ["type", "qty"],
    }
    created = client.post(VIEWS, json={"blueprint": "stock_item", "name": "Boxes", "config": config}, headers=headers)
    assert created.status_code == 201, created.get_json()
    view_id = created.get_json()["id"]
    listed = client.get(VIEWS, query_string={"blueprint": "stock_item"}, headers=headers).get_json()["items"]
    assert [v["name"] for v in listed] == ["Boxes"] and listed[0]["config"]["columns"] == ["type", "qty"]
    again = client.post(VIEWS, json={"blueprint": "stock_item", "name": "Boxes", "config": config}, headers=headers)
    assert again.status_code == 422 and "name" in again.get_json()["errors"]
    assert (
        client.patch(f"{VIEWS}/{view_id}", json={"name": "Big boxes"}, headers=headers).get_json()["name"]
        == "Big boxes"
    )
    assert client.delete(f"{VIEWS}/{view_id}", headers=headers).status_code == 204
    assert client.get(VIEWS, query_string={"blueprint": "stock_item"}, headers=headers).get_json()["items"] == []


def test_bad_configs_are_refused(client):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, "x-stock")
    create_blueprint(client, headers, "x-stock")
    bad = {"filter": {"column": "qty", "op": "contains", "value": "1"}}
    response = client.post(VIEWS, json={"blueprint": "stock_item", "name": "x", "config": bad}, headers=headers)
    assert response.status_code == 422 and "config.filter.0.op" in response.get_json()["errors"]
    response = client.post(
        VIEWS, json={"blueprint": "stock_item", "name": "x", "config": {"columns": ["nope"]}}, headers=headers
    )
    assert response.status_code == 422 and "config.columns" in response.get_json()["errors"]


def test_a_view_keeps_its_layout_and_the_boards_grouping_column(client):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, "x-stock")
    create_blueprint(client, headers, "x-stock")
    config = {"columns": ["type", "qty"], "layout": "board", "group_by": "type"}
    created = client.post(VIEWS, json={"blueprint": "stock_item", "name": "By type", "config": config}, headers=headers)
    assert created.status_code == 201, created.get_json()
    [listed] = client.get(VIEWS, query_string={"blueprint": "stock_item"}, headers=headers).get_json()["items"]
    assert listed["config"]["layout"] == "board" and listed["config"]["group_by"] == "type"
    grid = client.patch(f"{VIEWS}/{listed['id']}", json={"config": {"layout": "grid"}}, headers=headers)
    assert grid.status_code == 200 and grid.get_json()["config"]["layout"] == "grid"

    cases = [
        ({"layout": "kanban"}, "config.layout", "kanban is not a layout; use grid or board."),
        ({"layout": "board", "group_by": "qty"}, "config.group_by", "Stock item has no choice column 'qty'."),
        ({"layout": "board", "group_by": "nope"}, "config.group_by", "Stock item has no choice column 'nope'."),
    ]
    for bad, field, message in cases:
        response = client.post(VIEWS, json={"blueprint": "stock_item", "name": "x", "config": bad}, headers=headers)
        assert response.status_code == 422 and response.get_json()["errors"][field] == [message], response.get_json()
        patched = client.patch(f"{VIEWS}/{listed['id']}", json={"config": bad}, headers=headers)
        assert patched.status_code == 422 and field in patched.get_json()["errors"]


def test_views_are_personal(client):
    owner_email, owner = signed_in_user(client, "owner")
    create_tenant(client, owner, "x-stock")
    create_blueprint(client, owner, "x-stock")
    view = client.post(VIEWS, json={"blueprint": "stock_item", "name": "Mine", "config": {}}, headers=owner).get_json()

    from sqlalchemy import select

    from core import db
    from core.identity.models import Membership, Tenant, TenantRole, User

    colleague_email, colleague = signed_in_user(client, "colleague")
    tenant = db.session.scalars(select(Tenant).where(Tenant.slug == "x-stock")).one()
    colleague_id = db.session.scalars(select(User.id).where(User.email == colleague_email)).one()
    db.session.add(Membership(tenant_id=tenant.id, user_id=colleague_id, role=TenantRole.EDITOR))
    db.session.commit()
    assert client.get(VIEWS, query_string={"blueprint": "stock_item"}, headers=colleague).get_json()["items"] == []
    assert client.patch(f"{VIEWS}/{view['id']}", json={"name": "Taken"}, headers=colleague).status_code == 404
    assert client.delete(f"{VIEWS}/{view['id']}", headers=colleague).status_code == 404
    assert owner_email
