"""Bad input anywhere in a request gets problem+json, 400 or 422, changes nothing, and never a 500."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from core import db
from tests.factories import create_blueprint, create_entity, create_tenant, signed_in_user

PROBLEM = "application/problem+json"
DEEP_ARRAY = "[" * 1000 + "]" * 1000
DEEP_OBJECT = '{"a":' * 1000 + "1" + "}" * 1000
NOT_OBJECTS = ["[null,null]", '"x"', "1", "false"]


def _refused(response, *statuses: int) -> dict:
    assert response.status_code in statuses, (response.status_code, response.get_data(as_text=True)[:300])
    assert response.mimetype == PROBLEM
    return response.get_json()


def _raw(client, method: str, path: str, body: str, headers: dict | None = None):
    return client.open(path, method=method, data=body.encode(), content_type="application/json", headers=headers)


@pytest.fixture()
def owner(client):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, "x-bad")
    create_blueprint(client, headers, "x-bad")
    return headers


def test_deeply_nested_json_is_refused_before_sign_in_reads_it(client):
    for body in (DEEP_ARRAY, DEEP_OBJECT):
        problem = _refused(_raw(client, "POST", "/api/auth/login", body), 400)
        assert "nested deeper than 64" in problem["detail"]


def test_deeply_nested_json_is_refused_on_a_workspace_endpoint(client, owner):
    _refused(_raw(client, "POST", "/api/tenants", DEEP_OBJECT, owner), 400)
    _refused(_raw(client, "PATCH", "/api/tenants/x-bad", DEEP_ARRAY, owner), 400)
    deep_filter = {"blueprint": "stock_item", "filter": DEEP_ARRAY}
    problem = _refused(client.get("/api/tenants/x-bad/entities", query_string=deep_filter, headers=owner), 422)
    assert "filter" in problem["errors"]


def test_json_that_is_not_an_object_is_refused_by_the_auth_endpoints(client):
    _, headers = signed_in_user(client)
    for body in NOT_OBJECTS:
        for path, auth in (
            ("/api/auth/login", None),
            ("/api/auth/reset", None),
            ("/api/auth/reset/not-a-real-token", None),
            ("/api/auth/change", headers),
        ):
            problem = _refused(_raw(client, "POST", path, body, auth), 422)
            assert problem["errors"] == {"body": ["The body must be a JSON object."]}, (path, body)


def test_json_that_is_not_an_object_is_refused_by_workspace_endpoints(client, owner):
    for body in NOT_OBJECTS:
        _refused(_raw(client, "POST", "/api/tenants/x-bad/blueprints", body, owner), 422)
        _refused(_raw(client, "PATCH", "/api/tenants/x-bad", body, owner), 422)


def test_nul_in_the_query_string_or_the_path_is_refused(client, owner):
    problem = _refused(client.get("/api/tenants/x-bad/blueprints?q=%00", headers=owner), 400)
    assert "q" in problem["errors"]
    _refused(client.get("/api/tenants/x-bad/audit?q=a%00b", headers=owner), 400)
    _refused(client.get("/api/tenants/x-bad/entities?blueprint=stock%00item", headers=owner), 400)
    _refused(client.get("/api/tenants/x%00bad", headers=owner), 400)
    _refused(client.get("/api/tenants/x-bad/blueprints/stock%00item", headers=owner), 400)


def test_nul_in_a_filter_value_is_refused(client, owner):
    nul_filter = json.dumps({"column": "space", "op": "eq", "value": "a\u0000b"})
    query = {"blueprint": "stock_item", "filter": nul_filter}
    problem = _refused(client.get("/api/tenants/x-bad/entities", query_string=query, headers=owner), 422)
    assert "filter" in problem["errors"]


def test_nul_in_a_body_is_refused_and_nothing_is_written(client, owner):
    nul = "a\u0000b"
    blueprint = client.post("/api/tenants/x-bad/blueprints", json={"name": nul, "columns": []}, headers=owner)
    assert "name" in _refused(blueprint, 422)["errors"]
    view = {"blueprint": "stock_item", "name": nul, "config": {}}
    _refused(client.post("/api/tenants/x-bad/views", json=view, headers=owner), 422)
    _refused(client.patch("/api/tenants/x-bad", json={"name": nul}, headers=owner), 422)
    flow = {"name": nul, "blueprint": "stock_item", "template": "delivery"}
    _refused(client.post("/api/tenants/x-bad/flows", json=flow, headers=owner), 422)
    column = {"key": "k", "label": nul, "type": "text"}
    nested = client.post("/api/tenants/x-bad/blueprints", json={"name": "N", "columns": [column]}, headers=owner)
    assert "columns.0.label" in _refused(nested, 422)["errors"]

    blueprints = client.get("/api/tenants/x-bad/blueprints", headers=owner).get_json()["items"]
    assert [b["key"] for b in blueprints] == ["stock_item"]
    views = client.get("/api/tenants/x-bad/views", query_string={"blueprint": "stock_item"}, headers=owner)
    assert views.get_json()["items"] == []
    assert client.get("/api/tenants/x-bad/flows", headers=owner).get_json()["items"] == []
    assert client.get("/api/tenants/x-bad", headers=owner).get_json()["name"] == "X-Bad"


def test_a_lone_surrogate_is_refused(client, owner):
    body = '{"name": "bad \\ud800 text", "slug": "x-lone", "timezone": "Europe/Berlin", "language": "en"}'
    problem = _refused(_raw(client, "POST", "/api/tenants", body, owner), 422)
    assert "surrogate" in problem["errors"]["name"][0]
    key = '{"\\udfff": 1}'
    _refused(_raw(client, "PATCH", "/api/tenants/x-bad", key, owner), 422)
    assert client.get("/api/tenants/x-lone", headers=owner).status_code == 404


def test_path_numbers_beyond_the_database_range_find_nothing(client, owner):
    for path in (
        "/api/tenants/x-bad/blueprints/stock_item/versions/468715328569",
        "/api/tenants/x-bad/members/99999999999",
        "/api/tenants/x-bad/blueprints/stock_item/versions/" + "9" * 5000,
    ):
        _refused(client.get(path, headers=owner), 404)
    _refused(client.delete("/api/auth/sessions/99999999999", headers=owner), 404)


def test_a_malformed_jobs_cursor_is_refused(client, owner):
    for cursor in ("WyJub3QtYS1kYXRlIiwgIm5vdC1hLXV1aWQiXQ", "!!", "eyJ4IjogMX0.AAAA"):
        response = client.get("/api/tenants/x-bad/jobs", query_string={"cursor": cursor}, headers=owner)
        assert "cursor" in _refused(response, 422)["errors"]


def test_an_in_filter_over_more_than_a_thousand_records_is_counted(client, owner):
    first = create_entity(client, owner, "x-bad", "stock_item", type="BOX", qty=1)
    db.session.execute(
        text(
            "INSERT INTO entities (id, tenant_id, blueprint_id, blueprint_version_id, data, search_text, created_by)"
            " SELECT gen_random_uuid(), tenant_id, blueprint_id, blueprint_version_id, data, search_text, created_by"
            " FROM entities, generate_series(1, 1100) WHERE id = :id"
        ),
        {"id": first["id"]},
    )
    db.session.commit()
    in_filter = json.dumps({"column": "type", "op": "in", "value": ["BOX", "PALLET"]})
    query = {"blueprint": "stock_item", "filter": in_filter, "limit": 5}
    response = client.get("/api/tenants/x-bad/entities", query_string=query, headers=owner)
    assert response.status_code == 200, response.get_json()
    count = response.get_json()["count"]
    assert count == {"value": count["value"], "exact": False} and count["value"] > 1000  # the planner's estimate


def test_the_password_change_takes_only_a_json_object_of_text(client, owner):
    before = db.session.execute(text("SELECT password FROM users")).all()
    no_body = client.post("/api/auth/change", headers=owner)  # Flask-Security would render its HTML form
    assert "JSON" in _refused(no_body, 422)["detail"]
    for wrong in (1, 1e300, [], {"a": 1}):
        body = {"password": wrong, "new_password": "another pass phrase 2026"}
        problem = _refused(client.post("/api/auth/change", json=body, headers=owner), 422)
        assert "password" in problem["errors"], problem
    assert db.session.execute(text("SELECT password FROM users")).all() == before
    assert client.post("/api/auth/logout", json={}, headers=owner).status_code == 200


def test_a_person_id_beyond_the_database_range_is_refused_not_looked_up(client, owner):
    columns = [{"key": "driver", "label": "Driver", "type": "user"}]
    create_blueprint(client, owner, "x-bad", name="Trip", columns=columns)
    for value in (99999999999, 0, -1):
        answer = client.post(
            "/api/tenants/x-bad/entities", json={"blueprint": "trip", "data": {"driver": value}}, headers=owner
        )
        assert "data.driver" in _refused(answer, 422)["errors"]
    assert db.session.execute(text("SELECT count(*) FROM entities")).scalar() == 0


def test_a_number_too_long_to_read_is_refused_in_words_not_pythons_advice(client, owner):
    body = '{"name": "x", "columns": [], "n": ' + "9" * 5000 + "}"
    response = client.post(
        "/api/tenants/x-bad/blueprints", data=body, headers={**owner, "Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.get_json()["errors"]["body"] == ["A number in it has too many digits."]
    broken = client.post(
        "/api/tenants/x-bad/blueprints", data='{"a": }', headers={**owner, "Content-Type": "application/json"}
    )
    assert broken.get_json()["errors"]["body"] == ["Expecting value (line 1, column 7)"]
