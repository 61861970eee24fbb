"""How large a flow instance's stored state is, and how long a step takes with it, for shapes that grow.

    .venv/bin/python -m bench.flows_state [--steps 30] [--no-write]

Engine only, no database: the drawn Delivery flow after its start, a multi-instance user task over
100 items of a list the record holds, a multi-instance sub-process (a script and a user task
inside) over the 100 lines of a record (~27 KB of lines and a 2 KB note: the shape whose state grew
to megabytes when the first task of each sub-process kept the record's data in full), and a loop
back into a sub-process after 20 and 60 rounds (each round a person presses a button and a script
appends a line to a list). Each is measured as Loom stores it (``run.serialize`` as compact JSON,
what ``LOOM_FLOW_MAX_STATE_BYTES`` counts) and as SpiffWorkflow's serializer alone stores the same
workflow (its own conversion of the data). For the multi-instance sub-process, a step is what the
runtime does per transition: restore from the stored JSON, complete the first waiting task, run on,
serialize to JSON; bare SpiffWorkflow (its own parser, script engine and serializer) does the same
beside it. Prints the figures and writes the "## Flow state" section of docs/benchmarks.md unless
``--no-write``; bench/flows.py prints the size table with its own figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "platform"))

from bench.report import replace_section  # noqa: E402
from engine.flows import run  # noqa: E402
from engine.flows.limits import Limits  # noqa: E402
from engine.flows.parser import parse  # noqa: E402
from engine.flows.sandbox import Sandbox  # noqa: E402

NOW = datetime(2026, 11, 23, tzinfo=UTC)
UNBOUNDED = Limits(state_bytes=10**10, steps=10**6, instances=10**6)
BPMN = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"'

MULTI = f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions {BPMN} id="d" targetNamespace="bench">
  <bpmn:process id="check_items" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="check"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:multiInstanceLoopCharacteristics>
        <bpmn:loopDataInputRef>items</bpmn:loopDataInputRef><bpmn:inputDataItem id="item" />
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check"/>
    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>"""

LOOP = f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions {BPMN} id="d" targetNamespace="bench">
  <bpmn:process id="review_rounds" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:exclusiveGateway id="merge"><bpmn:incoming>f1</bpmn:incoming><bpmn:incoming>back</bpmn:incoming>
      <bpmn:outgoing>f2</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:subProcess id="round"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
      <bpmn:startEvent id="round_start"><bpmn:outgoing>s1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:userTask id="review"><bpmn:incoming>s1</bpmn:incoming><bpmn:outgoing>s2</bpmn:outgoing></bpmn:userTask>
      <bpmn:scriptTask id="note"><bpmn:incoming>s2</bpmn:incoming><bpmn:outgoing>s3</bpmn:outgoing>
        <bpmn:script>rounds = rounds + 1
notes = notes + ["Round %d reviewed." % rounds]</bpmn:script></bpmn:scriptTask>
      <bpmn:endEvent id="round_end"><bpmn:incoming>s3</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="s1" sourceRef="round_start" targetRef="review"/>
      <bpmn:sequenceFlow id="s2" sourceRef="review" targetRef="note"/>
      <bpmn:sequenceFlow id="s3" sourceRef="note" targetRef="round_end"/>
    </bpmn:subProcess>
    <bpmn:exclusiveGateway id="again" default="done"><bpmn:incoming>f3</bpmn:incoming>
      <bpmn:outgoing>back</bpmn:outgoing><bpmn:outgoing>done</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:endEvent id="end"><bpmn:incoming>done</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="merge"/>
    <bpmn:sequenceFlow id="f2" sourceRef="merge" targetRef="round"/>
    <bpmn:sequenceFlow id="f3" sourceRef="round" targetRef="again"/>
    <bpmn:sequenceFlow id="back" sourceRef="again" targetRef="merge">
      <bpmn:conditionExpression>rounds &lt; 1000000</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="done" sourceRef="again" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>"""


MI_SUBPROCESS = f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions {BPMN} id="d" targetNamespace="bench">
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
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="each"/>
    <bpmn:sequenceFlow id="f2" sourceRef="each" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>"""


