"""A diagram made in Camunda Modeler (Camunda 7: assignee, candidate groups, form fields, JUEL)
published onto a blueprint: what it says about people and fields is checked against the blueprint,
like Loom's own transitions."""

from __future__ import annotations

from pathlib import Path

from tests.factories import create_blueprint, create_flow, create_tenant, signed_in_user

SLUG = "x-camunda"
T = f"/api/tenants/{SLUG}"
C7 = (Path(__file__).resolve().parents[1] / "engine" / "flows" / "camunda" / "order_approval_c7.bpmn").read_text()
COLUMNS = [
    {"key": "amount", "label": "Amount", "type": "integer"},
    {"key": "approved", "label": "Approved", "type": "boolean"},
    {"key": "reviewer", "label": "Reviewer", "type": "user"},
]


def _problems(client, columns):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, SLUG)
    create_blueprint(client, headers, SLUG, name="Order", columns=columns)
    key = create_flow(client, headers, SLUG, "order", publish=False, xml=C7, name="Order approval")["key"]
    response = client.get(f"{T}/flows/{key}/publish-preview", headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["problems"], headers, key


def test_a_camunda_7_diagram_whose_fields_and_people_the_blueprint_has_publishes(client):
    problems, headers, key = _problems(client, COLUMNS)
    assert problems == []
    lock = client.get(f"{T}/flows/{key}", headers=headers).get_json()["lock_version"]
    published = client.post(f"{T}/flows/{key}/publish", json={"lock_version": lock}, headers=headers)
    assert published.status_code == 201, published.get_json()


def test_a_form_field_or_assignee_field_the_blueprint_lacks_is_refused_naming_the_task(client):
    # No 'approved' for the review's form, and 'reviewer' (its assignee, ${reviewer}) is text, not a person.
    columns = [c if c["key"] != "reviewer" else {**c, "type": "text"} for c in COLUMNS if c["key"] != "approved"]
    problems, _headers, _key = _problems(client, columns)
    found = sorted((p["code"], p["element"], p["params"].get("field")) for p in problems)
    assert found == [
        ("flow.transition.no_user_field", "Activity_review", "reviewer"),
        ("flow.transition.unknown_field", "Activity_review", "approved"),
    ]
