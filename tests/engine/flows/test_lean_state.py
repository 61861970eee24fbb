"""The stored state stays lean: data is not copied per task, and a finished sub-process is not kept.

Each round of a loop into a sub-process used to leave the whole sub-process (its tasks and a
copy of its data) in the state, so the state and each step's time grew with every round.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from engine.flows import run
from engine.flows.limits import Limits
from engine.flows.parser import parse

NOW = datetime(2026, 11, 23, tzinfo=UTC)
ROOMY = Limits(state_bytes=10**9)
BPMN = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"'


def rounds_diagram(kind: str = "subProcess") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions {BPMN} id="d" targetNamespace="t">
  <bpmn:process id="rounds" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:exclusiveGateway id="merge"><bpmn:incoming>f1</bpmn:incoming><bpmn:incoming>back</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:{kind} id="round"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
      <bpmn:startEvent id="round_start"><bpmn:outgoing>s1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:userTask id="review"><bpmn:incoming>s1</bpmn:incoming><bpmn:outgoing>s2</bpmn:outgoing></bpmn:userTask>
      <bpmn:scriptTask id="note"><bpmn:incoming>s2</bpmn:incoming><bpmn:outgoing>s3</bpmn:outgoing>
        <bpmn:script>rounds = rounds + 1
notes = notes + ["Round %d reviewed." % rounds]</bpmn:script></bpmn:scriptTask>
      <bpmn:endEvent id="round_end"><bpmn:incoming>s3</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="s1" sourceRef="round_start" targetRef="review"/>
      <bpmn:sequenceFlow id="s2" sourceRef="review" targetRef="note"/>
      <bpmn:sequenceFlow id="s3" sourceRef="note" targetRef="round_end"/>
    </bpmn:{kind}>
    <bpmn:exclusiveGateway id="again" default="done"><bpmn:incoming>f3</bpmn:incoming>
      <bpmn:outgoing>back</bpmn:outgoing><bpmn:outgoing>done</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:endEvent id="end"><bpmn:incoming>done</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="merge"/>
    <bpmn:sequenceFlow id="f2" sourceRef="merge" targetRef="round"/>
    <bpmn:sequenceFlow id="f3" sourceRef="round" targetRef="again"/>
    <bpmn:sequenceFlow id="back" sourceRef="again" targetRef="merge">
      <bpmn:conditionExpression>rounds &lt; 30</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="done" sourceRef="again" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>"""


def stored(workflow) -> int:
    return len(json.dumps(run.serialize(workflow), separators=(",", ":")))


def press(workflow, sandbox):
    [task] = run.waiting(workflow)
    assert task.task_spec.bpmn_id == "review"
    run.complete(workflow, task.id, {}, sandbox=sandbox, now=NOW, zone="UTC", limits=ROOMY)
    return run.restore(run.serialize(workflow))  # as the runtime does between steps


def test_a_loop_into_a_sub_process_keeps_only_the_running_round_and_grows_by_a_little_each_round(sandbox):
    workflow = run.start(
        parse(rounds_diagram()), {"rounds": 0, "notes": []}, sandbox=sandbox, now=NOW, zone="UTC", limits=ROOMY
    )
    sizes = {}
    for done in range(1, 31):
        workflow = press(workflow, sandbox)
        assert len(workflow.subprocesses) <= 1  # the round waiting now, if any
        sizes[done] = stored(workflow)
    assert workflow.is_completed()
    final = run.variables(workflow)
    assert final["rounds"] == 30 and final["notes"][-1] == "Round 30 reviewed." and len(final["notes"]) == 30
    # Linear: each round adds its few tasks and note, not another copy of every round before it.
    assert sizes[29] - sizes[20] < 1.5 * (sizes[11] - sizes[2]), sizes


def test_the_variables_while_waiting_in_a_later_round_are_the_ones_the_rounds_left(sandbox):
    workflow = run.start(
        parse(rounds_diagram()), {"rounds": 0, "notes": []}, sandbox=sandbox, now=NOW, zone="UTC", limits=ROOMY
    )
    for _ in range(3):
        workflow = press(workflow, sandbox)
    [task] = run.waiting(workflow)
    assert task.data["rounds"] == 3 and task.data["notes"] == [f"Round {n} reviewed." for n in (1, 2, 3)]
    assert run.variables(workflow)["rounds"] == 3


def test_a_transaction_keeps_its_finished_sub_processes(sandbox):
    workflow = run.start(
        parse(rounds_diagram("transaction")),
        {"rounds": 0, "notes": []},
        sandbox=sandbox,
        now=NOW,
        zone="UTC",
        limits=ROOMY,
    )
    for _ in range(3):
        workflow = press(workflow, sandbox)
    assert len(workflow.subprocesses) == 4  # three finished rounds, and the one waiting
