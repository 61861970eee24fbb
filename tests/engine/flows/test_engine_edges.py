"""Edges of the engine that diagrams from other modelers found: ids SpiffWorkflow keeps for itself,
timers and the machine's clock, timer values no one can read, empty script tasks, ad hoc
sub-processes."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from engine.flows import run
from engine.flows import timers as timer_events
from engine.flows.errors import FlowError
from engine.flows.parser import check, parse
from engine.flows.timer_clock import LoomDuration

CONFORMANCE = Path(__file__).resolve().parents[3] / "bpmn" / "conformance"
# Loom's clock a year behind the machine's, as in tests that fix their moment, or a moved clock.
BEHIND = datetime.now(UTC).replace(microsecond=0) - timedelta(days=365)
HOUR = timedelta(hours=1)


def diagram(body: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">{body}</bpmn:process>
</bpmn:definitions>"""


def timer(kind: str, value: str) -> str:
    return f"<bpmn:timerEventDefinition><bpmn:{kind}>{value}</bpmn:{kind}></bpmn:timerEventDefinition>"


def start(xml: str, sandbox, now: datetime = BEHIND, record: dict | None = None):
    return run.start(parse(xml), {}, sandbox=sandbox, now=now, zone="UTC", record=record if record is not None else {})


def stored(workflow):
    return run.restore(run.serialize(workflow))


def waiting_at(workflow) -> list[str]:
    return [task.task_spec.bpmn_id for task in run.waiting(workflow)]


# Ids SpiffWorkflow keeps for itself (engine/flows/reserved_ids.py).

RESERVED = diagram("""
    <bpmn:startEvent id="Start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Root"/>
    <bpmn:userTask id="Root" name="Check"/>
    <bpmn:boundaryEvent id="p.EndJoin" attachedToRef="Root" cancelActivity="false">{timer}</bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="p.EndJoin" targetRef="Root.BoundaryEventJoin"/>
    <bpmn:endEvent id="Root.BoundaryEventJoin"/>
    <bpmn:sequenceFlow id="f3" sourceRef="Root" targetRef="End"/>
    <bpmn:endEvent id="End"/>
    <bpmn:laneSet><bpmn:lane id="l"><bpmn:flowNodeRef>Start</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>""")


def test_elements_with_ids_spiffworkflow_keeps_for_itself_run_and_keep_their_ids(sandbox):
    xml = RESERVED.replace("{timer}", timer("timeDuration", "PT1H"))
    _flow, found = check(xml)
    assert found == []
    workflow = stored(start(xml, sandbox))
    assert waiting_at(workflow) == ["Root"]
    assert [(element, due) for _id, element, due in run.timers(workflow)] == [("p.EndJoin", BEHIND + HOUR)]
    record: dict = {}
    run.complete(workflow, run.waiting(workflow)[0].id, {}, sandbox=sandbox, now=BEHIND, zone="UTC", record=record)
    assert stored(workflow).is_completed()


def test_a_reserved_id_is_named_as_the_diagram_names_it(sandbox):
    empty = diagram("""
    <bpmn:startEvent id="s"/>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="Start"/>
    <bpmn:scriptTask id="Start"/>
    <bpmn:sequenceFlow id="f2" sourceRef="Start" targetRef="e"/>
    <bpmn:endEvent id="e"/>""")
    _flow, found = check(empty)
    assert [(f.code, f.element) for f in found] == [("flow.script.missing", "Start")]
    failing = empty.replace(
        '<bpmn:scriptTask id="Start"/>',
        '<bpmn:scriptTask id="Start"><bpmn:script>x = 1 / 0</bpmn:script></bpmn:scriptTask>',
    )
    with pytest.raises(FlowError) as failed:
        start(failing, sandbox)
    assert (failed.value.code, failed.value.element) == ("flow.script.failed", "Start")


def test_starting_fails_only_with_a_flow_error(sandbox):
    flow = parse(diagram('<bpmn:startEvent id="s"/>'))
    flow.spec.start = None  # no start SpiffWorkflow can use (a start event called Start once did this)
    with pytest.raises(FlowError) as failed:
        run.start(flow, {}, sandbox=sandbox, now=BEHIND, zone="UTC", record={})
    assert failed.value.code == "flow.step.failed"


# Timers on Loom's clock only (engine/flows/timer_clock.py).

BESIDE_A_STEP = diagram("""
    <bpmn:startEvent id="s"/>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="fork"/>
    <bpmn:parallelGateway id="fork"/>
    <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="work"/>
    <bpmn:userTask id="work"/>
    <bpmn:sequenceFlow id="f3" sourceRef="work" targetRef="join"/>
    <bpmn:sequenceFlow id="f4" sourceRef="fork" targetRef="wait"/>
    <bpmn:intermediateCatchEvent id="wait">{timer}</bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f5" sourceRef="wait" targetRef="join"/>
    <bpmn:parallelGateway id="join"/>
    <bpmn:sequenceFlow id="f6" sourceRef="join" targetRef="e"/>
    <bpmn:endEvent id="e"/>""")


def test_a_duration_fires_by_looms_clock_not_the_machines(sandbox):
    workflow = stored(start(BESIDE_A_STEP.replace("{timer}", timer("timeDuration", "PT1H")), sandbox))
    record: dict = {}
    later = BEHIND + HOUR / 2
    run.complete(workflow, run.waiting(workflow)[0].id, {}, sandbox=sandbox, now=later, zone="UTC", record=record)
    workflow = stored(workflow)
    assert [(element, due) for _id, element, due in run.timers(workflow)] == [("wait", BEHIND + HOUR)]
    assert run.fire_due_timers(workflow, sandbox=sandbox, now=BEHIND + HOUR - timedelta(seconds=1), zone="UTC") == []
    assert not workflow.is_completed()
    assert run.fire_due_timers(workflow, sandbox=sandbox, now=BEHIND + HOUR, zone="UTC", record=record) == ["wait"]
    assert workflow.is_completed()


