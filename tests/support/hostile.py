"""Scripts that hit every limit of the sandbox, for the noisy-neighbour test and bench/neighbours.py.

``HOSTILE`` scripts run too long, use too much memory, nest too deeply to be handed back, crash the
interpreter or produce too much data; ``BUSY`` repeated ``BUDGET_STEPS`` times stays under the
per-script limit each time but spends the step's processor budget together. ``TIMER_FLOW`` writes a
value no record can hold when its timer fires. All run on the "job" blueprint (``JOB_COLUMNS``).
"""

from __future__ import annotations

import itertools

SPIN = "n = 0\nwhile n >= 0:\n    n = n + 1"
HOSTILE = {
    "spin": SPIN,
    "hoard": 'note = "x" * (2 ** 31)',
    "nest": "items = [1]\nitems.append(items)",
    "crash": "chain = map(abs, [1])\nfor i in range(300000):\n    chain = map(abs, chain)\nnote = str(list(chain))",
    "flood": 'note = "a" * 5000000',
}
# Several scripts of one step, each under the per-script limit, together over the step's budget
# (5 s of processor time). One loop takes 0.1-0.5 s depending on the processor, so 60 of them are
# well over the budget even on a fast, idle machine; 20 were only just over it and a fast one ran
# them all. The step is refused as soon as the budget is spent, so more loops cost no more time.
BUDGET_STEPS = 60
BUSY = "n = 0\nwhile n < 5000000:\n    n = n + 1\nqty = n"


def hostile_flow(key: str, scripts: list[str]) -> str:
    """A flow on the "job" blueprint: a "Go" button, then ``scripts`` one after the other."""
    tasks = "".join(
        f'<bpmn:scriptTask id="s{i}" name="Script {i}" scriptFormat="python"><bpmn:script><![CDATA[{s}]]>'
        "</bpmn:script></bpmn:scriptTask>"
        for i, s in enumerate(scripts)
    )
    chain = ["go", *(f"s{i}" for i in range(len(scripts))), "end"]
    flows = "".join(
        f'<bpmn:sequenceFlow id="f{i}" sourceRef="{a}" targetRef="{b}" />'
        for i, (a, b) in enumerate(itertools.pairwise(chain))
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:loom="http://loom.dev/schema/bpmn/1.0" id="defs" targetNamespace="http://loom.dev/tests">
  <bpmn:process id="{key}" isExecutable="true" loom:blueprint="job">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="go" name="Go">
      <bpmn:extensionElements><loom:transition label="Go {key}" role="editor" /></bpmn:extensionElements>
    </bpmn:userTask>
    {tasks}
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f_start" sourceRef="start" targetRef="go" />
    {flows}
  </bpmn:process>
</bpmn:definitions>"""


TIMER_FLOW = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:loom="http://loom.dev/schema/bpmn/1.0" id="defs" targetNamespace="http://loom.dev/tests">
  <bpmn:process id="late" isExecutable="true" loom:blueprint="job">
    <bpmn:startEvent id="start" />
    <bpmn:intermediateCatchEvent id="wait" name="An hour later">
      <bpmn:timerEventDefinition>
        <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">"PT1H"</bpmn:timeDuration>
      </bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:scriptTask id="stamp" name="Stamp" scriptFormat="python"><bpmn:script>when = datetime.min</bpmn:script>
    </bpmn:scriptTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="stamp" />
    <bpmn:sequenceFlow id="f3" sourceRef="stamp" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>"""

JOB_COLUMNS = [
    {"key": "note", "label": "Note", "type": "text"},
    {"key": "qty", "label": "Quantity", "type": "integer"},
    {"key": "when", "label": "When", "type": "datetime"},
]
