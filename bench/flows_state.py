"""How large a flow instance's stored state is (``run.serialize``, as JSON), for shapes that grow.

    .venv/bin/python -m bench.flows_state

Engine only, no database: the drawn Delivery flow after its start, a multi-instance activity over
100 items of a list the record holds, and a loop back into a sub-process after 20 and 60 rounds
(each round a person presses a button and a script appends a line to a list). The state counts
against ``LOOM_FLOW_MAX_STATE_BYTES``; bench/flows.py prints these figures with its own.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "platform"))

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


def stored_bytes(workflow: Any) -> int:
    """What the runtime keeps for the instance: ``run.serialize`` as compact JSON (what the budget counts)."""
    return len(json.dumps(run.serialize(workflow), separators=(",", ":"), ensure_ascii=False).encode())


def state_sizes(sandbox: Sandbox) -> list[tuple[str, int]]:
    """(what, stored bytes) for each shape this module describes."""
    sizes = []
    delivery = parse((ROOT / "bpmn" / "examples" / "delivery.bpmn").read_bytes())
    record = {"status": "PENDING", "cargo": "Tea"}
    started = run.start(delivery, record, sandbox=sandbox, now=NOW, zone="UTC", limits=UNBOUNDED)
    sizes.append(("Delivery, after its start", stored_bytes(started)))
    items = [{"n": n, "name": f"Item {n}", "note": "x" * 200} for n in range(100)]
    multi = run.start(parse(MULTI), {"items": items}, sandbox=sandbox, now=NOW, zone="UTC", limits=UNBOUNDED)
    sizes.append(("Multi-instance over 100 items (~24 KB of data)", stored_bytes(multi)))
    loop = run.start(parse(LOOP), {"rounds": 0, "notes": []}, sandbox=sandbox, now=NOW, zone="UTC", limits=UNBOUNDED)
    for rounds in range(1, 61):
        [task] = run.waiting(loop)
        run.complete(loop, task.id, {}, sandbox=sandbox, now=NOW, zone="UTC", limits=UNBOUNDED)
        if rounds in (20, 60):
            sizes.append((f"Loop into a sub-process, after {rounds} rounds", stored_bytes(loop)))
    return sizes


def lines(sizes: list[tuple[str, int]]) -> list[str]:
    """The sizes as a Markdown table."""
    rows = ["| Stored state of one instance | KiB |", "|---|---:|"]
    return rows + [f"| {what} | {size / 1024:,.1f} |" for what, size in sizes]


def main() -> None:
    sandbox = Sandbox()
    try:
        print("\n".join(lines(state_sizes(sandbox))))
    finally:
        sandbox.close()


if __name__ == "__main__":
    main()
