"""Importing a diagram with several pools: one flow per pool, each for the blueprint chosen for it,
all or nothing, and no pool left out."""

from __future__ import annotations

from lxml import etree

from tests.engine.flows.test_pools import NS, TWO_POOLS
from tests.factories import DELIVERY_COLUMNS, STOCK_COLUMNS, create_blueprint, create_tenant, signed_in_user

T = "/api/tenants/pools"


def _workspace(client):
    _, headers = signed_in_user(client)
    create_tenant(client, headers, "pools")
    create_blueprint(client, headers, "pools", name="Delivery", columns=DELIVERY_COLUMNS)
    create_blueprint(client, headers, "pools", name="Stock item", columns=STOCK_COLUMNS)
    return headers


def _flow_names(client, headers):
    return sorted(f["name"] for f in client.get(f"{T}/flows", headers=headers).get_json()["items"])


def test_the_pools_of_a_diagram_are_listed_to_choose_a_blueprint_for_each(client):
    headers = _workspace(client)
    response = client.post(f"{T}/flow-imports/pools", json={"xml": TWO_POOLS}, headers=headers)
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {
        "pools": [
            {"process": "order", "name": "Orders", "blueprint": None},
            {"process": "delivery", "name": "Deliveries", "blueprint": None},
        ],
        "warnings": [],
    }


def test_each_pool_becomes_a_flow_of_the_blueprint_chosen_for_it(client):
    headers = _workspace(client)
    choices = [
        {"process": "delivery", "blueprint": "delivery"},
        {"process": "order", "blueprint": "stock_item", "name": "Order payment"},
    ]
    response = client.post(f"{T}/flow-imports", json={"xml": TWO_POOLS, "pools": choices}, headers=headers)
    assert response.status_code == 201, response.get_json()
    flows = {f["name"]: f for f in response.get_json()["flows"]}
    assert {name: f["blueprint"]["key"] for name, f in flows.items()} == {
        "Order payment": "stock_item",
        "Deliveries": "delivery",
    }
    delivery = etree.fromstring(flows["Deliveries"]["draft"]["xml"].encode())
    [process] = delivery.findall("bpmn:process", NS)
    assert process.get("id") == "delivery"
    assert process.get("{http://loom.dev/schema/bpmn/1.0}blueprint") == "delivery"
    caught = delivery.find(".//bpmn:intermediateCatchEvent/bpmn:messageEventDefinition", NS)
    assert caught.get("messageRef") == "Message_paid_flow"
    assert _flow_names(client, headers) == ["Deliveries", "Order payment"]


def test_a_pool_left_without_a_blueprint_is_refused_and_nothing_is_made(client):
    headers = _workspace(client)
    choices = [{"process": "order", "blueprint": "delivery"}]
    response = client.post(f"{T}/flow-imports", json={"xml": TWO_POOLS, "pools": choices}, headers=headers)
    assert response.status_code == 422
    assert "Deliveries" in response.get_json()["errors"]["pools"][0]
    assert _flow_names(client, headers) == []


def test_an_unknown_blueprint_or_a_taken_name_names_the_pool_and_nothing_is_made(client):
    headers = _workspace(client)
    choices = [{"process": "order", "blueprint": "delivery"}, {"process": "delivery", "blueprint": "nope"}]
    response = client.post(f"{T}/flow-imports", json={"xml": TWO_POOLS, "pools": choices}, headers=headers)
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["pools.1.blueprint"]
    choices = [
        {"process": "order", "blueprint": "delivery", "name": "Same"},
        {"process": "delivery", "blueprint": "delivery", "name": "same"},
    ]
    response = client.post(f"{T}/flow-imports", json={"xml": TWO_POOLS, "pools": choices}, headers=headers)
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"pools.1.name", "pools.1.key"}
    assert _flow_names(client, headers) == []


def test_a_pool_chosen_twice_or_one_that_does_not_exist_is_refused(client):
    headers = _workspace(client)
    twice = [{"process": "order", "blueprint": "delivery"}] * 2 + [{"process": "delivery", "blueprint": "delivery"}]
    response = client.post(f"{T}/flow-imports", json={"xml": TWO_POOLS, "pools": twice}, headers=headers)
    assert response.status_code == 422
    ghost = [
        {"process": "order", "blueprint": "delivery"},
        {"process": "delivery", "blueprint": "delivery"},
        {"process": "ghost", "blueprint": "delivery"},
    ]
    response = client.post(f"{T}/flow-imports", json={"xml": TWO_POOLS, "pools": ghost}, headers=headers)
    assert response.status_code == 422
    assert "pools.2.process" in response.get_json()["errors"]
    bad = client.post(f"{T}/flow-imports/pools", json={"xml": "<not xml"}, headers=headers)
    assert bad.status_code == 422 and "xml" in bad.get_json()["errors"]
    assert _flow_names(client, headers) == []
