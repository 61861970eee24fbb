"""A connector step that no longer matters sends nothing more, and an outcome for it changes nothing.

The step can be left by a boundary timer, an instance stop, a move to another version, or its record
going to the Trash; the row of its call closes in that transaction, and an attempt already under way
when it closed brings back an outcome that is dropped (logged), never applied and never an error.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import func, select

from core import clock, db
from core.delivery import DeliveryStatus
from core.jobs.models import JobStatus
from core.mail.models import OutboxMessage
from runtime.connectors import operations
from runtime.connectors.tasks import run_call
from runtime.flows.tasks import due_instances, fire_instance
from tests.factories import drain_job
from tests.runtime.connectors.conftest import T, calls, diagram, http_connector

TIMER = """
    <bpmn:boundaryEvent id="too_long" attachedToRef="call">
      <bpmn:outgoing>to_late</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:userTask id="late" name="Call the carrier"><bpmn:incoming>to_late</bpmn:incoming>
      <bpmn:outgoing>to_end_late</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end_late"><bpmn:incoming>to_end_late</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="to_late" sourceRef="too_long" targetRef="late"/>
    <bpmn:sequenceFlow id="to_end_late" sourceRef="late" targetRef="end_late"/>
  </bpmn:process>"""


def _with_timer(xml: str) -> str:
    return xml.replace("\n  </bpmn:process>", TIMER, 1)


def _run(shop, settings=None) -> int:
    settings = settings or shop.app.config["LOOM"]
    due = operations.due_calls(db.session(), 100)
    return sum(run_call(db.session(), settings, tenant_id, call_id) for tenant_id, call_id in due)


def _lease(shop):
    """A worker takes the call and sends it; its outcome is recorded later (``operations.record``)."""
    settings = shop.app.config["LOOM"]
    [call] = calls()
    lease = operations.take(db.session(), settings, call.tenant_id, call.id)
    db.session.commit()
    return lease, operations.send(settings, lease)


def _fire_timers() -> None:
    for tenant_id, instance_id in due_instances(db.session()):
        fire_instance(db.session(), tenant_id, instance_id)
        db.session.commit()


def test_a_boundary_timer_closes_the_call_and_the_late_answer_is_dropped(shop, receiver, caplog):
    shop.flow(_with_timer(diagram(http_connector(receiver.url))))
    order = shop.order(order_no="T1")
    lease, outcome = _lease(shop)
    assert len(receiver.requests) == 1

    clock.travel(timedelta(hours=2))
    _fire_timers()
    clock.reset()  # the owner's sign-in would have run out
    [call] = calls()
    assert call.status == DeliveryStatus.CLOSED and call.next_attempt_at is None
    assert shop.inbox() == ["late"]

    with caplog.at_level(logging.INFO, logger="runtime.connectors.operations"):
        assert operations.record(db.session(), shop.app.config["LOOM"], lease, outcome) is False
    db.session.commit()
    assert "outcome was dropped" in caplog.text
    clock.travel(timedelta(days=1))
    assert _run(shop) == 0 and len(receiver.requests) == 1  # never sent again
    clock.reset()
    assert shop.record(order["id"]).get("tracking_no") is None  # the answer was not applied
    assert shop.inbox() == ["late"]
    history = [h["kind"] for h in shop.flows(order["id"])["history"]]
    assert "connector" not in history and shop.flows(order["id"])["instances"][0]["status"] == "running"


def test_a_call_not_yet_sent_when_the_timer_fires_is_never_sent(shop, receiver):
    shop.flow(_with_timer(diagram(http_connector(receiver.url))))
    shop.order(order_no="T2")
    clock.travel(timedelta(hours=2))
    _fire_timers()
    assert _run(shop) == 0 and receiver.requests == []
    assert calls()[0].status == DeliveryStatus.CLOSED


EVENT_SUB_PROCESS = """
    <bpmn:subProcess id="give_up" triggeredByEvent="true">
      <bpmn:startEvent id="after_an_hour" isInterrupting="true">
        <bpmn:outgoing>to_by_hand</bpmn:outgoing>
        <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
      </bpmn:startEvent>
      <bpmn:userTask id="by_hand" name="Book by hand"><bpmn:incoming>to_by_hand</bpmn:incoming>
        <bpmn:outgoing>to_given_up</bpmn:outgoing></bpmn:userTask>
      <bpmn:endEvent id="given_up"><bpmn:incoming>to_given_up</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="to_by_hand" sourceRef="after_an_hour" targetRef="by_hand"/>
      <bpmn:sequenceFlow id="to_given_up" sourceRef="by_hand" targetRef="given_up"/>
    </bpmn:subProcess>
  </bpmn:process>"""


def test_an_interrupting_event_sub_process_closes_the_call(shop, receiver):
    shop.flow(diagram(http_connector(receiver.url)).replace("\n  </bpmn:process>", EVENT_SUB_PROCESS, 1))
    shop.order(order_no="E1")
    clock.travel(timedelta(hours=2))
    _fire_timers()
    assert _run(shop) == 0 and receiver.requests == []
    clock.reset()
    assert calls()[0].status == DeliveryStatus.CLOSED and shop.inbox() == ["by_hand"]


def test_a_record_in_the_trash_sends_nothing_and_sends_again_when_restored(shop, receiver, caplog):
    shop.flow(diagram(http_connector(receiver.url)))
    order = shop.order(order_no="R1")
    lease, outcome = _lease(shop)

    deleted = shop.client.delete(f"{T}/entities/{order['id']}", headers=shop.headers)
    assert deleted.status_code == 204, deleted.get_json()
    [call] = calls()
    assert call.status == DeliveryStatus.CLOSED and "Trash" in call.last_error
    with caplog.at_level(logging.INFO, logger="runtime.connectors.operations"):
        assert operations.record(db.session(), shop.app.config["LOOM"], lease, outcome) is False
    db.session.commit()
    assert "outcome was dropped" in caplog.text
    assert _run(shop) == 0 and len(receiver.requests) == 1

    restored = shop.client.post(f"{T}/trash/records/{order['id']}/restore", headers=shop.headers)
    assert restored.status_code == 200, restored.get_json()
    assert calls()[0].status == DeliveryStatus.PENDING
    assert _run(shop) == 1 and len(receiver.requests) == 2
    assert shop.record(order["id"])["tracking_no"] == "TRK-1" and shop.inbox() == ["check"]


def test_a_stopped_flow_closes_its_other_calls_and_try_again_sends_them(shop, receiver):
    # Two connector steps in parallel: the HTTP one fails for good (its answer lacks the mapped
    # value) without a boundary and stops the flow, while the email still waits to be sent.
    receiver.answers = [(200, {"other": 1}), (200, {"shipment": {"id": "TRK-5"}})]
    xml = diagram(http_connector(receiver.url)).replace(
        '<bpmn:sequenceFlow id="to_call" sourceRef="start" targetRef="call"/>',
        '<bpmn:sequenceFlow id="to_call" sourceRef="start" targetRef="call"/>'
        '<bpmn:sequenceFlow id="to_mail" sourceRef="start" targetRef="mail"/>'
        '<bpmn:sequenceFlow id="mail_done" sourceRef="mail" targetRef="end_mail"/>'
        '<bpmn:serviceTask id="mail" name="Tell the customer"><bpmn:extensionElements>'
        '<loom:email to="{email}" subject="Order {order_no}">Soon.</loom:email>'
        "</bpmn:extensionElements></bpmn:serviceTask>"
        '<bpmn:endEvent id="end_mail"/>',
    )
    shop.flow(xml)
    order = shop.order(order_no="S1", email="ann@example.com")
    http = next(c for c in calls() if c.element == "call")
    assert run_call(db.session(), shop.app.config["LOOM"], http.tenant_id, http.id)
    [instance] = shop.flows(order["id"])["instances"]
    assert instance["status"] == "failed" and instance["error"]["element"] == "call"
    statuses = {c.element: c.status for c in calls()}
    assert statuses == {"call": DeliveryStatus.FAILED, "mail": DeliveryStatus.CLOSED}
    assert _run(shop) == 0  # the email is not sent while the flow is stopped
    assert db.session.scalar(select(func.count()).where(OutboxMessage.template == "flow_connector")) == 0

    retried = shop.client.post(f"{T}/entities/{order['id']}/flows/{instance['id']}/retry", headers=shop.headers)
    assert retried.status_code == 200, retried.get_json()
    assert {c.status for c in calls()} == {DeliveryStatus.PENDING}
    assert _run(shop) == 2
    assert shop.record(order["id"])["tracking_no"] == "TRK-5"
    assert db.session.scalar(select(func.count()).where(OutboxMessage.template == "flow_connector")) == 1


def _publish_v2(shop, xml: str) -> None:
    flow = shop.client.get(f"{T}/flows/shipping", headers=shop.headers).get_json()
    saved = shop.client.patch(
        f"{T}/flows/shipping", json={"lock_version": flow["lock_version"], "xml": xml}, headers=shop.headers
    )
    assert saved.status_code == 200 and saved.get_json()["draft"]["problems"] == [], saved.get_json()
    published = shop.client.post(
        f"{T}/flows/shipping/publish", json={"lock_version": saved.get_json()["lock_version"]}, headers=shop.headers
    )
    assert published.status_code == 201, published.get_json()


def _move_all(shop) -> dict:
    started = shop.client.post(f"{T}/flows/shipping/instance-migrations", headers=shop.headers)
    assert started.status_code == 202, started.get_json()
    assert drain_job(shop.app, started.get_json()["id"]) == JobStatus.DONE
    return shop.client.get(f"{T}/jobs/{started.get_json()['id']}", headers=shop.headers).get_json()["result"]


def test_a_move_to_a_new_version_keeps_the_waiting_call_and_its_outcome_moves_the_new_version(shop, receiver):
    v1 = diagram(http_connector(receiver.url))
    shop.flow(v1)
    order = shop.order(order_no="M1")
    [before] = calls()
    _publish_v2(shop, v1.replace('name="Check"', 'name="Check twice"'))
    assert _move_all(shop)["migrated"] == 1

    [call] = calls()
    assert (call.id, call.status) == (before.id, DeliveryStatus.PENDING)  # the step still waits
    assert _run(shop) == 1
    assert shop.record(order["id"])["tracking_no"] == "TRK-1"
    [instance] = shop.flows(order["id"])["instances"]
    assert instance["version"] == 2 and [w["label"] for w in instance["waiting"]] == ["Check twice"]


def test_a_stopped_record_moved_to_a_fixed_version_sends_its_call_again(shop, receiver):
    receiver.answers = [(200, {"other": 1})]  # v1 maps a path the answer does not have
    v1 = diagram(http_connector(receiver.url))
    shop.flow(v1)
    order = shop.order(order_no="M2")
    _run(shop)
    [instance] = shop.flows(order["id"])["instances"]
    assert instance["status"] == "failed" and calls()[0].status == DeliveryStatus.FAILED

    receiver.answers = [(200, {"shipment": {"id": "TRK-9"}})]
    _publish_v2(shop, v1.replace("Check", "Check again"))
    assert _move_all(shop)["migrated"] == 1
    assert calls()[0].status == DeliveryStatus.PENDING
    assert _run(shop) == 1 and shop.record(order["id"])["tracking_no"] == "TRK-9"
    [instance] = shop.flows(order["id"])["instances"]
    assert instance["status"] == "running" and instance["version"] == 2


def test_a_move_that_would_leave_the_waiting_connector_step_is_refused_and_the_call_stays(shop, receiver):
    v1 = diagram(http_connector(receiver.url))
    shop.flow(v1)
    order = shop.order(order_no="M3")
    without = v1.replace('<bpmn:serviceTask id="call"', '<bpmn:userTask id="call"').replace(
        "</bpmn:serviceTask>", "</bpmn:userTask>"
    )
    _publish_v2(shop, without)
    result = _move_all(shop)
    assert result["failed"] == 1 and "call" in result["items"][0]["reason"]
    assert calls()[0].status == DeliveryStatus.PENDING
    assert _run(shop) == 1 and shop.record(order["id"])["tracking_no"] == "TRK-1"
