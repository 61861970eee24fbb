"""Messages and signals in the engine: what an instance waits for, delivering one, what it threw."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from engine.flows import messages, run
from engine.flows.errors import FlowError
from engine.flows.messages import Subscription
from engine.flows.parser import check, parse
from tests.support.message_diagrams import (
    END,
    PAID,
    START,
    catch,
    diagram,
    line,
    listens_for_recall,
    pays,
    recalls,
    script,
    started_by_order,
    user_task,
    waits_for_payment,
)

# SpiffWorkflow also compares timers with the machine's clock: the steps happen now, as in Loom.
T0 = datetime.now(UTC).replace(microsecond=0)


def _start(flow, record, sandbox, now=T0):
    return run.start(flow, dict(record), sandbox=sandbox, now=now, zone="UTC", record=record)


def _deliver(workflow, name, values, sandbox, record=None, **kwargs):
    return messages.deliver(workflow, name, values, sandbox=sandbox, now=T0, zone="UTC", record=record, **kwargs)


def _matches(subscription: Subscription, correlation: dict) -> bool:
    """The runtime's rule (JSONB containment), for the engine's tests."""
    return all(correlation.get(key) == value for key, value in subscription.correlation.items())


def test_a_throw_in_one_instance_moves_the_one_waiting_with_the_same_order_id(sandbox):
    catcher, thrower = parse(waits_for_payment()), parse(pays())
    waiting = {order: _start(catcher, {"order_id": order}, sandbox) for order in ("A-1", "A-2")}
    found = {order: messages.subscriptions(catcher, wf, {"order_id": order}) for order, wf in waiting.items()}
    assert found["A-1"] == [Subscription("message", "payment received", "wait_payment", {"order_id": "A-1"})]

    record = {"order_id": "A-2", "amount": 30}
    throwing = _start(thrower, record, sandbox)
    assert throwing.is_completed()
    [out] = messages.thrown(thrower, throwing, messages.take(throwing), record)
    assert (out.kind, out.name, out.element) == ("message", "payment received", "pay")
    assert out.values == record and out.correlation == record  # no correlation declared: all its fields
    assert messages.take(throwing) == []  # taken out: the stored state no longer holds it
    assert run.restore(run.serialize(throwing)).bpmn_events == []

    [target] = [order for order, subs in found.items() if _matches(subs[0], out.correlation)]
    assert target == "A-2"
    receiver = run.restore(run.serialize(waiting["A-2"]))
    fields = {"order_id": "A-2", "amount": None}
    assert _deliver(receiver, out.name, out.values, sandbox, record=fields) == ["wait_payment"]
    assert receiver.is_completed() and fields["amount"] == 30  # the message's values land in the record's fields
    assert messages.subscriptions(catcher, receiver, fields) == []
    assert not waiting["A-1"].is_completed()


def test_correlation_is_read_from_bpmn_properties_zeebe_subscriptions_and_loom():
    bpmn = diagram(
        "p",
        line(START, catch("wait", correlation=None), END),
        roots=PAID
        + '<bpmn:correlationProperty id="cp" name="Order">'
        + '<bpmn:correlationPropertyRetrievalExpression messageRef="m_paid">'
        + "<bpmn:messagePath>order_id</bpmn:messagePath></bpmn:correlationPropertyRetrievalExpression>"
        "</bpmn:correlationProperty>",
    )
    assert parse(bpmn).correlations.fields("wait", "payment received") == ("order_id",)
    zeebe = diagram(
        "p",
        line(START, catch("wait", correlation=None), END),
        roots='<bpmn:message id="m_paid" name="payment received"><bpmn:extensionElements>'
        '<zeebe:subscription correlationKey="=orderId"/></bpmn:extensionElements></bpmn:message>',
    )
    assert parse(zeebe).correlations.fields("wait", "payment received") == ("orderId",)
    camunda7 = diagram("p", line(START, catch("wait", correlation=None), END))
    assert parse(camunda7).correlations.fields("wait", "payment received") == ()  # by name alone


def test_a_computed_correlation_is_refused_naming_an_element_that_uses_the_message():
    zeebe = diagram(
        "p",
        line(START, catch("wait", correlation=None), END),
        roots='<bpmn:message id="m_paid" name="payment received"><bpmn:extensionElements>'
        '<zeebe:subscription correlationKey="=order.id + 1"/></bpmn:extensionElements></bpmn:message>',
    )
    _flow, found = check(zeebe)
    [problem] = [p for p in found if p.code == "flow.message.correlation"]
    assert problem.element == "wait" and problem.params == {"expression": "order.id + 1"}
    assert "order_id" in problem.message


def test_an_event_based_gateway_takes_the_message_when_it_comes_first(sandbox):
    flow = parse(_gateway())
    assert flow.has_timers
    workflow = _start(flow, {"order_id": "A-1", "route": None}, sandbox)
    [(_task, element, due)] = run.timers(workflow)
    assert element == "too_late" and due == T0 + timedelta(hours=1)  # the gateway's timer is in the timer table
    assert [s.element for s in messages.subscriptions(flow, workflow, {"order_id": "A-1"})] == ["paid"]

    workflow = run.restore(run.serialize(workflow))
    record = {"order_id": "A-1", "route": None}
    assert _deliver(workflow, "payment received", {}, sandbox, record=record) == ["paid"]
    assert workflow.is_completed() and record["route"] == "paid"
    assert run.timers(workflow) == []


def test_an_event_based_gateway_takes_the_timer_when_no_message_comes(sandbox):
    flow = parse(_gateway())
    workflow = run.restore(run.serialize(_start(flow, {"order_id": "A-1", "route": None}, sandbox)))
    record = {"order_id": "A-1", "route": None}
    later = T0 + timedelta(hours=2)
    fired = run.fire_due_timers(workflow, sandbox=sandbox, now=later, zone="UTC", record=record)
    assert fired == ["too_late"] and workflow.is_completed() and record["route"] == "late"
    assert messages.subscriptions(flow, workflow, record) == []
    with pytest.raises(FlowError) as refused:
        _deliver(workflow, "payment received", {}, sandbox, record=record)
    assert refused.value.code == "flow.message.not_waiting"


def test_an_interrupting_boundary_message_cancels_the_persons_step(sandbox):
    flow = parse(_boundary(interrupting=True))
    workflow = _start(flow, {"order_id": "A-1", "route": None}, sandbox)
    assert [t.task_spec.bpmn_id for t in run.waiting(workflow)] == ["ship"]
    assert [s.element for s in messages.subscriptions(flow, workflow, {"order_id": "A-1"})] == ["cancelled"]
    record = {"order_id": "A-1", "route": None}
    assert _deliver(workflow, "payment received", {}, sandbox, record=record) == ["cancelled"]
    assert run.waiting(workflow) == [] and workflow.is_completed() and record["route"] == "cancelled"


def test_a_non_interrupting_boundary_message_leaves_the_persons_step_waiting(sandbox):
    flow = parse(_boundary(interrupting=False))
    workflow = _start(flow, {"order_id": "A-1", "route": None}, sandbox)
    record = {"order_id": "A-1", "route": None}
    _deliver(workflow, "payment received", {}, sandbox, record=record)
    assert [t.task_spec.bpmn_id for t in run.waiting(workflow)] == ["ship"] and record["route"] == "cancelled"


def test_a_signal_reaches_every_instance_listening_for_it(sandbox):
    listener, sender = parse(listens_for_recall()), parse(recalls())
    listening = [_start(listener, {"n": n}, sandbox) for n in range(3)]
    assert messages.subscriptions(listener, listening[0], {"n": 0}) == [Subscription("signal", "recall", "recalled")]
    record = {"n": 9}
    sending = _start(sender, record, sandbox)
    [out] = messages.thrown(sender, sending, messages.take(sending), record)
    assert (out.kind, out.name, out.element, out.correlation) == ("signal", "recall", "end", {})
    for workflow in listening:
        assert _deliver(workflow, "recall", out.values, sandbox, kind="signal") == ["recalled"]
        assert workflow.is_completed()


def test_send_and_receive_tasks_exchange_a_message(sandbox):
    send = diagram("sends", line(START, '<bpmn:sendTask id="send" messageRef="m_paid"/>', END))
    receive = diagram(
        "receives",
        line(
            START,
            '<bpmn:receiveTask id="receive" messageRef="m_paid"><bpmn:extensionElements>'
            '<loom:correlation field="order_id"/></bpmn:extensionElements></bpmn:receiveTask>',
            END,
        ),
    )
    sender, receiver = parse(send), parse(receive)
    waiting = _start(receiver, {"order_id": 5}, sandbox)
    assert messages.subscriptions(receiver, waiting, {"order_id": 5}) == [
        Subscription("message", "payment received", "receive", {"order_id": 5})
    ]
    sending = _start(sender, {"order_id": 5}, sandbox)
    [out] = messages.thrown(sender, sending, messages.take(sending), {"order_id": 5})
    assert out.element == "send" and out.correlation == {"order_id": 5}
    assert _deliver(waiting, out.name, out.values, sandbox) == ["receive"] and waiting.is_completed()


def test_a_message_start_waits_for_its_message_and_is_no_subscription(sandbox):
    flow = parse(started_by_order())
    assert messages.starts(flow) == {"order placed": "ordered"}
    workflow = _start(flow, {"customer": None}, sandbox)
    assert run.waiting(workflow) == [] and messages.subscriptions(flow, workflow, {}) == []
    record = {"customer": None}
    assert _deliver(workflow, "order placed", {"customer": "Ada"}, sandbox, record=record, element="ordered") == [
        "ordered"
    ]
    assert [t.task_spec.bpmn_id for t in run.waiting(workflow)] == ["confirm"] and record["customer"] == "Ada"


@pytest.mark.parametrize("interrupting", [True, False])
def test_a_message_starts_an_event_sub_process_while_its_process_runs(sandbox, interrupting):
    flow = parse(_event_subprocess(interrupting))
    record = {"order_id": "A-1", "route": None}
    workflow = _start(flow, record, sandbox)
    assert messages.subscriptions(flow, workflow, record) == [
        Subscription("message", "payment received", "esp_start", {"order_id": "A-1"})
    ]
    workflow = run.restore(run.serialize(workflow))
    assert _deliver(workflow, "payment received", {"amount": 5}, sandbox, record=record) == ["esp_start"]
    assert record["route"] == "esp"
    if interrupting:  # the person's step is withdrawn and the process ends with the event sub-process
        assert run.waiting(workflow) == [] and workflow.is_completed()
    else:
        assert [t.task_spec.bpmn_id for t in run.waiting(workflow)] == ["ship"]


def test_a_signal_start_of_the_process_is_refused_and_other_triggers_stay_refused():
    signal_start = diagram(
        "p",
        line('<bpmn:startEvent id="s"><bpmn:signalEventDefinition signalRef="s_recall"/></bpmn:startEvent>', END),
        roots='<bpmn:signal id="s_recall" name="recall"/>',
    )
    _flow, found = check(signal_start)
    assert [(p.code, p.element) for p in found] == [("flow.start.signal", "s")]
    conditional = diagram(
        "p",
        line(
            START,
            '<bpmn:intermediateCatchEvent id="c"><bpmn:conditionalEventDefinition><bpmn:condition>x</bpmn:condition>'
            "</bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>",
            END,
        ),
    )
    _flow, found = check(conditional)
    assert [(p.code, p.element) for p in found] == [("flow.event.conditional_unsupported", "c")]


def _gateway() -> str:
    body = (
        START
        + '<bpmn:eventBasedGateway id="gw"/>'
        + catch("paid")
        + '<bpmn:intermediateCatchEvent id="too_late"><bpmn:timerEventDefinition>'
        + '<bpmn:timeDuration>"PT1H"</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>'
        + script("mark_paid", 'route = "paid"')
        + script("mark_late", 'route = "late"')
        + '<bpmn:endEvent id="end_paid"/><bpmn:endEvent id="end_late"/>'
        + _flows(
            ("start", "gw"),
            ("gw", "paid"),
            ("gw", "too_late"),
            ("paid", "mark_paid"),
            ("mark_paid", "end_paid"),
            ("too_late", "mark_late"),
            ("mark_late", "end_late"),
        )
    )
    return diagram("gateway", body)


def _boundary(*, interrupting: bool) -> str:
    body = (
        START
        + user_task("ship", "Ship")
        + f'<bpmn:boundaryEvent id="cancelled" attachedToRef="ship" cancelActivity="{str(interrupting).lower()}">'
        + '<bpmn:extensionElements><loom:correlation field="order_id"/></bpmn:extensionElements>'
        + '<bpmn:messageEventDefinition messageRef="m_paid"/></bpmn:boundaryEvent>'
        + script("mark_cancelled", 'route = "cancelled"')
        + END
        + '<bpmn:endEvent id="end_cancelled"/>'
        + _flows(
            ("start", "ship"), ("ship", "end"), ("cancelled", "mark_cancelled"), ("mark_cancelled", "end_cancelled")
        )
    )
    return diagram("boundary", body)


def _event_subprocess(interrupting: bool) -> str:
    body = line(START, user_task("ship", "Ship"), END) + (
        '<bpmn:subProcess id="esp" triggeredByEvent="true">'
        f'<bpmn:startEvent id="esp_start" isInterrupting="{str(interrupting).lower()}">'
        '<bpmn:extensionElements><loom:correlation field="order_id"/></bpmn:extensionElements>'
        '<bpmn:messageEventDefinition messageRef="m_paid"/></bpmn:startEvent>'
        + script("esp_mark", 'route = "esp"')
        + '<bpmn:endEvent id="esp_end"/>'
        + _flows(("esp_start", "esp_mark"), ("esp_mark", "esp_end"))
        + "</bpmn:subProcess>"
    )
    return diagram("with_esp", body)


def _flows(*pairs: tuple[str, str]) -> str:
    return "".join(
        f'<bpmn:sequenceFlow id="g{index}" sourceRef="{source}" targetRef="{target}"/>'
        for index, (source, target) in enumerate(pairs)
    )


def test_messages_without_a_name_are_known_by_their_id(sandbox):
    unnamed = diagram(
        "p",
        line(
            START, catch("wait", message="m_a", correlation=None), catch("later", message="m_b", correlation=None), END
        ),
        roots='<bpmn:message id="m_a"/><bpmn:message id="m_b" name=""/>',
    )
    flow = parse(unnamed)
    workflow = _start(flow, {}, sandbox)
    assert [s.name for s in messages.subscriptions(flow, workflow, {})] == ["m_a"]
    assert _deliver(workflow, "m_a", {}, sandbox) == ["wait"]
    assert [s.name for s in messages.subscriptions(flow, workflow, {})] == ["m_b"]


def test_caught_names_every_message_something_in_the_flow_waits_for():
    """What an inbound hook's message name is checked against (runtime/messages/inbound.py)."""
    assert messages.caught(parse(pays())) == set()  # a throw waits for nothing
    assert messages.caught(parse(started_by_order())) == {"order placed"}
    receive = diagram("receives", line(START, '<bpmn:receiveTask id="receive" messageRef="m_paid"/>', END))
    for xml in (waits_for_payment(), _gateway(), _boundary(interrupting=True), _event_subprocess(True), receive):
        assert messages.caught(parse(xml)) == {"payment received"}
    assert messages.caught(parse(listens_for_recall())) == set()  # a signal is no message
