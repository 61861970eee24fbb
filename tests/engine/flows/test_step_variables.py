"""What a step changed, when the flow's branches each carry their own copy of the data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from engine.flows import run
from engine.flows.parser import parse

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)

# A person's step with a reminder beside it: after an hour, a script counts the reminder.
REMINDER = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="reminder" targetNamespace="http://loom.dev/tests">
  <bpmn:process id="reminding" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="answer" name="Answer" />
    <bpmn:boundaryEvent id="nudge" cancelActivity="false" attachedToRef="answer">
      <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">"PT1H"</bpmn:timeDuration>
      </bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:scriptTask id="count"><bpmn:script>reminders = reminders + 1
note = "nudged at " + str(priority)</bpmn:script></bpmn:scriptTask>
    <bpmn:endEvent id="counted" />
    <bpmn:endEvent id="answered" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="answer" />
    <bpmn:sequenceFlow id="f2" sourceRef="answer" targetRef="answered" />
    <bpmn:sequenceFlow id="f3" sourceRef="nudge" targetRef="count" />
    <bpmn:sequenceFlow id="f4" sourceRef="count" targetRef="counted" />
  </bpmn:process>
</bpmn:definitions>"""


def test_a_timer_branch_sees_the_record_as_it_is_now_and_its_writes_reach_the_record(sandbox):
    flow = parse(REMINDER)
    record = {"reminders": 0, "priority": 1, "note": None}
    workflow = run.start(flow, dict(record), sandbox=sandbox, now=T0, zone="UTC", record=record)
    assert record == {"reminders": 0, "priority": 1, "note": None}
    record["priority"] = 3  # meanwhile someone raised the record's priority

    fired = run.fire_due_timers(workflow, sandbox=sandbox, now=T0 + timedelta(hours=2), zone="UTC", record=record)
    assert fired == ["nudge"]
    assert record == {"reminders": 1, "priority": 3, "note": "nudged at 3"}
    # The waiting step's own copy of the data never saw the other branch: the record is what counts.
    [waiting] = run.waiting(workflow)
    assert waiting.data["reminders"] == 0 and waiting.data["priority"] == 1


def test_a_step_whose_tasks_write_nothing_leaves_the_record_as_it_found_it(sandbox):
    flow = parse(REMINDER)
    workflow = run.start(flow, {"reminders": 0, "priority": 1, "note": None}, sandbox=sandbox, now=T0, zone="UTC")
    [answer] = run.waiting(workflow)
    record = {"reminders": 4, "priority": 2, "note": "by hand"}  # changed by people since the start
    run.complete(
        workflow, answer.id, dict(record), sandbox=sandbox, now=T0 + timedelta(minutes=5), zone="UTC", record=record
    )
    assert workflow.is_completed()
    assert record == {"reminders": 4, "priority": 2, "note": "by hand"}
