"""Moving running instances to a newer version of their flow: what moves, what is refused, and why."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from engine.flows import run
from engine.flows.errors import FlowError
from engine.flows.moves import MoveCheck, check_move, move
from engine.flows.parser import parse

EXAMPLES = Path(__file__).resolve().parents[3] / "bpmn" / "examples"
T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
V1 = (EXAMPLES / "delivery.bpmn").read_text()

# v2: mark_started also sets a field, and a "Checked" step follows "Delivered".
V2 = (
    V1.replace("started_at = now()", 'started_at = now()\nroute = "v2"')
    .replace(
        '<bpmn:sequenceFlow id="to_mark_delivered" sourceRef="delivered" targetRef="mark_delivered" />',
        '<bpmn:sequenceFlow id="to_checked" sourceRef="delivered" targetRef="checked" />'
        '<bpmn:sequenceFlow id="to_mark_delivered" sourceRef="checked" targetRef="mark_delivered" />',
    )
    .replace(
        "<bpmn:outgoing>to_mark_delivered</bpmn:outgoing>\n    </bpmn:userTask>",
        "<bpmn:outgoing>to_checked</bpmn:outgoing>\n    </bpmn:userTask>\n"
        '    <bpmn:userTask id="checked" name="Checked"><bpmn:incoming>to_checked</bpmn:incoming>'
        "<bpmn:outgoing>to_mark_delivered</bpmn:outgoing></bpmn:userTask>",
    )
)
# v3: "Delivered" is gone; mark_started leads straight to mark_delivered.
V3 = (
    V1.replace('sourceRef="mark_started" targetRef="delivered"', 'sourceRef="mark_started" targetRef="mark_delivered"')
    .replace('<bpmn:sequenceFlow id="to_mark_delivered" sourceRef="delivered" targetRef="mark_delivered" />', "")
    .replace("<bpmn:incoming>to_mark_delivered</bpmn:incoming>", "<bpmn:incoming>to_delivered</bpmn:incoming>")
)
V3 = V3[: V3.index('<bpmn:userTask id="delivered"')] + V3[V3.index('<bpmn:scriptTask id="mark_delivered"') :]

TIMERS = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="timers" targetNamespace="http://loom.dev/tests">
  <bpmn:process id="follow_up" isExecutable="true">
    <bpmn:startEvent id="created"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="cool_off" name="Cool off"><bpmn:incoming>f1</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing><bpmn:timerEventDefinition>
      <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">"PT1H"</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:userTask id="approve" name="Approve"><bpmn:incoming>f2</bpmn:incoming>
      <bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
    <bpmn:boundaryEvent id="late" name="Late" attachedToRef="approve"><bpmn:outgoing>f4</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">"P2D"</bpmn:timeDuration>
      </bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:scriptTask id="escalate"><bpmn:incoming>f4</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing>
      <bpmn:script>escalated = "v1"</bpmn:script></bpmn:scriptTask>
    <bpmn:endEvent id="approved"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="escalated_end"><bpmn:incoming>f5</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="created" targetRef="cool_off" />
    <bpmn:sequenceFlow id="f2" sourceRef="cool_off" targetRef="approve" />
    <bpmn:sequenceFlow id="f3" sourceRef="approve" targetRef="approved" />
    <bpmn:sequenceFlow id="f4" sourceRef="late" targetRef="escalate" />
    <bpmn:sequenceFlow id="f5" sourceRef="escalate" targetRef="escalated_end" />
  </bpmn:process>
</bpmn:definitions>"""
TIMERS_V2 = TIMERS.replace('escalated = "v1"', 'escalated = "v2"')


def started(xml, sandbox, data=None):
    return run.start(parse(xml), data or {"status": "PENDING"}, sandbox=sandbox, now=T0, zone="UTC")


def complete_waiting(workflow, sandbox, data=None, when=T0):
    [task] = run.waiting(workflow)
    run.complete(workflow, task.id, data or {}, sandbox=sandbox, now=when, zone="UTC")


