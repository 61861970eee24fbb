"""Timers as modelers draw them (event sub-processes started by a timer, repeating cycles) and
flows that split or merge without a gateway, run as BPMN defines them, on Loom's clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from engine.flows import run
from engine.flows.checks import publish_problems
from engine.flows.errors import FlowError
from engine.flows.limits import DEFAULT_LIMITS, Limits
from engine.flows.parser import check, parse
from engine.schema import Schema

# Loom's clock starts at the machine's (timers follow Loom's clock only: test_engine_edges.py).
T0 = datetime.now(UTC).replace(microsecond=0)
HOUR = timedelta(hours=1)


def diagram(body: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="p" isExecutable="false">{body}</bpmn:process>
</bpmn:definitions>"""


def timer(kind: str, value: str) -> str:
    return (
        f'<bpmn:timerEventDefinition><bpmn:{kind} xsi:type="bpmn:tFormalExpression">{value}</bpmn:{kind}>'
        "</bpmn:timerEventDefinition>"
    )


def waiting_with_event_subprocess(interrupting: str, kind: str = "timeDuration", value: str = "PT1H") -> str:
    """A step that waits for a person (with a reminder on it), and an event sub-process on a timer."""
    return diagram(f"""
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
    <bpmn:userTask id="work" name="Work"/>
    <bpmn:boundaryEvent id="remind" attachedToRef="work" cancelActivity="false">{timer("timeDuration", "P1D")}
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="remind" targetRef="reminded"/>
    <bpmn:endEvent id="reminded"/>
    <bpmn:sequenceFlow id="f3" sourceRef="work" targetRef="end"/>
    <bpmn:endEvent id="end"/>
    <bpmn:subProcess id="late_handling" triggeredByEvent="true">
      <bpmn:startEvent id="late" isInterrupting="{interrupting}">{timer(kind, value)}</bpmn:startEvent>
      <bpmn:sequenceFlow id="e1" sourceRef="late" targetRef="note"/>
      <bpmn:scriptTask id="note"><bpmn:script>late = late + 1</bpmn:script></bpmn:scriptTask>
      <bpmn:sequenceFlow id="e2" sourceRef="note" targetRef="noted"/>
      <bpmn:endEvent id="noted"/>
    </bpmn:subProcess>""")


def fire(workflow, sandbox, at, record, limits=DEFAULT_LIMITS):
    """Fire what is due at ``at`` on a stored and restored instance, as the periodic task does."""
    workflow = run.restore(run.serialize(workflow))
    fired = run.fire_due_timers(workflow, sandbox=sandbox, now=at, zone="UTC", record=record, limits=limits)
    return workflow, fired


def elements(tasks) -> list[str]:
    return sorted(t.task_spec.bpmn_id for t in tasks)


def test_a_timer_may_start_an_event_subprocess_but_not_the_process():
    _flow, found = check(waiting_with_event_subprocess("false"))
    assert found == []
    started_on_timer = diagram(f"""
    <bpmn:startEvent id="start">{timer("timeDuration", "PT1H")}</bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end"/>
    <bpmn:endEvent id="end"/>""")
    _flow, found = check(started_on_timer)
    assert [(f.code, f.element) for f in found] == [("flow.start.timer", "start")]


@pytest.mark.parametrize("value", ["PT1H", '"PT1H"'])
def test_a_non_interrupting_timer_event_subprocess_runs_beside_the_waiting_step(sandbox, value):
    record = {"late": 0}
    flow = parse(waiting_with_event_subprocess("false", value=value))
    workflow = run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    assert sorted((e, d) for _id, e, d in run.timers(workflow)) == [("late", T0 + HOUR), ("remind", T0 + HOUR * 24)]

    workflow, fired = fire(workflow, sandbox, T0 + HOUR - timedelta(seconds=1), record)
    assert fired == [] and record["late"] == 0
    workflow, fired = fire(workflow, sandbox, T0 + HOUR, record)
    assert fired == ["late"] and record["late"] == 1
    [work] = run.waiting(workflow)  # the step still waits, with its reminder
    assert work.task_spec.bpmn_id == "work" and [e for _id, e, _d in run.timers(workflow)] == ["remind"]

    run.complete(workflow, work.id, {}, sandbox=sandbox, now=T0 + 2 * HOUR, zone="UTC", record=record)
    assert workflow.is_completed() and record["late"] == 1


