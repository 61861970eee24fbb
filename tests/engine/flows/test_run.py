"""Running flows in the engine: a drawn Delivery flow end to end, exact types, clear failures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from SpiffWorkflow.bpmn.exceptions import WorkflowTaskException

from engine.flows import run
from engine.flows.errors import FlowError
from engine.flows.parser import parse
from engine.flows.sandbox import ScriptError

EXAMPLES = Path(__file__).resolve().parents[3] / "bpmn" / "examples"
T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def test_the_drawn_delivery_flow_binds_the_blueprint_and_names_its_transitions():
    flow = parse((EXAMPLES / "delivery.bpmn").read_bytes())
    assert flow.blueprint == "delivery"
    assert {t.label for t in flow.transitions.values()} == {"Delivery started", "Delivered"}
    assert flow.transitions["delivery_started"].role == "editor"


def test_delivery_runs_through_both_transitions_surviving_storage_each_time(sandbox):
    flow = parse((EXAMPLES / "delivery.bpmn").read_bytes())
    workflow = run.start(flow, {"status": "PENDING", "cargo": "Tea"}, sandbox=sandbox, now=T0, zone="UTC")
    [task] = run.waiting(workflow)
    assert task.task_spec.bpmn_id == "delivery_started"

    workflow = run.restore(run.serialize(workflow))
    [task] = run.waiting(workflow)
    started = T0 + timedelta(hours=1)
    run.complete(workflow, task.id, {}, sandbox=sandbox, now=started, zone="UTC")
    assert run.variables(workflow) == {"status": "IN_PROGRESS", "cargo": "Tea", "started_at": started}

    workflow = run.restore(run.serialize(workflow))
    [task] = run.waiting(workflow)
    assert task.task_spec.bpmn_id == "delivered"
    delivered = T0 + timedelta(hours=5)
    run.complete(workflow, task.id, {"weight": Decimal("12.50")}, sandbox=sandbox, now=delivered, zone="UTC")
    assert workflow.is_completed()
    after = run.variables(run.restore(run.serialize(workflow)))
    assert after["status"] == "DELIVERED" and after["delivered_at"] == delivered and after["started_at"] == started
    assert after["weight"] == Decimal("12.50") and str(after["weight"]) == "12.50"


def test_a_failing_script_names_its_element_and_changes_nothing(sandbox):
    xml = (EXAMPLES / "delivery.bpmn").read_text().replace('status = "IN_PROGRESS"', "status = 1 / 0")
    flow = parse(xml)
    workflow = run.start(flow, {"status": "PENDING"}, sandbox=sandbox, now=T0, zone="UTC")
    stored = run.serialize(workflow)
    [task] = run.waiting(workflow)
    with pytest.raises(FlowError) as caught:
        run.complete(workflow, task.id, {}, sandbox=sandbox, now=T0, zone="UTC")
    assert caught.value.element == "mark_started" and "ZeroDivisionError" in caught.value.message
    assert run.variables(run.restore(stored)) == {"status": "PENDING"}  # the stored instance is untouched


def test_an_escaping_script_fails_the_transition_with_a_clear_error(sandbox):
    xml = (EXAMPLES / "delivery.bpmn").read_text().replace('status = "IN_PROGRESS"', "x = ().__class__")
    workflow = run.start(parse(xml), {}, sandbox=sandbox, now=T0, zone="UTC")
    [task] = run.waiting(workflow)
    with pytest.raises(FlowError) as caught:
        run.complete(workflow, task.id, {}, sandbox=sandbox, now=T0, zone="UTC")
    assert caught.value.element == "mark_started" and "__class__" in caught.value.message


def test_a_task_done_already_cannot_be_done_twice(sandbox):
    workflow = run.start(parse((EXAMPLES / "delivery.bpmn").read_bytes()), {}, sandbox=sandbox, now=T0, zone="UTC")
    [task] = run.waiting(workflow)
    run.complete(workflow, task.id, {}, sandbox=sandbox, now=T0, zone="UTC")
    with pytest.raises(FlowError):
        run.complete(workflow, task.id, {}, sandbox=sandbox, now=T0, zone="UTC")


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        ("<not-closed", "not valid XML"),
        (
            '<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"/>',
            "no process",
        ),
    ],
)
def test_broken_diagrams_are_refused_clearly(xml, expected):
    with pytest.raises(FlowError) as caught:
        parse(xml)
    assert expected in caught.value.message


def test_xml_entities_are_not_expanded():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&b;</bpmn:definitions>'
    )
    with pytest.raises(FlowError):
        parse(bomb)


def test_the_designer_descriptor_and_the_parser_share_one_namespace():
    import json

    from engine.flows.parser import LOOM_NS

    descriptor = json.loads((EXAMPLES.parent / "loom.json").read_text())
    assert descriptor["uri"] == LOOM_NS and descriptor["prefix"] == "loom"
    assert {t["name"] for t in descriptor["types"]} >= {"Transition", "Field", "BoundProcess"}


def test_a_restored_instance_runs_no_script_outside_a_step(sandbox):
    flow = parse((EXAMPLES / "delivery.bpmn").read_bytes())
    workflow = run.start(flow, {"status": "PENDING"}, sandbox=sandbox, now=T0, zone="UTC")
    restored = run.restore(run.serialize(workflow))
    [task] = run.waiting(restored)
    with pytest.raises(WorkflowTaskException) as raised:
        restored.script_engine.evaluate(task, "1 + 1")
    assert isinstance(raised.value.__cause__ or raised.value.__context__, ScriptError)