def waiting_ids(workflow):
    return [t.task_spec.bpmn_id for t in run.waiting(workflow)]


def test_an_instance_moves_to_v2_and_runs_v2_from_where_it_waits(sandbox):
    state = run.serialize(started(V1, sandbox))
    assert check_move(state, parse(V2)).waiting == ("delivery_started",)

    workflow = run.restore(move(state, parse(V2)))
    assert waiting_ids(workflow) == ["delivery_started"]
    complete_waiting(workflow, sandbox, when=T0 + timedelta(hours=1))
    assert run.variables(workflow) == {"status": "IN_PROGRESS", "started_at": T0 + timedelta(hours=1), "route": "v2"}
    assert waiting_ids(workflow) == ["delivered"]
    complete_waiting(workflow, sandbox)
    assert waiting_ids(workflow) == ["checked"]  # the step v2 added after it
    complete_waiting(workflow, sandbox)
    assert workflow.is_completed() and run.variables(workflow)["status"] == "DELIVERED"


def test_an_instance_waiting_further_on_moves_too(sandbox):
    workflow = started(V1, sandbox)
    complete_waiting(workflow, sandbox)
    moved = run.restore(move(run.serialize(workflow), parse(V2)))
    assert waiting_ids(moved) == ["delivered"]
    complete_waiting(moved, sandbox)
    assert waiting_ids(moved) == ["checked"]


def test_an_instance_waiting_at_a_removed_step_is_refused_naming_it(sandbox):
    workflow = started(V1, sandbox)
    complete_waiting(workflow, sandbox)
    state = run.serialize(workflow)

    checked = check_move(state, parse(V3))
    assert not checked.ok and checked.waiting == () and checked.element == "delivered"
    assert checked.reason == (
        "The step 'Delivered' (delivered) it waits at was removed in the new version. Keep the record on its version."
    )
    assert (checked.code, checked.params) == (
        "flow.move.removed",
        {"what": "The step 'Delivered' (delivered) it waits at"},
    )
    with pytest.raises(FlowError) as caught:
        move(state, parse(V3))
    assert caught.value.element == "delivered" and caught.value.message == checked.reason
    assert check_move(run.serialize(started(V1, sandbox)), parse(V3)).ok  # the removed step is still ahead


def test_a_waiting_step_whose_id_changed_is_refused(sandbox):
    renamed = V1.replace('"delivery_started"', '"start_delivery"')
    checked = check_move(run.serialize(started(V1, sandbox)), parse(renamed))
    assert not checked.ok and checked.element == "delivery_started"
    assert "different id (start_delivery)" in (checked.reason or "")


def test_a_completed_or_failed_instance_is_refused(sandbox):
    done = started(V1, sandbox)
    complete_waiting(done, sandbox)
    complete_waiting(done, sandbox)
    failed = started(V1.replace('status = "IN_PROGRESS"', "status = 1 / 0"), sandbox)
    with pytest.raises(FlowError):
        complete_waiting(failed, sandbox)  # mark_started is left in ERROR
    for workflow in (done, failed):
        ended = MoveCheck(
            False, (), "This record's flow has already ended; there is nothing to move.", None, "flow.move.ended"
        )
        assert check_move(run.serialize(workflow), parse(V2)) == ended
        with pytest.raises(FlowError, match="already ended"):
            move(run.serialize(workflow), parse(V2))


@pytest.mark.parametrize("target", [V2, V3, V1.replace('"delivered"', '"delivered_ok"')])
def test_check_move_never_changes_the_state_it_is_given(sandbox, target):
    workflow = started(V1, sandbox)
    complete_waiting(workflow, sandbox)
    state = run.serialize(workflow)
    before = copy.deepcopy(state)
    check_move(state, parse(target))
    assert state == before
    assert json.dumps(state, sort_keys=True) == json.dumps(before, sort_keys=True)


