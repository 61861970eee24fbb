"""Diagrams Loom did not author: every one either runs to its end or is refused with a clear error.

The diagrams are the SpiffWorkflow project's own test files (plain BPMN, SpiffWorkflow's
extensions, Camunda Modeler), kept in bpmn/conformance with their source and licence.
User tasks are completed with no input and timers are fired, as a person and the clock would.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from engine.flows import messages, run
from engine.flows.errors import FlowError
from engine.flows.parser import parse

ROOT = Path(os.environ.get("LOOM_BPMN_CONFORMANCE", Path(__file__).resolve().parents[3] / "bpmn" / "conformance"))
# The other folders have outcomes recorded diagram by diagram (test_conformance_suite.py).
DIAGRAMS = sorted((ROOT / "spiffworkflow").rglob("*.bpmn"))
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_the_conformance_diagrams_are_there():
    assert len(DIAGRAMS) > 100, f"expected the conformance diagrams under {ROOT}"


@pytest.mark.parametrize("path", DIAGRAMS, ids=[str(p.relative_to(ROOT)) for p in DIAGRAMS])
def test_diagram_runs_to_its_end_or_is_refused_clearly(path, sandbox):
    try:
        flow = parse(path.read_bytes())
        workflow = run.start(flow, {}, sandbox=sandbox, now=NOW, zone="UTC")
        later = NOW
        for _ in range(100):
            ready = run.waiting(workflow)
            if ready:
                run.complete(workflow, ready[0].id, {}, sandbox=sandbox, now=later, zone="UTC")
                continue
            later += timedelta(days=400)
            if not run.fire_due_timers(workflow, sandbox=sandbox, now=later, zone="UTC"):
                break
        workflow = run.restore(run.serialize(workflow))
    except FlowError as refused:
        assert refused.message.strip(), "a refusal must say why"
        assert refused.element or "'" in refused.message or "XML" in refused.message, refused.message
        return
    if not workflow.is_completed():  # waiting for a message or signal (from another flow) is an outcome too
        assert messages.subscriptions(flow, workflow, {}), f"{path.name} stopped without finishing or saying why"