def test_an_interrupting_timer_event_subprocess_ends_the_waiting_step_and_its_timers(sandbox):
    record = {"late": 0}
    flow = parse(waiting_with_event_subprocess("true"))
    workflow = run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    workflow, fired = fire(workflow, sandbox, T0 + HOUR, record)
    assert fired == ["late"] and record["late"] == 1
    assert run.waiting(workflow) == [] and run.timers(workflow) == []
    assert workflow.is_completed()
    assert {t.task_spec.bpmn_id for t in workflow.get_tasks() if t.state == 64} >= {"note", "noted"}


def test_an_interrupting_event_subprocess_is_interrupting_unless_the_diagram_says_otherwise(sandbox):
    record = {"late": 0}
    flow = parse(waiting_with_event_subprocess("true").replace(' isInterrupting="true"', ""))
    workflow = run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    workflow, _fired = fire(workflow, sandbox, T0 + HOUR, record)
    assert workflow.is_completed() and record["late"] == 1


def test_an_armed_event_subprocess_does_not_keep_a_finished_process_waiting(sandbox):
    record = {"late": 0}
    flow = parse(waiting_with_event_subprocess("false"))
    workflow = run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    [work] = run.waiting(workflow)
    run.complete(workflow, work.id, {}, sandbox=sandbox, now=T0 + timedelta(minutes=5), zone="UTC", record=record)
    assert workflow.is_completed() and run.timers(workflow) == [] and record["late"] == 0


@pytest.mark.parametrize(("interrupting", "waiting"), [("true", ["after"]), ("false", ["work"])])
def test_an_event_subprocess_inside_a_subprocess_interrupts_that_subprocess_only(sandbox, interrupting, waiting):
    inner = waiting_with_event_subprocess(interrupting).split('isExecutable="false">')[1].split("</bpmn:process>")[0]
    flow = parse(
        diagram(f"""
    <bpmn:startEvent id="outer_start"/>
    <bpmn:sequenceFlow id="o1" sourceRef="outer_start" targetRef="inner"/>
    <bpmn:subProcess id="inner">{inner}</bpmn:subProcess>
    <bpmn:sequenceFlow id="o2" sourceRef="inner" targetRef="after"/>
    <bpmn:userTask id="after"/>
    <bpmn:sequenceFlow id="o3" sourceRef="after" targetRef="outer_end"/>
    <bpmn:endEvent id="outer_end"/>""")
    )
    record = {"late": 0}
    workflow = run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    workflow, fired = fire(workflow, sandbox, T0 + HOUR, record)
    assert fired == ["late"] and record["late"] == 1
    assert elements(run.waiting(workflow)) == waiting and not workflow.is_completed()


@pytest.mark.parametrize("value", ["R2/PT1H", "'R2/PT1H'", '"R2/PT1H"'])
def test_a_non_interrupting_cycle_starts_the_event_subprocess_at_each_occurrence(sandbox, value):
    record = {"late": 0}
    flow = parse(waiting_with_event_subprocess("false", "timeCycle", value))
    workflow = run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    for hours, late in [(1, 1), (2, 2), (3, 2), (4, 2)]:
        workflow, _fired = fire(workflow, sandbox, T0 + hours * HOUR, record)
        assert record["late"] == late
    assert elements(run.waiting(workflow)) == ["work"]
    assert [e for _id, e, _d in run.timers(workflow)] == ["remind"]


def reminder_cycle(value: str, interrupting: str = "false") -> str:
    """A step with a repeating reminder: each occurrence counts one more reminder."""
    return diagram(f"""
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
    <bpmn:userTask id="work" name="Work"/>
    <bpmn:boundaryEvent id="remind" attachedToRef="work" cancelActivity="{interrupting}">{timer("timeCycle", value)}
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="remind" targetRef="count"/>
    <bpmn:scriptTask id="count"><bpmn:script>reminders = reminders + 1</bpmn:script></bpmn:scriptTask>
    <bpmn:sequenceFlow id="f3" sourceRef="count" targetRef="reminded"/>
    <bpmn:endEvent id="reminded"/>
    <bpmn:sequenceFlow id="f4" sourceRef="work" targetRef="end"/>
    <bpmn:endEvent id="end"/>""")