def test_variables_survive_the_move_exactly(sandbox):
    data = {
        "weight": Decimal("12.50"),
        "due": date(2026, 12, 1),
        "seen_at": datetime(2026, 11, 23, 9, 30, 15, 123456, tzinfo=UTC),
        "lines": [{"price": Decimal("0.10"), "on": date(2026, 1, 2)}],
        "note": None,
    }
    workflow = started(V1, sandbox, data)
    moved = run.restore(json.loads(json.dumps(move(run.serialize(workflow), parse(V2)))))
    after = run.variables(moved)
    assert after == run.variables(workflow) == data
    assert str(after["weight"]) == "12.50" and type(after["due"]) is date and after["seen_at"].tzinfo is not None
    assert str(after["lines"][0]["price"]) == "0.10"


def test_an_instance_waiting_for_timers_moves_keeping_their_due_times(sandbox):
    workflow = run.start(parse(TIMERS), {"n": 1}, sandbox=sandbox, now=T0, zone="UTC")
    assert [element for _, element, _ in run.timers(workflow)] == ["cool_off"]
    moved = run.restore(move(run.serialize(workflow), parse(TIMERS_V2)))
    assert run.timers(moved) == run.timers(workflow)  # same task, same due time: the due-time table stays true
    assert run.fire_due_timers(moved, sandbox=sandbox, now=T0 + timedelta(hours=2), zone="UTC") == ["cool_off"]
    assert waiting_ids(moved) == ["approve"]

    # On v1 the cool-off passes: it waits at "Approve" and for its boundary timer "Late".
    run.fire_due_timers(workflow, sandbox=sandbox, now=T0 + timedelta(hours=2), zone="UTC")
    state = run.serialize(workflow)
    assert check_move(state, parse(TIMERS_V2)).waiting == ("approve",)
    moved = run.restore(move(state, parse(TIMERS_V2)))
    assert run.timers(moved) == run.timers(workflow)
    [(_, element, due)] = run.timers(moved)
    assert element == "late" and due > T0 + timedelta(days=2)
    assert run.fire_due_timers(moved, sandbox=sandbox, now=due + timedelta(minutes=1), zone="UTC") == ["late"]
    assert moved.is_completed() and run.variables(moved)["escalated"] == "v2"  # v2's script, after the timer


def test_a_timer_it_waits_for_that_was_removed_or_changed_is_refused(sandbox):
    state = run.serialize(run.start(parse(TIMERS), {}, sandbox=sandbox, now=T0, zone="UTC"))
    changed = check_move(state, parse(TIMERS.replace('"PT1H"', '"PT3H"')))
    assert not changed.ok and changed.element == "cool_off" and "due time" in (changed.reason or "")
    removed = TIMERS.replace('<bpmn:intermediateCatchEvent id="cool_off"', '<bpmn:task id="cool_off"').replace(
        "</bpmn:intermediateCatchEvent>", "</bpmn:task>"
    )
    assert check_move(state, parse(removed)).element == "cool_off"


def test_a_step_added_before_where_it_waits_is_skipped(sandbox):
    added = V1.replace('sourceRef="created" targetRef="delivery_started"', 'sourceRef="created" targetRef="prepare"')
    added = added.replace(
        '<bpmn:userTask id="delivery_started"',
        '<bpmn:scriptTask id="prepare"><bpmn:script>prepared = True</bpmn:script></bpmn:scriptTask>'
        '<bpmn:sequenceFlow id="to_prepared" sourceRef="prepare" targetRef="delivery_started" />'
        '<bpmn:userTask id="delivery_started"',
    )
    workflow = run.restore(move(run.serialize(started(V1, sandbox)), parse(added)))
    complete_waiting(workflow, sandbox)
    assert "prepared" not in run.variables(workflow) and waiting_ids(workflow) == ["delivered"]


