"""Generated flows run in the engine and change the record as the table says."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from engine.flows import run
from engine.flows.errors import FlowError
from engine.flows.parser import parse as parse_flow
from engine.flows.steps import parse, to_bpmn, transition_elements
from engine.flows.variables import to_variables

from .cases import COLUMNS, DELIVERY, busy_steps, delivery_steps

# Timers count from Loom's clock, but SpiffWorkflow checks them against the machine's: start now.
T0 = datetime.now(UTC).replace(microsecond=0)


def _flow(data):
    steps = parse(data, COLUMNS)
    return steps, parse_flow(to_bpmn(steps, process_id="delivery_flow", name="Delivery", blueprint="delivery"))


def _waiting(workflow) -> dict[str, object]:
    return {task.task_spec.bpmn_id: task for task in run.waiting(workflow)}


def test_the_delivery_story_moves_the_state_and_stamps_the_times(sandbox):
    _steps, flow = _flow(delivery_steps())
    record = to_variables(DELIVERY, {"cargo": "Tea", "code": "D1"})
    workflow = run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    assert record["status"] == "PENDING"
    assert list(_waiting(workflow)) == ["t_delivery_started"]
    assert flow.transitions["t_delivery_started"].fields == ("cargo",)

    workflow = run.restore(run.serialize(workflow))
    started = T0 + timedelta(hours=1)
    run.complete(
        workflow,
        _waiting(workflow)["t_delivery_started"].id,
        {},
        sandbox=sandbox,
        now=started,
        zone="UTC",
        record=record,
    )
    assert record["status"] == "IN_PROGRESS" and record["started_at"] == started
    assert list(_waiting(workflow)) == ["t_delivered"]

    workflow = run.restore(run.serialize(workflow))
    delivered = T0 + timedelta(hours=5)
    run.complete(
        workflow, _waiting(workflow)["t_delivered"].id, {}, sandbox=sandbox, now=delivered, zone="UTC", record=record
    )
    assert record["status"] == "DELIVERED" and record["delivered_at"] == delivered and record["started_at"] == started
    assert workflow.is_completed()  # DELIVERED has no way out


def test_a_record_with_a_state_already_set_starts_there(sandbox):
    _steps, flow = _flow(delivery_steps())
    record = to_variables(DELIVERY, {"status": "IN_PROGRESS"})
    workflow = run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    assert list(_waiting(workflow)) == ["t_delivered"] and record["status"] == "IN_PROGRESS"


def test_pressing_one_of_two_buttons_takes_back_the_other_and_applies_every_update(sandbox):
    steps, flow = _flow(busy_steps())
    assert transition_elements(steps) == {"start": ["t_start"], "cancel": ["t_cancel-pending", "t_cancel-in_progress"]}
    assert flow.transitions["t_start"].fields == ("qty", "price")
    record = to_variables(DELIVERY, {"cargo": "Green tea", "qty": 3, "price": "2.50"})
    workflow = run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    waiting = _waiting(workflow)
    assert set(waiting) == {"t_start", "t_cancel-pending"}
    assert [element for _id, element, _due in run.timers(workflow)] == ["timer_auto_cancel"]

    workflow = run.restore(run.serialize(workflow))
    run.complete(
        workflow,
        _waiting(workflow)["t_start"].id,
        {"pressed_by": 7},
        sandbox=sandbox,
        now=T0,
        zone="UTC",
        record=record,
    )
    assert record["status"] == "IN_PROGRESS"
    assert record["total"] == Decimal("7.50")
    assert record["note"] == "Green tea x 3"
    assert record["handled_by"] == 7
    assert record["due_on"] == date(2026, 12, 4)
    assert set(_waiting(workflow)) == {"t_cancel-in_progress"}  # the other button of PENDING is gone
    assert run.timers(workflow) == []  # and so is PENDING's timer

    run.complete(
        workflow, _waiting(workflow)["t_cancel-in_progress"].id, {}, sandbox=sandbox, now=T0, zone="UTC", record=record
    )
    assert record["status"] == "CANCELLED" and record["note"] == "Cancelled by hand" and workflow.is_completed()


def test_a_condition_that_does_not_hold_refuses_the_button_in_plain_words(sandbox):
    _steps, flow = _flow(busy_steps())
    record = to_variables(DELIVERY, {"cargo": "Coffee", "qty": 3, "price": "1"})
    workflow = run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    with pytest.raises(FlowError) as caught:
        run.complete(
            workflow,
            _waiting(workflow)["t_start"].id,
            {"pressed_by": 7},
            sandbox=sandbox,
            now=T0,
            zone="UTC",
            record=record,
        )
    assert "Only when Quantity is more than 0 and (Cargo contains tea or Urgent is yes)" in caught.value.message
    assert "Error" not in caught.value.message and "Declined" not in caught.value.message
    assert caught.value.element == "t_start-do"


def test_a_calculation_over_an_empty_field_says_which_field(sandbox):
    _steps, flow = _flow(busy_steps())
    record = to_variables(DELIVERY, {"cargo": "tea", "qty": 3})
    workflow = run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    with pytest.raises(FlowError) as caught:
        run.complete(
            workflow,
            _waiting(workflow)["t_start"].id,
            {"pressed_by": 7},
            sandbox=sandbox,
            now=T0,
            zone="UTC",
            record=record,
        )
    assert "Price is empty, so Total cannot be worked out." in caught.value.message


def test_a_timer_moves_the_state_and_takes_back_the_buttons(sandbox):
    _steps, flow = _flow(busy_steps())
    record = to_variables(DELIVERY, {"cargo": "tea", "qty": 1})
    workflow = run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    [(_task, element, due)] = run.timers(workflow)
    # Due after 2 days and 3 hours (run.py rebases the machine's due time, losing the moments between).
    assert element == "timer_auto_cancel" and T0 + timedelta(days=2) < due <= T0 + timedelta(days=2, hours=3)
    workflow = run.restore(run.serialize(workflow))
    assert run.fire_due_timers(workflow, sandbox=sandbox, now=T0 + timedelta(days=2), zone="UTC", record=record) == []
    assert record["status"] == "PENDING"
    fired = run.fire_due_timers(
        workflow, sandbox=sandbox, now=T0 + timedelta(days=2, hours=3), zone="UTC", record=record
    )
    assert fired == ["timer_auto_cancel"]
    assert record["status"] == "CANCELLED" and record["note"] == "Timed out"
    assert _waiting(workflow) == {} and workflow.is_completed()


def test_a_button_that_keeps_the_state_offers_itself_again(sandbox):
    data = delivery_steps()
    data["transitions"].append(
        {
            "id": "count",
            "label": "Count",
            "from": ["PENDING"],
            "to": "PENDING",
            "who": {"kind": "anyone"},
            "updates": [
                {
                    "field": "qty",
                    "value": {
                        "kind": "calc",
                        "left": {"kind": "field", "field": "qty"},
                        "op": "+",
                        "right": {"kind": "literal", "value": 1},
                    },
                }
            ],
        }
    )
    _steps, flow = _flow(data)
    record = to_variables(DELIVERY, {"qty": 0})
    workflow = run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    for expected in (1, 2):
        run.complete(workflow, _waiting(workflow)["t_count"].id, {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
        assert record["qty"] == expected and record["status"] == "PENDING"
        assert set(_waiting(workflow)) == {"t_delivery_started", "t_count"}


def test_every_kind_of_value_and_condition_runs_in_the_sandbox(sandbox):
    data = delivery_steps()
    data["transitions"][0]["updates"] = [
        {"field": "started_at", "value": {"kind": "literal", "value": "2026-01-02T03:04:05+01:00"}},
        {
            "field": "delivered_at",
            "value": {
                "kind": "calc",
                "left": {"kind": "field", "field": "started_at"},
                "op": "+",
                "right": {"kind": "duration", "days": 1, "hours": 2, "minutes": 3},
            },
        },
        {"field": "due_on", "value": {"kind": "today"}},
        {"field": "tags", "value": {"kind": "literal", "value": ["cold", "fragile"]}},
        {"field": "price", "value": {"kind": "literal", "value": "1.25"}},
        {
            "field": "qty",
            "value": {
                "kind": "calc",
                "left": {"kind": "field", "field": "price"},
                "op": "/",
                "right": {"kind": "literal", "value": "0.25"},
            },
        },
        {"field": "urgent", "value": {"kind": "literal", "value": True}},
        {"field": "cargo", "value": {"kind": "field", "field": "email"}},
        {"field": "email", "value": {"kind": "clear"}},
    ]
    data["transitions"][0]["condition"] = {
        "and": [
            {"column": "cargo", "op": "starts_with", "value": "TE"},
            {"column": "due_on", "op": "within", "value": {"last": 3}},
            {"column": "started_at", "op": "empty"},
            {"column": "tags", "op": "in", "value": ["cold"]},
            {"column": "price", "op": "between", "value": ["0", "9.5"]},
        ]
    }
    _steps, flow = _flow(data)
    stored = {"cargo": "tea", "due_on": T0.date().isoformat(), "tags": ["cold"], "price": "2", "email": "a@b.co"}
    record = to_variables(DELIVERY, stored)
    workflow = run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    run.complete(
        workflow, _waiting(workflow)["t_delivery_started"].id, {}, sandbox=sandbox, now=T0, zone="UTC", record=record
    )
    assert record["started_at"] == datetime(2026, 1, 2, 2, 4, 5, tzinfo=UTC)
    assert record["delivered_at"] == datetime(2026, 1, 3, 4, 7, 5, tzinfo=UTC)
    assert record["due_on"] == T0.date() and record["tags"] == ["fragile", "cold"]  # in the options' order
    assert record["price"] == Decimal("1.25") and record["qty"] == 5 and record["urgent"] is True
    assert record["cargo"] == "a@b.co" and record["email"] is None and record["status"] == "IN_PROGRESS"