def order_record() -> dict[str, Any]:
    """A record with 100 lines (~27 KB as JSON) and a 2 KB note."""
    lines = [
        {"sku": f"SKU-{n:04d}", "name": "A product with a fairly long description " * 5, "qty": n} for n in range(100)
    ]
    return {"lines": lines, "customer": "ACME", "note": "n" * 2000, "ordered": "2026-11-20"}


@dataclass(frozen=True)
class Shape:
    """One shape's stored state: as Loom keeps it, and as SpiffWorkflow's serializer alone keeps it."""

    what: str
    stored: int  # bytes
    bare: int  # bytes


def stored_bytes(workflow: Any) -> int:
    """What the runtime keeps for the instance: ``run.serialize`` as compact JSON (what the budget counts)."""
    return len(json.dumps(run.serialize(workflow), separators=(",", ":"), ensure_ascii=False).encode())


def bare_bytes(workflow: Any) -> int:
    """The same workflow through SpiffWorkflow's serializer alone (its data conversion, no codec text)."""
    text = run.SERIALIZER.serialize_json(workflow)
    return len(json.dumps(json.loads(text), separators=(",", ":"), ensure_ascii=False).encode())


def _shape(what: str, workflow: Any) -> Shape:
    return Shape(what, stored_bytes(workflow), bare_bytes(workflow))


def state_sizes(sandbox: Sandbox) -> list[Shape]:
    """Each shape this module describes, measured."""
    shapes = []
    delivery = parse((ROOT / "bpmn" / "examples" / "delivery.bpmn").read_bytes())
    record = {"status": "PENDING", "cargo": "Tea"}
    started = run.start(delivery, record, sandbox=sandbox, now=NOW, zone="UTC", limits=UNBOUNDED)
    shapes.append(_shape("Delivery, after its start", started))
    items = [{"n": n, "name": f"Item {n}", "note": "x" * 200} for n in range(100)]
    multi = run.start(parse(MULTI), {"items": items}, sandbox=sandbox, now=NOW, zone="UTC", limits=UNBOUNDED)
    shapes.append(_shape("Multi-instance user task over 100 items (~24 KB of data)", multi))
    order = order_record()
    lines = run.start(
        parse(MI_SUBPROCESS), order, sandbox=sandbox, now=NOW, zone="UTC", record=dict(order), limits=UNBOUNDED
    )
    shapes.append(_shape("Multi-instance sub-process over 100 lines (~29 KB of data), after its start", lines))
    loop = run.start(parse(LOOP), {"rounds": 0, "notes": []}, sandbox=sandbox, now=NOW, zone="UTC", limits=UNBOUNDED)
    for rounds in range(1, 61):
        [task] = run.waiting(loop)
        run.complete(loop, task.id, {}, sandbox=sandbox, now=NOW, zone="UTC", limits=UNBOUNDED)
        if rounds in (20, 60):
            shapes.append(_shape(f"Loop into a sub-process, after {rounds} rounds", loop))
    return shapes


def lines(shapes: list[Shape]) -> list[str]:
    """The sizes as a Markdown table."""
    rows = ["| Stored state of one instance | Loom, KiB | bare SpiffWorkflow, KiB | ratio |", "|---|---:|---:|---:|"]
    return rows + [
        f"| {s.what} | {s.stored / 1024:,.1f} | {s.bare / 1024:,.1f} | {s.stored / s.bare:.2f}x |" for s in shapes
    ]


@dataclass(frozen=True)
class Steps:
    """Seconds per step of the multi-instance sub-process, and for its parts."""

    start: float  # run to the first waits and serialize
    steps: list[float]  # restore from JSON, complete the first waiting task, run on, serialize to JSON
    restores: list[float]
    serializes: list[float]


def loom_steps(sandbox: Sandbox, count: int) -> Steps:
    """``count`` steps of the multi-instance sub-process through Loom's engine, as the runtime takes them."""
    order, flow = order_record(), parse(MI_SUBPROCESS)
    began = time.perf_counter()
    workflow = run.start(flow, order, sandbox=sandbox, now=NOW, zone="UTC", record=dict(order), limits=UNBOUNDED)
    text = json.dumps(run.serialize(workflow))
    result = Steps(time.perf_counter() - began, [], [], [])
    for _ in range(count):
        began = time.perf_counter()
        workflow = run.restore(json.loads(text))
        restored = time.perf_counter()
        task = run.waiting(workflow)[0]
        run.complete(workflow, task.id, {}, sandbox=sandbox, now=NOW, zone="UTC", record=dict(order), limits=UNBOUNDED)
        ran = time.perf_counter()
        text = json.dumps(run.serialize(workflow))
        done = time.perf_counter()
        result.steps.append(done - began)
        result.restores.append(restored - began)
        result.serializes.append(done - ran)
    return result


