"""Templates made of steps: the Delivery template opens in the steps editor, and is refused by name
on a blueprint that lacks the columns it uses; the Stock template moves records through In stock,
Reserved and Out, adding that state field to a blueprint without one (a new blueprint version)."""

from __future__ import annotations

from designer.flows.templates import DELIVERY
from tests.factories import (
    DELIVERY_COLUMNS,
    STOCK_COLUMNS,
    create_blueprint,
    create_entity,
    create_flow,
    create_tenant,
    signed_in_user,
)

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


STOCK_BUTTONS = [
    ("Reserve", ["In stock"], "Reserved"),
    ("Release", ["Reserved"], "In stock"),
    ("Mark out", ["In stock", "Reserved"], "Out"),
    ("Restock", ["Out"], "In stock"),
]


def _stock(client, columns=STOCK_COLUMNS):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, SLUG)
    create_blueprint(client, headers, SLUG, columns=columns)
    return headers


def _blueprint(client, headers, key="stock_item"):
    return client.get(f"{T}/blueprints/{key}", headers=headers).get_json()


def test_the_templates_say_they_are_steps_and_what_they_need_or_add(client):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, SLUG)
    listed = {t["key"]: t for t in client.get(f"{T}/templates", headers=headers).get_json()}
    assert [listed[k]["kind"] for k in ("delivery", "stock")] == ["steps", "steps"]
    assert "status" in listed["delivery"]["needs"] and listed["delivery"]["adds"] is None
    assert "Stock state" in listed["stock"]["adds"] and "In stock, Reserved and Out" in listed["stock"]["needs"]
    assert "Reserve" in listed["stock"]["description"]


def test_the_stock_template_adds_its_state_field_publishes_the_blueprint_and_opens_in_the_steps_editor(client):
    columns = [*STOCK_COLUMNS, {"key": "reserved_at", "label": "Reserved at", "type": "datetime"}]
    headers = _stock(client, columns)
    assert _blueprint(client, headers)["published_version"]["number"] == 1

    create_flow(client, headers, SLUG, "stock_item", name="Stock", template="stock")

    blueprint = _blueprint(client, headers)
    assert blueprint["published_version"]["number"] == 2 and blueprint["draft_changed"] is False
    version = client.get(f"{T}/blueprints/stock_item/versions/2", headers=headers).get_json()
    [added] = [c for c in version["columns"] if c["key"] == "stock_state"]
    assert added["label"] == "Stock state" and added["default"] == "In stock"
    assert [o["value"] for o in added["options"]] == ["In stock", "Reserved", "Out"]
    assert [c["key"] for c in version["columns"]][:-1] == [c["key"] for c in columns]
    audit = client.get(f"{T}/audit", headers=headers, query_string={"action": "blueprint.published"}).get_json()
    assert [e["details"]["version"] for e in audit["items"]][:1] == [2]

    read = client.get(f"{T}/flows/stock/steps", headers=headers).get_json()
    assert read["note"] is None
    steps = read["steps"]
    assert steps["state"] == "stock_state" and steps["initial"] == "In stock"
    assert [(t["label"], t["from"], t["to"]) for t in steps["transitions"]] == STOCK_BUTTONS
    # Stamps go only into the date and time fields the blueprint has.
    assert {t["id"]: t["updates"] for t in steps["transitions"]} == {
        "reserve": [{"field": "reserved_at", "value": {"kind": "now"}}],
        "release": [],
        "mark_out": [],
        "restock": [],
    }

    record = create_entity(client, headers, SLUG, "stock_item", type="BOX")
    waiting = client.get(f"{T}/inbox", headers=headers).get_json()["items"]
    assert sorted(i["label"] for i in waiting) == ["Mark out", "Reserve"]
    reserve = next(i for i in waiting if i["label"] == "Reserve")
    done = client.post(f"{T}/inbox/{reserve['id']}/complete", json={"data": {}}, headers=headers)
    assert done.status_code == 200, done.get_json()
    data = client.get(f"{T}/entities/{record['id']}", headers=headers).get_json()["data"]
    assert data["stock_state"] == "Reserved" and data["reserved_at"]


def test_the_stock_template_uses_a_choice_field_that_has_its_states(client):
    columns = [
        *STOCK_COLUMNS,
        {"key": "availability", "label": "Availability", "type": "choice", "options": ["In stock", "Reserved", "Out"]},
    ]
    headers = _stock(client, columns)
    create_flow(client, headers, SLUG, "stock_item", name="Stock", template="stock", publish=False)
    assert _blueprint(client, headers)["published_version"]["number"] == 1
    steps = client.get(f"{T}/flows/stock/steps", headers=headers).get_json()["steps"]
    assert steps["state"] == "availability"


def test_the_stock_template_is_refused_while_the_blueprint_has_unpublished_changes(client):
    headers = _stock(client)
    blueprint = _blueprint(client, headers)
    changed = {"columns": [*blueprint["draft"]["columns"], {"key": "note", "label": "Note", "type": "text"}]}
    patch = {"lock_version": blueprint["lock_version"], "draft": changed}
    assert client.patch(f"{T}/blueprints/stock_item", json=patch, headers=headers).status_code == 200

    body = {"name": "Stock", "blueprint": "stock_item", "template": "stock"}
    response = client.post(f"{T}/flows", json=body, headers=headers)
    assert response.status_code == 422
    assert response.get_json()["errors"]["template"] == [
        "The Stock template adds a field Stock state to Stock item, but Stock item has changes that are not "
        "published yet: publish or discard them in the blueprint designer first, then try again."
    ]
    after = _blueprint(client, headers)
    assert after["published_version"]["number"] == 1 and after["draft_changed"] is True
    assert [c["key"] for c in after["draft"]["columns"]][-1] == "note"
    assert client.get(f"{T}/flows", headers=headers).get_json()["items"] == []


def test_the_stock_template_names_a_field_in_the_way(client):
    columns = [*STOCK_COLUMNS, {"key": "stock_state", "label": "Stock state", "type": "text"}]
    headers = _stock(client, columns)
    body = {"name": "Stock", "blueprint": "stock_item", "template": "stock"}
    response = client.post(f"{T}/flows", json=body, headers=headers)
    assert response.status_code == 422
    assert response.get_json()["errors"]["template"] == [
        "The Stock template adds a choice field stock_state with In stock, Reserved and Out; Stock item already "
        "has a field stock_state (text). Add those options to it, or rename it."
    ]
    assert _blueprint(client, headers)["published_version"]["number"] == 1