def test_a_date_fires_when_looms_clock_reaches_it(sandbox):
    tomorrow = BEHIND + timedelta(days=1)  # still a year behind the machine's clock
    xml = BESIDE_A_STEP.replace("{timer}", timer("timeDate", tomorrow.isoformat()))
    workflow = stored(start(xml, sandbox))
    assert [element for _id, element, _due in run.timers(workflow)] == ["wait"]
    assert run.fire_due_timers(workflow, sandbox=sandbox, now=tomorrow, zone="UTC", record={}) == ["wait"]
    past = start(xml, sandbox, now=tomorrow + HOUR)  # already past on Loom's clock: fires at once
    assert run.timers(past) == []


def test_a_cycle_takes_its_occurrences_by_looms_clock(sandbox):
    xml = diagram(f"""
    <bpmn:startEvent id="s"/>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work"/>
    <bpmn:userTask id="work"/>
    <bpmn:boundaryEvent id="remind" attachedToRef="work" cancelActivity="false">{timer("timeCycle", "R2/PT1H")}
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="remind" targetRef="reminded"/>
    <bpmn:endEvent id="reminded"/>
    <bpmn:sequenceFlow id="f3" sourceRef="work" targetRef="e"/>
    <bpmn:endEvent id="e"/>""")
    workflow = stored(start(xml, sandbox))
    assert run.fire_due_timers(workflow, sandbox=sandbox, now=BEHIND + HOUR / 2, zone="UTC", record={}) == []
    assert run.fire_due_timers(workflow, sandbox=sandbox, now=BEHIND + HOUR, zone="UTC", record={}) == ["remind"]
    assert [due for _id, _element, due in run.timers(stored(workflow))] == [BEHIND + 2 * HOUR]


def test_stored_timers_keep_spiffworkflows_names_and_come_back_on_looms_clock(sandbox):
    workflow = start(BESIDE_A_STEP.replace("{timer}", timer("timeDuration", "PT1H")), sandbox)
    state = run.serialize(workflow)
    assert '"DurationTimerEventDefinition"' in json.dumps(state) and "LoomDuration" not in json.dumps(state)
    [(_task, _element, definition)] = timer_events.waiting(run.restore(state))
    assert type(definition) is LoomDuration


# Timer values no one can read, and a timer's failure at a step.


@pytest.mark.parametrize("value", ["500ms", "500ms###1s", "#{delay}", ""])
def test_a_timer_value_that_is_neither_iso_nor_an_expression_is_refused(value):
    _flow, found = check(BESIDE_A_STEP.replace("{timer}", timer("timeDuration", value)))
    assert [(f.code, f.element) for f in found] == [("flow.timer.unrecognised", "wait")]
    assert "ISO 8601" in found[0].message and "expression" in found[0].message


@pytest.mark.parametrize(
    ("delay", "code"),
    [("soon", "flow.timer.bad_duration"), (None, "flow.script.failed")],
)
def test_a_timer_that_fails_at_the_step_says_it_is_the_timer(sandbox, delay, code):
    xml = BESIDE_A_STEP.replace("{timer}", timer("timeDuration", "delay.strip()"))
    with pytest.raises(FlowError) as failed:
        start(xml, sandbox, record={"delay": delay})
    assert (failed.value.code, failed.value.element) == (code, "wait")
    assert failed.value.params.get("part", "timer") == "timer" and "condition" not in failed.value.message


# Script tasks with no script, and ad hoc sub-processes.


@pytest.mark.parametrize(
    "task", ['<bpmn:scriptTask id="a"/>', '<bpmn:scriptTask id="a"><bpmn:script> </bpmn:script></bpmn:scriptTask>']
)
def test_a_script_task_with_no_script_is_refused(task):
    _flow, found = check(
        diagram(f"""
    <bpmn:startEvent id="s"/>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="a"/>{task}
    <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="e"/>
    <bpmn:endEvent id="e"/>""")
    )
    assert [(f.code, f.element) for f in found] == [("flow.script.missing", "a")]
    assert "write one or use a plain task" in found[0].message


def test_a_modelers_script_task_with_no_script_is_refused():
    _flow, found = check((CONFORMANCE / "activiti" / "completemodel.bpmn").read_bytes())
    assert ("flow.script.missing", "sid-3AAED138-DCF1-4EC7-930D-15263FE572A9") in [(f.code, f.element) for f in found]


def test_an_ad_hoc_sub_process_is_refused_naming_it():
    _flow, found = check(
        diagram("""
    <bpmn:startEvent id="s"/>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="pick"/>
    <bpmn:adHocSubProcess id="pick"><bpmn:userTask id="call"/><bpmn:userTask id="write"/></bpmn:adHocSubProcess>
    <bpmn:sequenceFlow id="f2" sourceRef="pick" targetRef="e"/>
    <bpmn:endEvent id="e"/>""")
    )
    assert [(f.code, f.element) for f in found] == [("flow.subprocess.adhoc_unsupported", "pick")]
    assert "parallel gateway" in found[0].message


def test_a_process_id_with_a_quote_is_read_like_any_other():
    xml = (
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">'
        '<bpmn:process id="pay&apos;flow" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>'
        '<bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"/></bpmn:process></bpmn:definitions>'
    )
    flow, found = check(xml)
    assert flow.process_id == "pay'flow" and found == []
