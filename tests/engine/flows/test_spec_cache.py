"""Each diagram is restored once per process; what a restore builds is what it built before."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path

from engine.flows import run
from engine.flows.parser import parse

EXAMPLES = Path(__file__).resolve().parents[3] / "bpmn" / "examples"
T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
FLOW = parse((EXAMPLES / "delivery.bpmn").read_bytes())
CALLS = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="outer" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:subProcess id="inner"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:startEvent id="inner_start"><bpmn:outgoing>s1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:userTask id="check" name="Check"><bpmn:incoming>s1</bpmn:incoming><bpmn:outgoing>s2</bpmn:outgoing>
      </bpmn:userTask>
      <bpmn:endEvent id="inner_end"><bpmn:incoming>s2</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="s1" sourceRef="inner_start" targetRef="check"/>
      <bpmn:sequenceFlow id="s2" sourceRef="check" targetRef="inner_end"/>
    </bpmn:subProcess>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="inner"/>
    <bpmn:sequenceFlow id="f2" sourceRef="inner" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>"""


def _stored(flow, data, sandbox):
    """An instance's state as the database gives it back."""
    return json.loads(json.dumps(run.serialize(run.start(flow, data, sandbox=sandbox, now=T0, zone="UTC"))))


def test_instances_of_one_diagram_share_one_restored_spec(sandbox):
    first, second = _stored(FLOW, {"n": 1}, sandbox), _stored(FLOW, {"n": 2}, sandbox)
    a, b = run.restore(first), run.restore(second)
    assert a.spec is b.spec
    assert a.spec is not FLOW.spec  # the spec the state holds, restored, as before
    assert run.variables(a)["n"] == 1 and run.variables(b)["n"] == 2


def test_a_restore_neither_changes_the_state_nor_loses_anything_of_it(sandbox):
    state = _stored(FLOW, {"n": 1}, sandbox)
    kept = copy.deepcopy(state)
    workflow = run.restore(state)
    assert state == kept
    assert run.serialize(workflow) == kept  # serialized again, it is the state it came from
    assert run.serialize(run.restore(state)) == kept  # and so from the cached spec


def test_a_spec_with_other_content_is_restored_as_its_own(sandbox):
    state = _stored(FLOW, {"n": 1}, sandbox)
    renamed = copy.deepcopy(state)
    name = next(k for k, spec in renamed["spec"]["task_specs"].items() if spec.get("bpmn_name") == "Delivered")
    renamed["spec"]["task_specs"][name]["bpmn_name"] = "Handed over"  # a version rewritten in place
    a, b = run.restore(state), run.restore(renamed)
    assert a.spec is not b.spec
    assert a.spec.task_specs[name].bpmn_name == "Delivered"
    assert b.spec.task_specs[name].bpmn_name == "Handed over"


def test_sub_process_specs_come_back_with_their_instances(sandbox):
    flow = parse(CALLS)
    state = _stored(flow, {"n": 1}, sandbox)
    assert state["subprocess_specs"]
    a, b = run.restore(state), run.restore(_stored(flow, {"n": 2}, sandbox))
    assert a.subprocess_specs.keys() == state["subprocess_specs"].keys()
    assert all(a.subprocess_specs[name] is b.subprocess_specs[name] for name in a.subprocess_specs)
    [task] = run.waiting(a)
    run.complete(a, task.id, {}, sandbox=sandbox, now=T0, zone="UTC")
    assert a.is_completed() and run.variables(a)["n"] == 1
    [task] = run.waiting(b)
    assert task.task_spec.bpmn_name == "Check"


def test_a_state_of_an_older_spiffworkflow_format_still_goes_through_its_migrations(sandbox):
    state = _stored(FLOW, {"n": 1}, sandbox)
    older = {**copy.deepcopy(state), run.SERIALIZER.VERSION_KEY: "1.4"}
    workflow = run.restore(older)
    assert run.variables(workflow)["n"] == 1
    assert [t.task_spec.bpmn_name for t in run.waiting(workflow)] == ["Delivery started"]
