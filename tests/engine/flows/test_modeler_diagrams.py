"""Diagrams as other modelers write them: not marked executable (bpmn-js, Signavio) or marked
"True", and timers as bare ISO 8601 text; Loom runs them as BPMN says."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from engine.flows import run
from engine.flows.parser import parse
from engine.flows.timers import is_unquoted_iso

# SpiffWorkflow holds a date timer against the machine's clock, so the dates lie ahead of it.
T0 = datetime.now(UTC).replace(microsecond=0)
LATER = T0 + timedelta(days=2)


def diagram(executable: str | None, kind: str, value: str) -> str:
    flag = "" if executable is None else f' isExecutable="{executable}"'
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="waiting"{flag}>
    <bpmn:startEvent id="start"><bpmn:outgoing>a</bpmn:outgoing></bpmn:startEvent>
    <bpmn:intermediateCatchEvent id="wait"><bpmn:incoming>a</bpmn:incoming><bpmn:outgoing>b</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:{kind} xsi:type="bpmn:tFormalExpression">{value}</bpmn:{kind}>
      </bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>b</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="wait"/>
    <bpmn:sequenceFlow id="b" sourceRef="wait" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>"""


@pytest.mark.parametrize("executable", [None, "true", "True", "false", "FALSE"])
@pytest.mark.parametrize(
    ("kind", "value", "due"),
    [
        ("timeDuration", "PT2H", T0 + timedelta(hours=2)),
        ("timeDuration", '"PT2H"', T0 + timedelta(hours=2)),
        ("timeDuration", "P1DT30M", T0 + timedelta(days=1, minutes=30)),
        ("timeDate", LATER.strftime("%Y-%m-%dT%H:%M:%SZ"), LATER),
        ("timeDate", LATER.astimezone(timezone(timedelta(hours=1))).isoformat(), LATER),
    ],
    ids=["duration", "duration-quoted", "duration-days", "date-utc", "date-offset"],  # not the dates: they move
)
def test_a_timer_written_bare_waits_until_it_is_due_whatever_the_executable_flag(sandbox, executable, kind, value, due):
    flow = parse(diagram(executable, kind, value))
    workflow = run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC")
    assert run.fire_due_timers(workflow, sandbox=sandbox, now=due - timedelta(minutes=1), zone="UTC") == []
    assert not workflow.is_completed()
    assert run.fire_due_timers(workflow, sandbox=sandbox, now=due, zone="UTC")
    assert workflow.is_completed()


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("P7D", True),
        ("PT1H", True),
        ("P1Y2M3DT4H5M6.5S", True),
        ("P2W", True),
        ("2026-12-01T09:00:00Z", True),
        ("2026-12-01", True),
        ("R3/PT1H", True),
        ("R/2026-12-01T09:00:00Z/P1D", True),
        ("P", False),
        ("PT", False),
        ('"P1D"', False),
        ("qty", False),
        ("days(2)", False),
        ("due_at - hours(1)", False),
    ],
)
def test_what_counts_as_bare_iso_text(text, bare):
    assert is_unquoted_iso(text) is bare


def plain_tasks(marked: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:loom="http://loom.dev/schema/bpmn/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="plain" isExecutable="false">
    <bpmn:startEvent id="start"><bpmn:outgoing>a</bpmn:outgoing></bpmn:startEvent>
    <bpmn:task id="note" name="Note it"><bpmn:incoming>a</bpmn:incoming><bpmn:outgoing>b</bpmn:outgoing></bpmn:task>
    <bpmn:task id="check" name="Check it">{marked}
      <bpmn:incoming>b</bpmn:incoming><bpmn:outgoing>c</bpmn:outgoing></bpmn:task>
    <bpmn:endEvent id="end"><bpmn:incoming>c</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="note"/>
    <bpmn:sequenceFlow id="b" sourceRef="note" targetRef="check"/>
    <bpmn:sequenceFlow id="c" sourceRef="check" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>"""


def test_plain_tasks_pass_straight_through(sandbox):
    flow = parse(plain_tasks(""))
    workflow = run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC")
    assert workflow.is_completed() and flow.transitions == {}


def test_a_plain_task_marked_as_a_persons_step_waits_and_stays_so_when_stored(sandbox):
    marked = '<bpmn:extensionElements><loom:transition label="Checked" role="admin"/></bpmn:extensionElements>'
    flow = parse(plain_tasks(marked))
    assert (flow.transitions["check"].label, flow.transitions["check"].role) == ("Checked", "admin")
    workflow = run.restore(run.serialize(run.start(flow, {}, sandbox=sandbox, now=T0, zone="UTC")))
    [waiting] = run.waiting(workflow)
    assert waiting.task_spec.bpmn_id == "check"
    run.complete(workflow, waiting.id, {}, sandbox=sandbox, now=T0, zone="UTC")
    assert workflow.is_completed()


LATIN = """<?xml version="1.0" encoding="ISO-8859-1"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://x">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>a</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="check" name="Prüfen">
      <bpmn:incoming>a</bpmn:incoming><bpmn:outgoing>b</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>b</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="check"/>
    <bpmn:sequenceFlow id="b" sourceRef="check" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>"""


@pytest.mark.parametrize("given", [LATIN, LATIN.encode("iso-8859-1"), LATIN.replace("ISO-8859-1", "UTF-8").encode()])
def test_the_declared_encoding_is_honoured_as_bytes_and_as_text(given):
    assert parse(given).element_name("check") == "Prüfen"
