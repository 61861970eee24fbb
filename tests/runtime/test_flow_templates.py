"""Templates made of steps: the Delivery template opens in the steps editor, and is refused by name
on a blueprint that lacks the columns it uses."""

from __future__ import annotations

from designer.flows.templates import DELIVERY
from tests.factories import DELIVERY_COLUMNS, create_blueprint, create_flow, create_tenant, signed_in_user

SLUG = "x-templates"
T = f"/api/tenants/{SLUG}"


def _workspace(client, columns):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, SLUG)
    create_blueprint(client, headers, SLUG, name="Delivery", columns=columns)
    return headers


def test_the_delivery_template_opens_in_the_steps_editor(client):
    headers = _workspace(client, DELIVERY_COLUMNS)
    create_flow(client, headers, SLUG, "delivery", publish=False)
    read = client.get(f"{T}/flows/delivery/steps", headers=headers).get_json()
    assert read["note"] is None and read["steps"] == DELIVERY.steps
    assert [(t["label"], t["from"], t["to"]) for t in read["steps"]["transitions"]] == [
        ("Delivery started", ["PENDING"], "IN_PROGRESS"),
        ("Delivered", ["IN_PROGRESS"], "DELIVERED"),
    ]


def test_the_template_is_refused_by_name_on_a_blueprint_without_its_columns(client):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, SLUG)
    create_blueprint(client, headers, SLUG)  # Stock item: no status, started_at or delivered_at
    body = {"name": "Delivery", "blueprint": "stock_item", "template": "delivery"}
    response = client.post(f"{T}/flows", json=body, headers=headers)
    assert response.status_code == 422
    assert response.get_json()["errors"]["template"] == [
        "The Delivery template needs a choice field status with PENDING, IN_PROGRESS and DELIVERED; "
        "Stock item has none.",
        "The Delivery template needs a date and time field started_at; Stock item has none.",
        "The Delivery template needs a date and time field delivered_at; Stock item has none.",
    ]
    assert client.get(f"{T}/flows", headers=headers).get_json()["items"] == []


def test_a_state_column_missing_an_option_is_named(client):
    columns = [dict(c, options=["PENDING", "IN_PROGRESS"]) if c["key"] == "status" else c for c in DELIVERY_COLUMNS]
    headers = _workspace(client, columns)
    body = {"name": "Delivery", "blueprint": "delivery", "template": "delivery"}
    response = client.post(f"{T}/flows", json=body, headers=headers)
    assert response.status_code == 422
    assert response.get_json()["errors"]["template"] == [
        "The Delivery template needs a choice field status with PENDING, IN_PROGRESS and DELIVERED; "
        "Delivery's status lacks DELIVERED."
    ]
