"""What one step may spend: engine steps, multi-instance instances, the instance's stored size."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from engine.flows import run
from engine.flows.errors import FlowError
from engine.flows.limits import Limits, check_state
from engine.flows.parser import parse
from engine.flows.sandbox import Sandbox

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def _flow(body: str, flows: list[tuple[str, str]]) -> str:
    arrows = "".join(
        f'<bpmn:sequenceFlow id="f{i}" sourceRef="{a}" targetRef="{b}" />' for i, (a, b) in enumerate(flows)
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:loom="http://loom.dev/schema/bpmn/1.0" id="defs" targetNamespace="http://loom.dev/tests">
  <bpmn:process id="budget" isExecutable="true" loom:blueprint="stock_item">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="go" name="Go" />
    {body}
    <bpmn:endEvent id="end" />
    {arrows}
  </bpmn:process>
</bpmn:definitions>"""


# "Pick" once per unit: a cardinality that comes from the record's data.
PICK_PER_UNIT = _flow(
    '<bpmn:userTask id="pick" name="Pick"><bpmn:multiInstanceLoopCharacteristics>'
    "<bpmn:loopCardinality>qty * 2000</bpmn:loopCardinality>"
    "</bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>",
    [("start", "go"), ("go", "pick"), ("pick", "end")],
)

# A script makes the list; "Check" runs once per item of it.
CHECK_EACH = _flow(
    '<bpmn:scriptTask id="make" name="Make the list"><bpmn:script>parts = list(range(count))</bpmn:script>'
    "</bpmn:scriptTask>"
    '<bpmn:userTask id="check" name="Check"><bpmn:multiInstanceLoopCharacteristics>'
    '<bpmn:loopDataInputRef>parts</bpmn:loopDataInputRef><bpmn:inputDataItem id="part" name="part" />'
    "</bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>",
    [("start", "go"), ("go", "make"), ("make", "check"), ("check", "end")],
)

# A loop without a wait: the gateway sends the script back to itself forever.
FOREVER = _flow(
    '<bpmn:scriptTask id="spin" name="Spin"><bpmn:script>n = n + 1</bpmn:script></bpmn:scriptTask>'
    '<bpmn:exclusiveGateway id="again" default="f_back" />'
    '<bpmn:sequenceFlow id="f_back" sourceRef="again" targetRef="spin" />',
    [("start", "go"), ("go", "spin"), ("spin", "again")],
)


def _go(flow_xml: str, data: dict, sandbox: Sandbox, limits: Limits):
    workflow = run.start(parse(flow_xml), data, sandbox=sandbox, now=T0, zone="UTC", limits=limits)
    stored = run.serialize(workflow)
    [task] = run.waiting(workflow)
    return workflow, task, stored


def test_a_cardinality_from_data_over_the_limit_is_refused_before_any_instance_exists(sandbox):
    workflow, task, stored = _go(PICK_PER_UNIT, {"qty": 10}, sandbox, Limits())
    with pytest.raises(FlowError) as caught:
        run.complete(workflow, task.id, {}, sandbox=sandbox, now=T0, zone="UTC", limits=Limits())
    assert caught.value.element == "pick"
    assert "20,000 times" in caught.value.message and "1,000" in caught.value.message
    assert len(workflow.get_tasks()) < 50  # refused before the engine made the instances
    assert run.waiting(run.restore(stored))[0].task_spec.bpmn_id == "go"


def test_a_cardinality_within_the_limit_runs(sandbox):
    workflow, task, _ = _go(PICK_PER_UNIT, {"qty": 1}, sandbox, Limits(instances=2000))
    run.complete(workflow, task.id, {}, sandbox=sandbox, now=T0, zone="UTC", limits=Limits(instances=2000))
    assert len(run.waiting(workflow)) == 2000


def test_a_collection_a_script_made_over_the_limit_is_refused(sandbox):
    limits = Limits(instances=5)
    workflow, task, _ = _go(CHECK_EACH, {"count": 6}, sandbox, limits)
    with pytest.raises(FlowError) as caught:
        run.complete(workflow, task.id, {}, sandbox=sandbox, now=T0, zone="UTC", limits=limits)
    assert caught.value.element == "check" and "6 times" in caught.value.message

    workflow, task, _ = _go(CHECK_EACH, {"count": 5}, sandbox, limits)
    run.complete(workflow, task.id, {}, sandbox=sandbox, now=T0, zone="UTC", limits=limits)
    assert len(run.waiting(workflow)) == 5


def test_a_loop_without_a_wait_stops_at_the_step_limit(sandbox):
    limits = Limits(steps=20)
    workflow, task, _ = _go(FOREVER, {"n": 0}, sandbox, limits)
    with pytest.raises(FlowError) as caught:
        run.complete(workflow, task.id, {}, sandbox=sandbox, now=T0, zone="UTC", limits=limits)
    assert caught.value.element in {"spin", "again"} and "after 20 steps" in caught.value.message


def test_a_state_over_the_size_limit_is_refused_naming_the_element_that_ran_last(sandbox):
    workflow, task, _ = _go(CHECK_EACH, {"count": 3}, sandbox, Limits())
    run.complete(workflow, task.id, {"note": "x" * 4000}, sandbox=sandbox, now=T0, zone="UTC")
    state = run.serialize(workflow)
    check_state(workflow, state, Limits())
    with pytest.raises(FlowError) as caught:
        check_state(workflow, state, Limits(state_bytes=2048))
    assert caught.value.element == "make" and "at most 2 KiB" in caught.value.message