def test_a_parallel_branch_that_starts_before_and_joins_after_is_refused(sandbox):
    forked = V1.replace('sourceRef="created" targetRef="delivery_started"', 'sourceRef="created" targetRef="fork"')
    forked = forked.replace(
        'sourceRef="delivery_started" targetRef="mark_started"', 'sourceRef="meet" targetRef="mark_started"'
    )
    forked = forked.replace(
        '<bpmn:userTask id="delivery_started"',
        '<bpmn:parallelGateway id="fork" /><bpmn:parallelGateway id="meet" name="Both done" />'
        '<bpmn:scriptTask id="notify" name="Notify"><bpmn:script>notified = True</bpmn:script></bpmn:scriptTask>'
        '<bpmn:sequenceFlow id="a1" sourceRef="fork" targetRef="delivery_started" />'
        '<bpmn:sequenceFlow id="a2" sourceRef="fork" targetRef="notify" />'
        '<bpmn:sequenceFlow id="a3" sourceRef="notify" targetRef="meet" />'
        '<bpmn:sequenceFlow id="a4" sourceRef="delivery_started" targetRef="meet" />'
        '<bpmn:userTask id="delivery_started"',
    )
    assert run.start(parse(forked), {}, sandbox=sandbox, now=T0, zone="UTC")  # a sound diagram on its own
    checked = check_move(run.serialize(started(V1, sandbox)), parse(forked))
    assert not checked.ok and checked.element == "notify" and "'Both done' (meet)" in (checked.reason or "")


def with_prescript(xml, script):
    """``xml`` with a SpiffWorkflow pre-script on "Delivery started" (it runs as the record gets there)."""
    return xml.replace(
        '<loom:transition label="Delivery started" role="editor" />',
        f'<loom:transition label="Delivery started" role="editor" /><spiff:preScript>{script}</spiff:preScript>',
    ).replace("xmlns:loom=", 'xmlns:spiff="http://spiffworkflow.org/bpmn/schema/1.0/core" xmlns:loom=')


def test_moving_runs_no_script_and_keeps_what_the_waiting_step_holds(sandbox):
    workflow = started(with_prescript(V1, "visits = visits + 1"), sandbox, {"visits": 0})
    assert run.variables(workflow) == {"visits": 1}  # the step's own data, not its predecessor's
    # v2's pre-script would fail if it ran: the record is already at the step, so it does not.
    moved = run.restore(move(run.serialize(workflow), parse(with_prescript(V1, "x = 1 / 0"))))
    assert run.variables(moved) == {"visits": 1} and waiting_ids(moved) == ["delivery_started"]


# v1 with "Delivered" inside a sub-process "Handover".
SUBPROCESS = (
    V1.replace('targetRef="delivered"', 'targetRef="handover"')
    .replace('sourceRef="delivered"', 'sourceRef="handover"')
    .replace(
        '<bpmn:userTask id="delivered" name="Delivered">',
        '<bpmn:subProcess id="handover" name="Handover">'
        '<bpmn:startEvent id="handover_start" /><bpmn:endEvent id="handover_end" />'
        '<bpmn:sequenceFlow id="h1" sourceRef="handover_start" targetRef="delivered" />'
        '<bpmn:sequenceFlow id="h2" sourceRef="delivered" targetRef="handover_end" />'
        '<bpmn:userTask id="delivered" name="Delivered">',
    )
    .replace(
        "<bpmn:outgoing>to_mark_delivered</bpmn:outgoing>\n    </bpmn:userTask>",
        "<bpmn:outgoing>to_mark_delivered</bpmn:outgoing>\n    </bpmn:userTask></bpmn:subProcess>",
    )
)


def test_an_instance_inside_a_sub_process_moves_and_the_sub_process_is_checked(sandbox):
    workflow = started(SUBPROCESS, sandbox)
    complete_waiting(workflow, sandbox)
    assert waiting_ids(workflow) == ["delivered"]
    state = run.serialize(workflow)

    moved = run.restore(move(state, parse(SUBPROCESS.replace('status = "DELIVERED"', 'status = "HANDED_OVER"'))))
    assert waiting_ids(moved) == ["delivered"]
    complete_waiting(moved, sandbox)
    assert moved.is_completed() and run.variables(moved)["status"] == "HANDED_OVER"
    checked = check_move(state, parse(V1))  # v1 has no "Handover"
    assert not checked.ok and checked.element == "handover" and "inside" in (checked.reason or "")
