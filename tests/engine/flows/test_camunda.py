"""Diagrams as Camunda Modeler 5 writes them, for Camunda 7 (``camunda:``, JUEL) and Camunda 8
(``zeebe:``, FEEL): who may do a user task and its form's fields are read, the gateways' conditions
route as Camunda would route them, and what Loom cannot take is refused naming the element."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from core.identity.models import TenantRole
from engine.flows import camunda, run
from engine.flows.condition_documents import translate_conditions
from engine.flows.parser import check, parse
from runtime.flows.access import RANK

HERE = Path(__file__).parent / "camunda"
C7 = (HERE / "order_approval_c7.bpmn").read_text(encoding="utf-8")
C8 = (HERE / "delivery_c8.bpmn").read_text(encoding="utf-8")
T0 = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def who(transition):
    return (transition.role, transition.member, transition.field, transition.fields)


def test_camunda_7_user_tasks_say_who_may_press_and_which_fields_they_show():
    flow = parse(C7)
    # The assignee wins over candidate groups: Camunda gives the task to that one person.
    assert who(flow.transitions["Activity_review"]) == (None, None, "reviewer", ("amount", "approved"))
    # Several groups that are roles: the weakest, since stronger roles may press too.
    assert who(flow.transitions["Activity_sign"]) == ("admin", None, None, ())
    assert who(flow.transitions["Activity_ship"]) == (None, "shipping@example.com", None, ())
    assert flow.transitions["Activity_review"].label == "Review order"


def test_camunda_8_user_tasks_say_who_may_press_and_their_embedded_form_gives_the_fields():
    flow = parse(C8)
    assert who(flow.transitions["Activity_pack"]) == (None, None, "driver", ("weight", "express"))
    assert who(flow.transitions["Activity_courier"]) == ("editor", None, None, ())
    assert who(flow.transitions["Activity_post"]) == (None, "post@example.com", None, ())


def finish_first_task(sandbox, xml, data):
    """The element the flow waits at after its first task is done with ``data`` (None when it ended)."""
    workflow = run.start(parse(xml), {}, sandbox=sandbox, now=T0, zone="UTC")
    [first] = run.waiting(workflow)
    run.complete(workflow, first.id, data, sandbox=sandbox, now=T0, zone="UTC")
    ready = run.waiting(workflow)
    if workflow.is_completed():
        return None, workflow
    [task] = ready
    return task.task_spec.bpmn_id, workflow


@pytest.mark.parametrize(
    ("data", "next_step"),
    [
        ({"amount": 5000, "approved": True}, "Activity_sign"),
        ({"amount": 1000, "approved": True}, "Activity_ship"),
        ({"amount": 12, "approved": True}, "Activity_ship"),
        ({"amount": 5000, "approved": False}, None),
        ({"amount": None, "approved": True}, None),  # JUEL: comparing with null is false, not an error
    ],
)
def test_juel_conditions_route_as_camunda_7_would(sandbox, data, next_step):
    waiting_at, workflow = finish_first_task(sandbox, C7, data)
    assert waiting_at == next_step
    if next_step is None:
        assert [t.task_spec.bpmn_id for t in workflow.get_tasks() if t.task_spec.bpmn_id == "Event_rejected"]


@pytest.mark.parametrize(
    ("data", "next_step"),
    [
        ({"weight": 3, "express": True}, "Activity_courier"),
        ({"weight": 20.6, "express": False}, "Activity_courier"),
        ({"weight": 20.5, "express": False}, "Activity_post"),
        ({"weight": 2, "express": None}, "Activity_post"),
        ({"weight": None, "express": False}, None),
        ({"weight": None, "express": True}, "Activity_courier"),
    ],
)
def test_feel_conditions_route_as_camunda_8_would(sandbox, data, next_step):
    waiting_at, _workflow = finish_first_task(sandbox, C8, data)
    assert waiting_at == next_step


def test_a_finished_route_keeps_running_after_it_is_stored(sandbox):
    waiting_at, workflow = finish_first_task(sandbox, C7, {"amount": 5000, "approved": True})
    restored = run.restore(run.serialize(workflow))
    [sign] = run.waiting(restored)
    run.complete(restored, sign.id, {}, sandbox=sandbox, now=T0, zone="UTC")
    assert waiting_at == "Activity_sign" and restored.is_completed()


@pytest.mark.parametrize(
    ("xml", "old", "new", "code", "element", "params"),
    [
        (C7, 'candidateGroups="owner,admin"', 'candidateGroups="sales"', "flow.camunda.group", "Activity_sign",
         {"group": "sales", "roles": "editor, admin, owner"}),
        (C7, 'candidateGroups="owner,admin"', 'candidateGroups="viewer"', "flow.camunda.group", "Activity_sign",
         {"group": "viewer", "roles": "editor, admin, owner"}),
        (C7, 'assignee="${reviewer}"', 'assignee="demo"', "flow.camunda.assignee", "Activity_review",
         {"value": "demo"}),
        (C7, 'assignee="${reviewer}"', 'assignee="${execution.getVariable(&quot;r&quot;)}"', "flow.camunda.assignee",
         "Activity_review", {"value": '${execution.getVariable("r")}'}),
        (C8, 'candidateUsers="post@example.com"', 'candidateUsers="a@example.com, b@example.com"',
         "flow.camunda.candidate", "Activity_post", {"value": "a@example.com, b@example.com"}),
        (C8, 'candidateGroups="editor, admin"', 'candidateGroups="=groups"', "flow.camunda.group",
         "Activity_courier", {"group": "=groups", "roles": "editor, admin, owner"}),
        (C7, "${amount &gt; 1000 &amp;&amp; approved}", "${orders.size() &gt; 0}", "flow.condition.unsupported",
         "Flow_large", {"expression": "${orders.size() > 0}", "unsupported": "orders.size", "language": "JUEL"}),
        (C7, "${approved and amount le 1000}", "${not empty approved}", "flow.condition.unsupported",
         "Flow_small", {"expression": "${not empty approved}", "unsupported": "empty", "language": "JUEL"}),
        (C8, "=express = true or weight &gt; 20.5", "=count(items) &gt; 2", "flow.condition.unsupported",
         "Flow_express", {"expression": "=count(items) > 2", "unsupported": "count(", "language": "FEEL"}),
        (C8, "=weight = null and not(express)", "=weight in [1..5]", "flow.condition.unsupported",
         "Flow_unweighed", {"expression": "=weight in [1..5]", "unsupported": "in", "language": "FEEL"}),
        (C7, 'xsi:type="bpmn:tFormalExpression">${approved and',
         'xsi:type="bpmn:tFormalExpression" language="javascript">${approved and', "flow.condition.language",
         "Flow_small", {"language": "javascript"}),
    ],
)  # fmt: skip
def test_what_loom_cannot_take_is_refused_naming_the_element(xml, old, new, code, element, params):
    assert old in xml
    _flow, found = check(xml.replace(old, new))
    [refused] = [e for e in found if e.code == code]
    assert (refused.element, refused.params) == (element, params)
    assert "Loom" in refused.message and "{" not in refused.message.replace("${", "")
    with pytest.raises(Exception) as raised:
        parse(xml.replace(old, new))
    assert getattr(raised.value, "element", None) is not None


def test_the_diagrams_as_written_are_not_refused():
    assert check(C7)[1] == [] and check(C8)[1] == []


def test_loom_s_own_transition_wins_over_what_camunda_says():
    mine = '<bpmn:extensionElements><loom:transition label="Sign" role="owner"/><loom:field key="note"/>'
    xml = C7.replace('id="Activity_sign" name="Sign off" camunda:candidateGroups="owner,admin">', (
        'id="Activity_sign" name="Sign off" camunda:candidateGroups="sales">' + mine + "</bpmn:extensionElements>"
    )).replace('xmlns:camunda=', 'xmlns:loom="http://loom.dev/schema/bpmn/1.0" xmlns:camunda=')  # fmt: skip
    flow, found = check(xml)
    assert found == []  # the group 'sales' is Camunda's, and Loom's transition replaces it
    assert who(flow.transitions["Activity_sign"]) == ("owner", None, None, ("note",))
    assert flow.transitions["Activity_sign"].label == "Sign"


def test_python_conditions_loom_writes_stay_exactly_as_they_are():
    xml = C7.replace("${amount &gt; 1000 &amp;&amp; approved}", "amount &gt; 1000 and approved")
    document = etree.fromstring(xml.encode())
    assert translate_conditions(document) == []
    texts = [e.text for e in document.iter("{http://www.omg.org/spec/BPMN/20100524/MODEL}conditionExpression")]
    assert texts[0] == "amount > 1000 and approved"


def test_feel_declared_by_its_language_needs_no_equals_sign(sandbox):
    xml = C8.replace(
        'xsi:type="bpmn:tFormalExpression">=express = true',
        'xsi:type="bpmn:tFormalExpression" language="http://www.omg.org/spec/FEEL/20140401">express = true',
    )
    waiting_at, _workflow = finish_first_task(sandbox, xml, {"weight": 1, "express": True})
    assert waiting_at == "Activity_courier"


def test_multi_instance_completion_conditions_are_translated_too():
    xml = C7.replace(
        "<bpmn:incoming>Flow_large</bpmn:incoming>",
        "<bpmn:incoming>Flow_large</bpmn:incoming><bpmn:multiInstanceLoopCharacteristics>"
        '<bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">${signers}</bpmn:loopCardinality>'
        '<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${nrOfCompletedInstances ge 2}'
        "</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics>",
    )
    document = etree.fromstring(xml.encode())
    assert translate_conditions(document) == []
    bpmn = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
    assert next(document.iter(f"{bpmn}loopCardinality")).text == "signers"
    completion = next(document.iter(f"{bpmn}completionCondition")).text
    assert completion == "(nrOfCompletedInstances is not None and nrOfCompletedInstances >= 2)"


def test_the_roles_camunda_groups_may_name_are_the_tenant_roles_that_move_records():
    movers = sorted((r for r in TenantRole if RANK[r] >= RANK[TenantRole.EDITOR]), key=RANK.__getitem__)
    assert tuple(r.value for r in movers) == camunda.ROLES


@pytest.mark.parametrize(
    ("groups", "role"), [('=["editor", "admin"]', "editor"), ('= [ "admin" ]', "admin"), ("=[]", None)]
)
def test_candidate_groups_as_a_feel_list_of_roles_are_read(groups, role):
    xml = C8.replace('candidateGroups="editor, admin"', f"candidateGroups='{groups}'")
    flow = parse(xml)
    assert who(flow.transitions["Activity_courier"])[0] == role
