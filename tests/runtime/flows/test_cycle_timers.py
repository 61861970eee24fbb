"""Repeating timers and timer-started event sub-processes, fired by the periodic task on Loom's
clock: the timer table follows each cycle's next occurrence, and stops with its last."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import timedelta

from sqlalchemy import select

from core import clock, db
from runtime.entities.models import Entity
from runtime.flows.models import COMPLETED, FlowInstance, FlowTimer, InboxItem
from runtime.flows.tasks import fire_due_timers
from tests.factories import STOCK_COLUMNS, create_blueprint, create_entity, create_flow, create_tenant, signed_in_user

T = "x-cycles"
HOUR = timedelta(hours=1)


def stock_flow(body: str) -> str:
    """A Stock flow: the item waits to be put away, with ``body`` around that step."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:loom="http://loom.dev/schema/bpmn/1.0"
    id="d" targetNamespace="http://loom.dev/tests">
  <bpmn:process id="cycles" isExecutable="false" loom:blueprint="stock_item">
    <bpmn:startEvent id="received"/>
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="put_away"/>
    <bpmn:userTask id="put_away" name="Put away">
      <bpmn:extensionElements><loom:transition label="Put away" role="editor"/></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="put_away" targetRef="stored"/>
    <bpmn:endEvent id="stored"/>
    {body}
  </bpmn:process>
</bpmn:definitions>"""


def reminder(cycle: str) -> str:
    """A non-interrupting reminder on the step, counting up ``qty`` at each occurrence."""
    return stock_flow(f"""
    <bpmn:boundaryEvent id="remind" attachedToRef="put_away" cancelActivity="false">
      <bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">{cycle}</bpmn:timeCycle>
      </bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="r1" sourceRef="remind" targetRef="count"/>
    <bpmn:scriptTask id="count"><bpmn:script>qty = qty + 1</bpmn:script></bpmn:scriptTask>
    <bpmn:sequenceFlow id="r2" sourceRef="count" targetRef="reminded"/>
    <bpmn:endEvent id="reminded"/>""")


def started(client, xml: str) -> uuid.UUID:
    """A workspace with the flow published and one record in it; the record's id."""
    _email, headers = signed_in_user(client)
    create_tenant(client, headers, T)
    create_blueprint(client, headers, T, columns=STOCK_COLUMNS)
    create_flow(client, headers, T, "stock_item", name="Stock", xml=xml)
    return uuid.UUID(create_entity(client, headers, T, "stock_item", type="BOX")["id"])


def timers() -> list[tuple[str, object]]:
    rows = db.session.scalars(select(FlowTimer).execution_options(all_tenants=True)).all()
    return sorted((row.element, row.due_at) for row in rows)


def record(entity_id: uuid.UUID) -> dict:
    db.session.expire_all()
    entity = db.session.scalars(select(Entity).where(Entity.id == entity_id).execution_options(all_tenants=True)).one()
    return dict(entity.data)


def periodic_task_at(moment) -> int:
    """Run the periodic task with Loom's clock at ``moment``; how many instances moved."""
    clock.travel(moment - clock.now())
    return fire_due_timers()


def test_a_cycle_reminder_fires_three_times_through_the_periodic_task_then_stops(client):
    entity_id = started(client, reminder("R3/PT1H"))
    start = clock.now()
    [(element, due)] = timers()
    assert element == "remind" and timedelta(minutes=59) < due - start <= HOUR
    for count in (1, 2, 3):
        assert periodic_task_at(due - timedelta(seconds=1)) == 0
        assert periodic_task_at(due) == 1
        assert record(entity_id)["qty"] == 1 + count
        if count < 3:
            [(_element, following)] = timers()
            assert following == due + HOUR  # the row follows the cycle's next occurrence
            due = following
    assert timers() == []
    assert periodic_task_at(due + 5 * HOUR) == 0 and record(entity_id)["qty"] == 4
    [item] = db.session.scalars(select(InboxItem).execution_options(all_tenants=True)).all()
    assert item.element == "put_away" and item.done_at is None


def test_an_unbounded_cycle_repeats_as_often_as_the_setting_allows(app, client):
    settings = app.config["LOOM"]
    app.config["LOOM"] = dataclasses.replace(settings, flow_max_timer_repeats=2)
    try:
        entity_id = started(client, reminder("R/PT1H"))
        start = clock.now()
        for hours in range(1, 6):
            periodic_task_at(start + hours * HOUR + timedelta(seconds=1))
        assert record(entity_id)["qty"] == 3 and timers() == []
    finally:
        app.config["LOOM"] = settings


def test_an_interrupting_timer_event_subprocess_ends_the_waiting_step_through_the_periodic_task(client):
    entity_id = started(
        client,
        stock_flow("""
    <bpmn:subProcess id="too_late" triggeredByEvent="true">
      <bpmn:startEvent id="late"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration>
      </bpmn:timerEventDefinition></bpmn:startEvent>
      <bpmn:sequenceFlow id="e1" sourceRef="late" targetRef="mark"/>
      <bpmn:scriptTask id="mark"><bpmn:script>space = "LOST"</bpmn:script></bpmn:scriptTask>
      <bpmn:sequenceFlow id="e2" sourceRef="mark" targetRef="given_up"/>
      <bpmn:endEvent id="given_up"/>
    </bpmn:subProcess>"""),
    )
    start = clock.now()
    [(element, due)] = timers()
    assert element == "late" and due - start <= 2 * HOUR
    assert periodic_task_at(start + 2 * HOUR + timedelta(seconds=1)) == 1
    assert record(entity_id)["space"] == "LOST"
    [item] = db.session.scalars(select(InboxItem).execution_options(all_tenants=True)).all()
    assert item.done_at is not None and item.done_by is None  # withdrawn: the step no longer waits
    [instance] = db.session.scalars(select(FlowInstance).execution_options(all_tenants=True)).all()
    assert instance.status == COMPLETED and timers() == []
