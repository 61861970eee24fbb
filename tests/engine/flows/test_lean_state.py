"""The stored state stays lean: data is not copied per task, and a finished sub-process is not kept.

Each round of a loop into a sub-process used to leave the whole sub-process (its tasks and a
copy of its data) in the state, so the state and each step's time grew with every round.
"""

from __future__ import annotations

import json
from copy import deepcopy
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from engine.flows import codec, run, stored_data
from engine.flows.limits import Limits
from engine.flows.parser import parse
from tests.engine.flows.test_codec import same

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


# A multi-instance sub-process over a record's lines: SpiffWorkflow copies the data into the first
# task of every instance, so each instance used to store the whole record again (3 MB for 100 lines).
MI_SUBPROCESS = f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions {BPMN} id="d" targetNamespace="t">
  <bpmn:process id="check_lines" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:subProcess id="each"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:multiInstanceLoopCharacteristics>
        <bpmn:loopDataInputRef>lines</bpmn:loopDataInputRef><bpmn:inputDataItem id="line" />
      </bpmn:multiInstanceLoopCharacteristics>
      <bpmn:startEvent id="each_start"><bpmn:outgoing>s1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:scriptTask id="price"><bpmn:incoming>s1</bpmn:incoming><bpmn:outgoing>s2</bpmn:outgoing>
        <bpmn:script>amount = line["qty"] * 2</bpmn:script></bpmn:scriptTask>
      <bpmn:userTask id="check"><bpmn:incoming>s2</bpmn:incoming><bpmn:outgoing>s3</bpmn:outgoing></bpmn:userTask>
      <bpmn:endEvent id="each_end"><bpmn:incoming>s3</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="s1" sourceRef="each_start" targetRef="price"/>
      <bpmn:sequenceFlow id="s2" sourceRef="price" targetRef="check"/>
      <bpmn:sequenceFlow id="s3" sourceRef="check" targetRef="each_end"/>
    </bpmn:subProcess>
    <bpmn:scriptTask id="total"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
      <bpmn:script>checked = len(lines)</bpmn:script></bpmn:scriptTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="each"/>
    <bpmn:sequenceFlow id="f2" sourceRef="each" targetRef="total"/>
    <bpmn:sequenceFlow id="f3" sourceRef="total" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>"""


def order(count: int) -> dict:
    lines = [
        {"sku": f"SKU-{n:04d}", "name": "A product with a fairly long description " * 5, "qty": n} for n in range(count)
    ]
    return {
        "lines": lines,
        "customer": "ACME",
        "note": "n" * 2000,
        "ordered": date(2026, 11, 20),
        "total": Decimal("1234.50"),
        "urgent": True,
    }


def start_order(sandbox, data):
    return run.start(parse(MI_SUBPROCESS), data, sandbox=sandbox, now=NOW, zone="UTC", record=dict(data), limits=ROOMY)


def every_task(workflow):
    """(task id, element, state, data) of every task, sub-processes included, in a stable order.

    The variables of a task's data are sorted by name: SpiffWorkflow restores a task's data as its
    parent's followed by its own changes (with or without Loom's storage), so their order may move."""
    tasks = [t for part in [workflow, *workflow.subprocesses.values()] for t in part.tasks.values()]
    found = [(str(t.id), t.task_spec.name, t.state, dict(sorted(t.data.items()))) for t in tasks]
    return sorted(found, key=lambda t: t[0])


def test_a_multi_instance_sub_process_over_a_records_lines_stores_the_data_once(sandbox):
    data = order(100)
    workflow = start_order(sandbox, data)
    assert len(run.waiting(workflow)) == 100
    state = run.serialize(workflow)
    text = json.dumps(state, separators=(",", ":"))
    bare = len(json.dumps(json.loads(run.SERIALIZER.serialize_json(workflow)), separators=(",", ":")))
    # SpiffWorkflow alone stores the ~29 KB record once per instance (about 3 MB); Loom keeps each
    # long text once (about 380 KB, nearly all of it SpiffWorkflow's 700 tasks, ids and states).
    assert bare > 2_500_000
    assert len(text) < 512 * 1024, len(text)
    # The list once, and each line once more as the item of its instance.
    assert text.count("A product with a fairly long description") == 2 * 5 * 100
    assert text.count("n" * 2000) == 1


def test_every_task_comes_back_with_the_same_data_and_every_instance_runs_to_the_end(sandbox):
    data = order(12)
    kept = start_order(sandbox, data)  # restored between steps, as the runtime does
    alone = start_order(sandbox, data)  # never stored: what the engine does without storage
    for step in range(12):
        before = deepcopy(every_task(kept))
        kept = run.restore(json.loads(json.dumps(run.serialize(kept))))
        assert [same(a, b) for a, b in zip(every_task(kept), before, strict=True)] == [True] * len(before)
        assert [t.task_spec.bpmn_id for t in run.waiting(kept)] == ["check"] * (12 - step)
        assert same([t.data for t in run.waiting(kept)], [t.data for t in run.waiting(alone)])
        assert same(run.variables(kept), run.variables(alone))
        for workflow in (kept, alone):
            task = run.waiting(workflow)[0]
            run.complete(workflow, task.id, {"seen": step}, sandbox=sandbox, now=NOW, zone="UTC", limits=ROOMY)
    assert kept.is_completed() and alone.is_completed()
    final = run.variables(run.restore(run.serialize(kept)))
    assert same(final, run.variables(alone))
    assert final["checked"] == 12 and final["seen"] == 11 and same(final["total"], Decimal("1234.50"))
    assert same(final["lines"], data["lines"]) and same(final["ordered"], date(2026, 11, 20))


def test_a_value_equal_to_its_parents_but_of_another_type_keeps_its_type(sandbox):
    workflow = start_order(sandbox, order(3))
    tasks = run.waiting(workflow)
    changed = {
        "urgent": 1,  # True before: equal, but not the same
        "total": Decimal("1234.5"),  # one digit fewer
        "lines": [{**line, "qty": float(line["qty"])} for line in tasks[0].data["lines"]],
        "line": dict(reversed(list(tasks[0].data["line"].items()))),  # the same keys, in another order
    }
    tasks[0].data.update(changed)
    tasks[1].data["ordered"] = datetime(2026, 11, 20, tzinfo=UTC)
    back = {t.id: t.data for t in run.waiting(run.restore(json.loads(json.dumps(run.serialize(workflow)))))}
    for task in tasks:
        assert same(back[task.id], task.data)
    assert back[tasks[0].id]["urgent"] == 1 and type(back[tasks[0].id]["urgent"]) is int
    assert list(back[tasks[0].id]["line"]) == list(changed["line"])
    assert back[tasks[2].id]["urgent"] is True


def test_tasks_waiting_after_a_restore_do_not_share_what_they_hold(sandbox):
    workflow = run.restore(run.serialize(start_order(sandbox, order(3))))
    first, second = run.waiting(workflow)[:2]
    first.data["lines"][0]["qty"] = 99  # what SpiffWorkflow's merge of a child's data does in place
    assert second.data["lines"][0]["qty"] == 0
    assert run.variables(workflow)["lines"][0]["qty"] in (0, 99)  # its own copy either way


def test_states_stored_before_texts_were_pooled_keep_loading_and_running(sandbox):
    data = order(3)
    workflow = start_order(sandbox, data)
    old = old_format(workflow)
    assert old[run.DATA_FORMAT] == run.CODEC_TEXT and stored_data.POOL not in old
    back = run.restore(json.loads(json.dumps(old)))
    before = every_task(workflow)
    assert [same(a, b) for a, b in zip(every_task(back), before, strict=True)] == [True] * len(before)
    for _ in range(3):
        task = run.waiting(back)[0]
        run.complete(back, task.id, {}, sandbox=sandbox, now=NOW, zone="UTC", limits=ROOMY)
        back = run.restore(run.serialize(back))  # stored again: the new format from here on
    assert back.is_completed() and run.variables(back)["checked"] == 3
    assert same(run.variables(back)["lines"], data["lines"])


def old_format(workflow) -> dict:
    """The state as run.serialize wrote it before texts were pooled (format 1): every variable's
    codec text in every task, each encoded on its own."""
    holders = [workflow, *workflow.subprocesses.values()]
    holders += [t for part in list(holders) for t in part.tasks.values()]
    kept = [(holder, holder.data) for holder in holders]
    try:
        for holder in holders:
            holder.data = {run.KEPT + key: codec.dumps(value) for key, value in holder.data.items()}
        state = json.loads(run.SERIALIZER.serialize_json(workflow))
    finally:
        for holder, data in kept:
            holder.data = data
    state[run.DATA_FORMAT] = run.CODEC_TEXT
    return state


def test_a_reference_to_a_text_the_pool_lacks_is_refused_on_restore(sandbox):
    state = run.serialize(start_order(sandbox, order(2)))
    state[stored_data.POOL] = state[stored_data.POOL][:1]
    with pytest.raises(ValueError, match="does not hold"):
        run.restore(state)


def test_a_state_whose_keys_come_back_in_another_order_restores_the_same(sandbox):
    # PostgreSQL's JSONB orders an object's keys its own way, so task ids come back in any order,
    # while SpiffWorkflow rebuilds each task's data from its parent's as it reads them.
    workflow = start_order(sandbox, order(5))
    before = every_task(workflow)
    for state in (run.serialize(workflow), old_format(workflow)):
        shuffled = json.loads(json.dumps(state, sort_keys=True))
        assert list(shuffled["tasks"]) != list(state["tasks"])
        back = run.restore(shuffled)
        assert [same(a, b) for a, b in zip(every_task(back), before, strict=True)] == [True] * len(before)
