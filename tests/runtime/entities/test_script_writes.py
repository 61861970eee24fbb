"""Script writes meet the same boundary as people's: links checked, bad values refused with the field."""

from __future__ import annotations

import pytest

from tests.factories import (
    DELIVERY_COLUMNS,
    DRAWN_DELIVERY,
    create_blueprint,
    create_entity,
    create_flow,
    create_tenant,
    signed_in_user,
)

T = "/api/tenants/x-scripts"
COLUMNS = [
    *DELIVERY_COLUMNS,
    {"key": "link", "label": "Link", "type": "reference", "reference": "delivery"},
    {"key": "driver", "label": "Driver", "type": "user"},
]


def _workspace(client, slug):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, slug)
    create_blueprint(client, headers, slug, name="Delivery", columns=COLUMNS)
    return headers


def _flow_writing(client, headers, script):
    drawn = DRAWN_DELIVERY.read_text()
    create_flow(client, headers, "x-scripts", "delivery", xml=drawn.replace("started_at = now()", script))


def _press_started(client, headers, entity_id):
    instances = client.get(f"{T}/entities/{entity_id}/flows", headers=headers).get_json()["instances"]
    item = next(w for i in instances for w in i["waiting"] if w["label"] == "Delivery started")
    return client.post(f"{T}/inbox/{item['id']}/complete", json={}, headers=headers)


def _unchanged(client, headers, entity):
    after = client.get(f"{T}/entities/{entity['id']}", headers=headers).get_json()
    assert after["data"] == entity["data"] and after["version"] == entity["version"]
    waiting = client.get(f"{T}/entities/{entity['id']}/flows", headers=headers).get_json()["instances"][0]["waiting"]
    assert [w["label"] for w in waiting] == ["Delivery started"]


def test_a_script_cannot_link_a_record_of_another_workspace(client):
    other = _workspace(client, "x-elsewhere")
    foreign = create_entity(client, other, "x-elsewhere", "delivery", deliver_from="Oslo")
    headers = _workspace(client, "x-scripts")
    _flow_writing(client, headers, f"started_at = now(); link = '{foreign['id']}'")
    entity = create_entity(client, headers, "x-scripts", "delivery", deliver_from="Berlin")

    response = _press_started(client, headers, entity["id"])
    assert response.status_code == 422, response.get_json()
    assert "data.link" in response.get_json()["errors"]
    assert response.get_json()["element"] == "delivery_started"
    _unchanged(client, headers, entity)


def test_a_script_cannot_name_someone_outside_the_workspace(client):
    outsider = _workspace(client, "x-outside")
    outsider_id = client.get("/api/auth/me", headers=outsider).get_json()["id"]
    headers = _workspace(client, "x-scripts")
    _flow_writing(client, headers, f"started_at = now(); driver = {outsider_id}")
    entity = create_entity(client, headers, "x-scripts", "delivery", deliver_from="Berlin")

    response = _press_started(client, headers, entity["id"])
    assert response.status_code == 422, response.get_json()
    assert "data.driver" in response.get_json()["errors"]
    assert response.get_json()["element"] == "delivery_started"
    _unchanged(client, headers, entity)


def test_a_script_may_link_a_record_of_its_own_workspace(client):
    headers = _workspace(client, "x-scripts")
    mine = create_entity(client, headers, "x-scripts", "delivery", deliver_from="Rome")
    _flow_writing(client, headers, f"started_at = now(); link = '{mine['id']}'")
    entity = create_entity(client, headers, "x-scripts", "delivery", deliver_from="Berlin")
    response = _press_started(client, headers, entity["id"])
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["entity"]["data"]["link"] == mine["id"]


@pytest.mark.parametrize(
    ("script", "field"),
    [
        ("started_at = datetime.min", "started_at"),  # midnight of year 1 in Berlin is in year 0 in UTC
        # Values computed from the record: the publish checks judge only what a script writes literally.
        ("cargo = {(deliver_from, 2), (3, 4)}", "cargo"),
        ("driver = len(deliver_from) * 2 ** 60", "driver"),
    ],
)
def test_a_script_value_the_boundary_refuses_fails_the_step_naming_element_and_field(client, script, field):
    headers = _workspace(client, "x-scripts")
    _flow_writing(client, headers, f"started_at = now(); {script}")
    entity = create_entity(client, headers, "x-scripts", "delivery", deliver_from="Berlin")

    response = _press_started(client, headers, entity["id"])
    body = response.get_json()
    assert response.status_code == 422, body
    assert body.get("element"), body
    assert f"data.{field}" in body["errors"], body
    assert "TypeError" not in response.get_data(as_text=True) and "unhashable" not in response.get_data(as_text=True)
    _unchanged(client, headers, entity)


@pytest.mark.parametrize("text", ["'a\\x00b'", "'\\ud800'", "'\\ud83d' + '\\ude00'"])
def test_a_script_writing_text_no_store_keeps_fails_the_step_and_writes_nothing(client, text):
    headers = _workspace(client, "x-scripts")
    _flow_writing(client, headers, f"started_at = now(); cargo = deliver_from[:0] + {text}")
    entity = create_entity(client, headers, "x-scripts", "delivery", deliver_from="Berlin")

    response = _press_started(client, headers, entity["id"])
    assert response.status_code == 422, response.get_json()
    assert response.get_json().get("element") == "mark_started"
    _unchanged(client, headers, entity)