@pytest.mark.parametrize("value", ["R3/PT1H", "'R3/PT1H'"])
def test_a_cycle_boundary_timer_fires_three_times_on_loom_s_clock_then_stops(sandbox, value):
    record = {"reminders": 0}
    workflow = run.start(parse(reminder_cycle(value)), {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    for hours in (1, 2, 3):
        [(_id, element, due)] = run.timers(workflow)
        assert (element, due) == ("remind", T0 + hours * HOUR)
        workflow, fired = fire(workflow, sandbox, T0 + hours * HOUR, record)
        assert fired == ["remind"] and record["reminders"] == hours
    assert run.timers(workflow) == []
    workflow, fired = fire(workflow, sandbox, T0 + 10 * HOUR, record)
    assert fired == [] and record["reminders"] == 3
    [work] = run.waiting(workflow)  # non-interrupting: the step waited all along
    run.complete(workflow, work.id, {}, sandbox=sandbox, now=T0 + 11 * HOUR, zone="UTC", record=record)
    assert workflow.is_completed() and record["reminders"] == 3


def test_a_cycle_that_missed_occurrences_fires_once_and_keeps_its_schedule(sandbox):
    record = {"reminders": 0}
    workflow = run.start(parse(reminder_cycle("R5/PT1H")), {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    workflow, fired = fire(workflow, sandbox, T0 + 3 * HOUR + timedelta(minutes=20), record)
    assert fired == ["remind"] and record["reminders"] == 1
    [(_id, _element, due)] = run.timers(workflow)
    assert due == T0 + 4 * HOUR


def test_an_unbounded_cycle_repeats_while_the_step_waits_up_to_the_limit(sandbox):
    record = {"reminders": 0}
    limits = Limits(timer_repeats=4)
    flow = parse(reminder_cycle("R/PT1M"))
    workflow = run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC", record=record, limits=limits)
    for minute in range(1, 8):
        workflow, _fired = fire(workflow, sandbox, T0 + timedelta(minutes=minute), record, limits)
    assert record["reminders"] == 4 and run.timers(workflow) == []
    assert elements(run.waiting(workflow)) == ["work"]


def test_an_unbounded_cycle_stops_when_the_step_is_done(sandbox):
    record = {"reminders": 0}
    workflow = run.start(parse(reminder_cycle("R/PT1H")), {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    workflow, _fired = fire(workflow, sandbox, T0 + HOUR, record)
    [work] = run.waiting(workflow)
    run.complete(workflow, work.id, {}, sandbox=sandbox, now=T0 + 90 * timedelta(minutes=1), zone="UTC", record=record)
    assert workflow.is_completed() and run.timers(workflow) == [] and record["reminders"] == 1


def test_an_interrupting_cycle_boundary_timer_counts_its_first_occurrence(sandbox):
    record = {"reminders": 0}
    flow = parse(reminder_cycle("R3/PT1H", interrupting="true"))
    workflow = run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    workflow, fired = fire(workflow, sandbox, T0 + HOUR, record)
    assert fired == ["remind"] and record["reminders"] == 1
    assert workflow.is_completed() and run.waiting(workflow) == []


@pytest.mark.parametrize("value", ["R3/PT2H", '"R3/PT2H"'])
def test_an_intermediate_cycle_timer_waits_for_its_first_occurrence_only(sandbox, value):
    record = {"passed": 0}
    flow = parse(
        diagram(f"""
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
    <bpmn:intermediateCatchEvent id="wait">{timer("timeCycle", value)}</bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="count"/>
    <bpmn:scriptTask id="count"><bpmn:script>passed = passed + 1</bpmn:script></bpmn:scriptTask>
    <bpmn:sequenceFlow id="f3" sourceRef="count" targetRef="end"/>
    <bpmn:endEvent id="end"/>""")
    )
    workflow = run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    workflow, fired = fire(workflow, sandbox, T0 + HOUR, record)
    assert fired == [] and not workflow.is_completed()
    workflow, fired = fire(workflow, sandbox, T0 + 2 * HOUR, record)
    assert fired == ["wait"] and record["passed"] == 1 and workflow.is_completed()


@pytest.mark.parametrize("quote", ["", "'"])
def test_a_cycle_from_a_start_date_written_bare_or_quoted_begins_at_that_date(sandbox, quote):
    start = T0 + timedelta(days=2)
    value = f"{quote}R2/{start.strftime('%Y-%m-%dT%H:%M:%SZ')}/PT1H{quote}"
    record = {"reminders": 0}
    workflow = run.start(parse(reminder_cycle(value)), {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    assert [d for _id, _e, d in run.timers(workflow)] == [start]
    workflow, _fired = fire(workflow, sandbox, start, record)
    assert [d for _id, _e, d in run.timers(workflow)] == [start + HOUR] and record["reminders"] == 1


@pytest.mark.parametrize("quote", ["", '"'])
def test_a_date_started_event_subprocess_written_bare_or_quoted(sandbox, quote):
    when = T0 + timedelta(hours=12)  # before the reminder, a day after
    value = f"{quote}{when.strftime('%Y-%m-%dT%H:%M:%SZ')}{quote}"
    record = {"late": 0}
    flow = parse(waiting_with_event_subprocess("true", "timeDate", value))
    workflow = run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    workflow, fired = fire(workflow, sandbox, when - timedelta(seconds=1), record)
    assert fired == [] and not workflow.is_completed()
    workflow, fired = fire(workflow, sandbox, when, record)
    assert fired == ["late"] and workflow.is_completed() and record["late"] == 1


SPLIT = """
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="prepare"/>
    <bpmn:scriptTask id="prepare" name="Prepare"{default}><bpmn:script>prepared = True</bpmn:script></bpmn:scriptTask>
    {flows}
    <bpmn:userTask id="pack"/><bpmn:userTask id="bill"/><bpmn:userTask id="ship"/><bpmn:userTask id="insure"/>
    <bpmn:sequenceFlow id="m1" sourceRef="pack" targetRef="log"/>
    <bpmn:sequenceFlow id="m2" sourceRef="bill" targetRef="log"/>
    <bpmn:sequenceFlow id="m3" sourceRef="ship" targetRef="log"/>
    <bpmn:sequenceFlow id="m4" sourceRef="insure" targetRef="log"/>
    <bpmn:scriptTask id="log"><bpmn:script>passes = passes + 1</bpmn:script></bpmn:scriptTask>
    <bpmn:sequenceFlow id="z" sourceRef="log" targetRef="end"/>
    <bpmn:endEvent id="end"/>"""


def flow_to(flow_id: str, target: str, condition: str | None = None) -> str:
    inner = f"<bpmn:conditionExpression>{condition}</bpmn:conditionExpression>" if condition else ""
    return f'<bpmn:sequenceFlow id="{flow_id}" sourceRef="prepare" targetRef="{target}">{inner}</bpmn:sequenceFlow>'


def run_through(sandbox, flow, record) -> list[str]:
    """Start the flow and do every step that waits, until it ends; the steps that waited first."""
    workflow = run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    first = elements(run.waiting(workflow))
    while run.waiting(workflow):
        [task, *_rest] = run.waiting(workflow)
        run.complete(workflow, task.id, {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
        workflow = run.restore(run.serialize(workflow))
    assert workflow.is_completed()
    return first


def test_flows_leaving_a_task_without_a_gateway_all_run_and_each_token_runs_the_merge(sandbox):
    flows = flow_to("a", "pack") + flow_to("b", "bill") + flow_to("c", "ship")
    flow, found = check(diagram(SPLIT.format(default="", flows=flows)))
    assert found == []
    record = {"passes": 0, "prepared": False}
    assert run_through(sandbox, flow, record) == ["bill", "pack", "ship"]
    assert record == {"passes": 3, "prepared": True}


@pytest.mark.parametrize(
    ("amount", "first", "passes"),
    [(50, ["bill"], 1), (500, ["pack"], 1), (5000, ["insure", "pack"], 2)],
)
def test_conditional_flows_leaving_a_task_take_each_that_holds_else_the_default(sandbox, amount, first, passes):
    flows = flow_to("a", "pack", "amount &gt; 100") + flow_to("b", "bill") + flow_to("c", "insure", "amount &gt; 1000")
    flow = parse(diagram(SPLIT.format(default=' default="b"', flows=flows)))
    record = {"passes": 0, "prepared": False, "amount": amount}
    assert run_through(sandbox, flow, record) == first
    assert record["passes"] == passes


@pytest.mark.parametrize(("amount", "first"), [(50, ["bill"]), (5000, ["bill", "insure"])])
def test_flows_with_and_without_conditions_leaving_a_task(sandbox, amount, first):
    flows = flow_to("b", "bill") + flow_to("c", "insure", "amount &gt; 1000")
    flow = parse(diagram(SPLIT.format(default="", flows=flows)))
    record = {"passes": 0, "prepared": False, "amount": amount}
    assert run_through(sandbox, flow, record) == first


def test_a_condition_on_the_only_flow_leaving_a_task_is_kept(sandbox):
    flow = parse(diagram(SPLIT.format(default="", flows=flow_to("a", "pack", "amount &gt; 100"))))
    assert run_through(sandbox, flow, {"passes": 0, "prepared": False, "amount": 500}) == ["pack"]
    with pytest.raises(FlowError) as caught:
        run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC", record={"passes": 0, "amount": 5})
    assert caught.value.element == "prepare"


def test_conditional_flows_leaving_the_start_event_are_read(sandbox):
    body = SPLIT.replace('<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="prepare"/>', "").format(
        default="", flows=""
    )
    body += (
        '<bpmn:sequenceFlow id="s1" sourceRef="start" targetRef="pack">'
        "<bpmn:conditionExpression>amount &gt; 100</bpmn:conditionExpression></bpmn:sequenceFlow>"
        '<bpmn:sequenceFlow id="s2" sourceRef="start" targetRef="bill">'
        "<bpmn:conditionExpression>amount &lt;= 100</bpmn:conditionExpression></bpmn:sequenceFlow>"
    )
    body = body.replace('<bpmn:scriptTask id="prepare"', '<bpmn:scriptTask id="unused"').replace(
        "<bpmn:script>prepared = True</bpmn:script>", "<bpmn:script>x = 1</bpmn:script>"
    )
    flow = parse(diagram(body))
    assert run_through(sandbox, flow, {"passes": 0, "amount": 5}) == ["bill"]
    assert run_through(sandbox, flow, {"passes": 0, "amount": 500}) == ["pack"]


def test_what_a_split_without_a_gateway_cannot_be_is_refused_naming_the_element():
    flows = flow_to("a", "pack") + flow_to("b", "bill", "amount &gt; 1")
    _flow, found = check(diagram(SPLIT.format(default=' default="b"', flows=flows)))
    assert [(f.code, f.element, f.params) for f in found] == [
        ("flow.split.default_condition", "prepare", {"flow": "b"})
    ]
    ended = diagram("""
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end"/>
    <bpmn:endEvent id="end"/>
    <bpmn:sequenceFlow id="f2" sourceRef="end" targetRef="more"/>
    <bpmn:sequenceFlow id="f3" sourceRef="end" targetRef="more"/>
    <bpmn:userTask id="more"/>""")
    _flow, found = check(ended)
    assert ("flow.split.end_event", "end") in [(f.code, f.element) for f in found]
    assert "intermediate event" in found[0].message


REMINDERS = Schema.parse([{"key": "reminders", "label": "Reminders", "type": "integer"}])


@pytest.mark.parametrize("value", ["R3/PT1H", "'R3/PT1H'", "R/P1D", "R2/2026-12-01T09:00:00Z/PT1H", '"R/PT30M"'])
def test_cycles_written_bare_or_quoted_pass_the_publish_check(value):
    assert publish_problems(parse(reminder_cycle(value)), REMINDERS, "Reminder") == []


@pytest.mark.parametrize("value", ["'R3/soon'", '"R3"'])
def test_a_cycle_that_is_no_iso_cycle_is_refused_at_publish(value):
    [problem] = publish_problems(parse(reminder_cycle(value)), REMINDERS, "Reminder")
    assert (problem.code, problem.element) == ("flow.timer.bad_cycle", "remind")


LOOP_HEAD = (
    '<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" '
    'targetNamespace="t"><bpmn:message id="m" name="go"/><bpmn:process id="p" isExecutable="true">'
)
LOOP_BODY = (
    '<bpmn:startEvent id="s"/><bpmn:userTask id="t"/><bpmn:endEvent id="e"/>'
    '<bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="c"/><bpmn:sequenceFlow id="f2" sourceRef="c" targetRef="t"/>'
    '<bpmn:sequenceFlow id="f3" sourceRef="t" targetRef="c"><bpmn:conditionExpression>again</bpmn:conditionExpression>'
    '</bpmn:sequenceFlow><bpmn:sequenceFlow id="f4" sourceRef="t" targetRef="e"><bpmn:conditionExpression>not again'
    "</bpmn:conditionExpression></bpmn:sequenceFlow></bpmn:process></bpmn:definitions>"
)


@pytest.mark.parametrize(
    "element",
    [
        '<bpmn:userTask id="c"/>',
        '<bpmn:intermediateCatchEvent id="c"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration>'
        "</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>",
    ],
    ids=["task", "timer"],
)
def test_a_loop_back_into_an_element_without_a_merge_gateway_runs_round_by_round(sandbox, element):
    """Several flows into a task or an event are an uncontrolled merge: each token runs it again."""
    flow = parse(LOOP_HEAD + element + LOOP_BODY)
    record = {"again": True}
    workflow = run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC", record=record)
    for round_ in range(3):  # twice round, then out
        at = T0 + (round_ + 1) * 2 * HOUR
        workflow, _fired = fire(workflow, sandbox, at, record)
        ready = {t.task_spec.bpmn_id: t for t in run.waiting(workflow)}
        if "c" in ready:  # the task version: press it first
            run.complete(workflow, ready["c"].id, {}, sandbox=sandbox, now=at, zone="UTC", record=record)
            ready = {t.task_spec.bpmn_id: t for t in run.waiting(workflow)}
        record["again"] = round_ < 2
        run.complete(workflow, ready["t"].id, {}, sandbox=sandbox, now=at, zone="UTC", record=record)
        workflow = run.restore(run.serialize(workflow))
    assert workflow.is_completed()