def bare_steps(count: int) -> Steps:
    """The same steps with SpiffWorkflow's own parser, script engine and serializer."""
    from SpiffWorkflow.bpmn.script_engine import PythonScriptEngine
    from SpiffWorkflow.bpmn.serializer.workflow import BpmnWorkflowSerializer
    from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
    from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
    from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
    from SpiffWorkflow.util.task import TaskState

    parser = SpiffBpmnParser()
    parser.add_bpmn_str(MI_SUBPROCESS.encode())
    spec, subprocesses = parser.get_spec("check_lines"), parser.get_subprocess_specs("check_lines")
    engine, serializer = PythonScriptEngine(), BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(SPIFF_CONFIG))
    order = order_record()
    began = time.perf_counter()
    workflow = BpmnWorkflow(spec, subprocesses, script_engine=engine)
    for task in workflow.get_tasks(state=TaskState.READY):
        task.data.update(order)
    workflow.do_engine_steps()
    text = serializer.serialize_json(workflow)
    result = Steps(time.perf_counter() - began, [], [], [])
    for _ in range(count):
        began = time.perf_counter()
        workflow = serializer.deserialize_json(text)
        workflow.script_engine = engine
        restored = time.perf_counter()
        workflow.get_tasks(state=TaskState.READY, manual=True)[0].run()
        workflow.do_engine_steps()
        ran = time.perf_counter()
        text = serializer.serialize_json(workflow)
        done = time.perf_counter()
        result.steps.append(done - began)
        result.restores.append(restored - began)
        result.serializes.append(done - ran)
    return result


def step_lines(loom: Steps, bare: Steps) -> list[str]:
    """The step times as a Markdown table."""

    def row(what: str, mine: float, theirs: float) -> str:
        return f"| {what} | {mine * 1000:,.1f} ms | {theirs * 1000:,.1f} ms | {mine / theirs:.2f}x |"

    median = statistics.median
    return [
        "| Multi-instance sub-process over 100 lines | Loom | bare SpiffWorkflow | ratio |",
        "|---|---:|---:|---:|",
        row("start: run to the first waits, serialize", loom.start, bare.start),
        row("step, median", median(loom.steps), median(bare.steps)),
        row("step, slowest", max(loom.steps), max(bare.steps)),
        row("restore, median", median(loom.restores), median(bare.restores)),
        row("serialize, median", median(loom.serializes), median(bare.serializes)),
    ]


def report(shapes: list[Shape], loom: Steps, bare: Steps, load: float) -> str:
    """The section for docs/benchmarks.md."""
    intro = (
        f"Measured by `bench/flows_state.py` on {datetime.now(UTC):%Y-%m-%d}, this machine (2 cores; load "
        f"average {load:.1f} when the run started), engine only. Loom's state is `run.serialize` as compact "
        "JSON (what `LOOM_FLOW_MAX_STATE_BYTES` counts); bare SpiffWorkflow's is its serializer's JSON of the "
        "same workflow, compacted the same way. Steps: restore from JSON, complete the first waiting task, run "
        f"on, serialize to JSON; {len(loom.steps)} steps of each. The ratio is Loom / bare SpiffWorkflow."
    )
    return "\n".join(["## Flow state", "", intro, "", *lines(shapes), "", *step_lines(loom, bare)]) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=30, help="steps of the multi-instance sub-process timed")
    # Every bench takes --database and --no-write; this one runs the engine alone and opens no
    # database, so two runs at once share nothing but the report they may write.
    parser.add_argument("--database", help="accepted as every bench's is; this one uses no database")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    sandbox = Sandbox()
    try:
        shapes = state_sizes(sandbox)
        loom = loom_steps(sandbox, args.steps)
    finally:
        sandbox.close()
    text = report(shapes, loom, bare_steps(args.steps), load)
    print(text)
    if not args.no_write:
        replace_section(ROOT / "docs" / "benchmarks.md", "## Flow state", text)


if __name__ == "__main__":
    main()
