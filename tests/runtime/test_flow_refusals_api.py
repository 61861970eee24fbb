"""Refusals over the API carry a stable code and its params next to the English message, in a
problems list and in a problem+json body alike, so the webapp can show them in any language."""

from __future__ import annotations

from tests.factories import (
    DELIVERY_COLUMNS,
    DRAWN_DELIVERY,
    create_blueprint,
    create_entity,
    create_flow,
    create_tenant,
    delivery_tenant,
    signed_in_user,
)

T = "/api/tenants/x-delivery"


def test_publish_problems_and_an_unreadable_draft_carry_codes_and_params(client):
    headers = delivery_tenant(client, drawn=True)
    bad = DRAWN_DELIVERY.read_text().replace(
        '<loom:transition label="Delivered" role="editor" />',
        '<loom:transition label="Delivered" role="boss" /><loom:field key="weight" />',
    )
    flow = create_flow(client, headers, "x-delivery", "delivery", name="Bad", xml=bad, publish=False)
    problems = {p["code"]: p for p in flow["draft"]["problems"]}
    assert problems["flow.transition.unknown_role"]["params"] == {
        "role": "boss",
        "roles": "admin, editor, owner, viewer",
    }
    assert problems["flow.transition.unknown_field"]["params"] == {
        "label": "Delivered",
        "field": "weight",
        "blueprint": "Delivery",
    }
    assert all(p["element"] == "delivered" and p["message"] for p in problems.values())

    response = client.post(f"{T}/flows/bad/publish", json={"lock_version": flow["lock_version"]}, headers=headers)
    body = response.get_json()
    assert (
        response.status_code == 422 and body["code"] in problems and body["params"] == problems[body["code"]]["params"]
    )
    assert {p["code"] for p in body["problems"]} == set(problems)

    not_xml = client.patch(
        f"{T}/flows/bad", json={"lock_version": flow["lock_version"], "xml": "<bpmn"}, headers=headers
    )
    body = not_xml.get_json()
    assert not_xml.status_code == 422 and body["code"] == "flow.diagram.not_xml"
    assert body["params"]["line_number"] == 1 and body["params"]["reason"]


def test_a_failing_step_answers_with_the_code_and_the_element(client):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, "x-delivery")
    create_blueprint(client, headers, "x-delivery", name="Delivery", columns=DELIVERY_COLUMNS)
    xml = DRAWN_DELIVERY.read_text().replace('status = "IN_PROGRESS"', "status = 1 / 0")
    create_flow(client, headers, "x-delivery", "delivery", xml=xml)
    entity = create_entity(client, headers, "x-delivery", "delivery", deliver_from="Berlin", cargo="Books")
    [instance] = client.get(f"{T}/entities/{entity['id']}/flows", headers=headers).get_json()["instances"]
    [item] = instance["waiting"]
    response = client.post(f"{T}/inbox/{item['id']}/complete", json={"data": {}}, headers=headers)
    body = response.get_json()
    assert response.status_code == 422 and body["element"] == "mark_started"
    assert body["code"] == "flow.script.failed" and body["params"]["part"] == "script"
    assert "ZeroDivisionError" in body["params"]["reason"] and body["errors"]["flow"] == [body["detail"]]
