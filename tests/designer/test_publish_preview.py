"""The publish preview: what a new version changes against the last published one, what stops it
(refused by publishing too, by the same checks), and warnings that do not stop it."""

from __future__ import annotations

import copy

from tests.factories import (
    DELIVERY_COLUMNS,
    DRAWN_DELIVERY,
    STOCK_COLUMNS,
    create_blueprint,
    create_flow,
    create_tenant,
    delivery_steps,
    signed_in_user,
)

SLUG = "x-preview"
T = f"/api/tenants/{SLUG}"


def _workspace(client, columns=DELIVERY_COLUMNS, name="Delivery"):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, SLUG)
    create_blueprint(client, headers, SLUG, name=name, columns=columns)
    return headers


def _preview(client, headers, what):
    response = client.get(f"{T}/{what}/publish-preview", headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _publish(client, headers, what):
    lock = client.get(f"{T}/{what}", headers=headers).get_json()["lock_version"]
    return client.post(f"{T}/{what}/publish", json={"lock_version": lock}, headers=headers)


def _named(items):
    return {item["name"]: item["details"] for item in items}


def _change_blueprint(client, headers, key, columns):
    detail = client.get(f"{T}/blueprints/{key}", headers=headers).get_json()
    body = {"lock_version": detail["lock_version"], "draft": {"columns": columns, "form": None}}
    response = client.patch(f"{T}/blueprints/{key}", json=body, headers=headers)
    assert response.status_code == 200, response.get_json()


def test_steps_added_removed_and_changed_against_the_published_version(client):
    headers = _workspace(client)
    created = client.post(
        f"{T}/flows", json={"name": "Delivery", "blueprint": "delivery", "steps": delivery_steps()}, headers=headers
    )
    assert created.status_code == 201, created.get_json()

    first = _preview(client, headers, "flows/delivery")
    assert first["first"] is True and first["number"] == 1 and first["problems"] == []
    assert set(_named(first["changes"]["added"])) == {"Delivery started", "Delivered"}
    assert "Moves from PENDING to IN_PROGRESS." in _named(first["changes"]["added"])["Delivery started"]
    # DELIVERED has no way out: said, but it does not stop publishing.
    assert any("Records in DELIVERED stay there" in w for w in first["warnings"])
    assert _publish(client, headers, "flows/delivery").status_code == 201

    steps = delivery_steps()
    steps["transitions"][1]["label"] = "Handed over"
    steps["transitions"][1]["who"] = {"kind": "role", "role": "admin"}
    steps["transitions"][1]["updates"] = []
    del steps["transitions"][0]
    steps["initial"] = "IN_PROGRESS"
    steps["transitions"].append(
        {
            "id": "returned",
            "label": "Returned",
            "from": ["DELIVERED"],
            "to": "IN_PROGRESS",
            "who": {"kind": "anyone"},
            "form": ["cargo"],
            "updates": [],
            "condition": None,
        }
    )
    steps["timers"] = [{"id": "late", "state": "IN_PROGRESS", "after": {"days": 2}, "to": "DELIVERED", "updates": []}]
    lock = client.get(f"{T}/flows/delivery", headers=headers).get_json()["lock_version"]
    saved = client.put(f"{T}/flows/delivery/steps", json={"steps": steps, "lock_version": lock}, headers=headers)
    assert saved.status_code == 200, saved.get_json()

    preview = _preview(client, headers, "flows/delivery")
    assert preview["first"] is False and preview["number"] == 2 and preview["problems"] == []
    changes = preview["changes"]
    added = _named(changes["added"])
    assert set(added) == {"Returned", "After 2 days in IN_PROGRESS"}
    assert "Asks for Cargo." in added["Returned"]
    assert [(c["kind"], c["name"]) for c in changes["removed"]] == [("transition", "Delivery started")]
    changed = _named(changes["changed"])
    assert changed["Handed over"] == [
        "Renamed from 'Delivered' to 'Handed over'.",
        "Done by a admin. Before: done by anyone.",
        "No longer sets Delivered at.",
    ]
    assert changed["Starting state"] == ["Now IN_PROGRESS; was PENDING."]
    # PENDING: nobody leads there any more (the starting state moved on).
    assert any(w.startswith("Nobody can reach PENDING") for w in preview["warnings"])
    assert _publish(client, headers, "flows/delivery").status_code == 201
    again = _preview(client, headers, "flows/delivery")
    assert [p["message"] for p in again["problems"]] == [
        "Nothing changed since version 2; change the draft before publishing it."
    ]
    assert [(p["code"], p["params"]) for p in again["problems"]] == [("flow.publish.unchanged", {"version": 2})]


def test_a_drawn_diagram_is_compared_element_by_element(client):
    headers = _workspace(client)
    create_flow(client, headers, SLUG, "delivery", xml=DRAWN_DELIVERY.read_text(encoding="utf-8"))
    flow = client.get(f"{T}/flows/delivery", headers=headers).get_json()
    xml = flow["draft"]["xml"].replace(
        '<bpmn:userTask id="delivered" name="Delivered">', '<bpmn:userTask id="delivered" name="Handed over">'
    )
    patched = client.patch(
        f"{T}/flows/delivery", json={"lock_version": flow["lock_version"], "xml": xml}, headers=headers
    )
    assert patched.status_code == 200, patched.get_json()
    preview = _preview(client, headers, "flows/delivery")
    assert preview["changes"]["added"] == [] and preview["changes"]["removed"] == []
    assert preview["changes"]["changed"] == [
        {
            "kind": "user task",
            "key": "delivered",
            "name": "Handed over",
            "details": ["Renamed from 'Delivered' to 'Handed over'."],
        }
    ]


def test_a_field_the_flow_writes_that_is_gone_or_retyped_is_named_and_blocks_publishing(client):
    headers = _workspace(client)
    create_flow(client, headers, SLUG, "delivery", name="Delivery")  # the Delivery template, published
    columns = [c for c in DELIVERY_COLUMNS if c["key"] != "started_at"]
    columns = [dict(c, type="text") if c["key"] == "delivered_at" else c for c in columns]
    _change_blueprint(client, headers, "delivery", columns)

    blueprint = _preview(client, headers, "blueprints/delivery")
    assert blueprint["problems"] == []
    assert [c["key"] for c in blueprint["changes"]["removed"]] == ["started_at"]
    assert _named(blueprint["changes"]["changed"])["Delivered at"] == ["Now a text column; was a date and time column."]
    [warning] = blueprint["warnings"]  # warned, not refused
    assert warning.startswith("The flow “Delivery” will need changes")
    assert _publish(client, headers, "blueprints/delivery").status_code == 201

    # The flow's draft changes (a label), so only the blueprint stops it.
    steps = client.get(f"{T}/flows/delivery/steps", headers=headers).get_json()
    steps["steps"]["transitions"][0]["label"] = "Started"
    flow = client.get(f"{T}/flows/delivery", headers=headers).get_json()
    saved = client.put(
        f"{T}/flows/delivery/steps",
        json={"steps": steps["steps"], "lock_version": flow["lock_version"]},
        headers=headers,
    )
    # The table cannot be saved any more either: the field is gone.
    assert saved.status_code == 422

    messages = [p["message"] for p in _preview(client, headers, "flows/delivery")["problems"]]
    assert "The Delivery template needs a date and time field started_at; Delivery has none." in messages
    assert "The Delivery template needs a date and time field delivered_at; Delivery has none." in messages
    assert (
        "The flow uses 'delivered_at' (Delivered at) as a date and time field, but in Delivery it is now a text "
        "field; change the step or the field." in messages
    )
    assert any("'started_at' (Started at), which Delivery no longer has" in m for m in messages)
    # The same draft that had been published: nothing changed, and publishing says all of it.
    refused = _publish(client, headers, "flows/delivery")
    assert refused.status_code == 422
    assert [p["message"] for p in refused.get_json()["problems"]] == messages
    assert refused.get_json()["detail"].startswith("The flow cannot be published yet: The Delivery template needs")


def test_a_drawn_flow_writing_a_missing_field_is_refused_by_name(client):
    headers = _workspace(client)
    xml = DRAWN_DELIVERY.read_text(encoding="utf-8").replace("started_at = now()", "begun_at = now()")
    create_flow(client, headers, SLUG, "delivery", xml=xml, publish=False)
    problems = _preview(client, headers, "flows/delivery")["problems"]
    assert any("sets 'begun_at', but Delivery has no field 'begun_at'" in p["message"] for p in problems)
    refused = _publish(client, headers, "flows/delivery")
    assert refused.status_code == 422
    assert refused.get_json()["problems"] == problems


def test_blueprint_columns_added_removed_and_changed(client):
    headers = _workspace(client, STOCK_COLUMNS, "Stock item")
    first = client.post(f"{T}/blueprints", json={"name": "Box", "columns": STOCK_COLUMNS[:1]}, headers=headers)
    preview = _preview(client, headers, "blueprints/box")
    assert preview["first"] is True and preview["number"] == 1
    assert preview["changes"]["added"] == [
        {
            "kind": "column",
            "key": "type",
            "name": "Type",
            "details": ["A choice column with BOX, PALLET and CRATE, required."],
        }
    ]
    assert first.status_code == 201

    columns = copy.deepcopy(STOCK_COLUMNS)
    columns = [c for c in columns if c["key"] != "space"]
    columns[0]["options"] = ["BOX", "PALLET", "CRATE", "BAG"]
    columns[2]["label"] = "Count"
    columns[2]["required"] = True
    columns.append({"key": "note", "label": "Note", "type": "long_text"})
    _change_blueprint(client, headers, "stock_item", columns)
    preview = _preview(client, headers, "blueprints/stock_item")
    assert preview["first"] is False and preview["number"] == 2 and preview["problems"] == []
    changes = preview["changes"]
    assert _named(changes["added"]) == {"Note": ["A long text column."]}
    assert _named(changes["removed"]) == {"Space": []}
    changed = _named(changes["changed"])
    assert changed["Type"] == ["Options added: BAG."]
    assert changed["Count"] == ["Renamed from 'Quantity' to 'Count'.", "Now required."]


def test_blueprint_problems_are_what_publishing_refuses(client):
    headers = _workspace(client, STOCK_COLUMNS, "Stock item")
    columns = [*STOCK_COLUMNS, {"key": "shelf", "label": "Shelf", "type": "reference", "reference": "nowhere"}]
    _change_blueprint(client, headers, "stock_item", columns)
    problems = _preview(client, headers, "blueprints/stock_item")["problems"]
    assert problems == [
        {"field": "draft.columns.5.reference", "message": "'nowhere' is not a published blueprint of this workspace."}
    ]
    refused = _publish(client, headers, "blueprints/stock_item")
    assert refused.status_code == 422
    assert refused.get_json()["errors"] == {"draft.columns.5.reference": [problems[0]["message"]]}

    _change_blueprint(client, headers, "stock_item", STOCK_COLUMNS)
    problems = _preview(client, headers, "blueprints/stock_item")["problems"]
    assert problems == [{"field": "draft", "message": "Nothing changed since version 1."}]
    assert _publish(client, headers, "blueprints/stock_item").status_code == 422


def test_only_owners_and_admins_preview(client):
    headers = _workspace(client)
    _, stranger = signed_in_user(client, "stranger")
    assert client.get(f"{T}/blueprints/delivery/publish-preview", headers=stranger).status_code == 404
    assert client.get(f"{T}/flows/nothing/publish-preview", headers=headers).status_code == 404
