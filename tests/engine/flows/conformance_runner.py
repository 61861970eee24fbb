"""What Loom does with each diagram of bpmn/conformance, as a small outcome that can be recorded.

A diagram is read the way publishing reads it (``parser.check``: refused naming the element), then
run the way a record runs it: started with an empty record, each waiting person's step pressed in
diagram order with no input, and, when nobody's step waits, Loom's clock moved to the next timer
and that timer fired; a bounded number of times. The outcome says where it ended:

- ``{"outcome": "refused", "code", "element"}``: publishing would refuse it;
- ``{"outcome": "completed"}``: it ran to its end;
- ``{"outcome": "waits", "at": [elements]}``: it waits for something pressing and timers cannot
  give (a message, a signal) or still waits after the presses allowed (a loop back to a person);
- ``{"outcome": "step_error", "element", "code"}``: a step failed the way Loom reports it;
- ``{"outcome": "crash", "error", "message"}``: anything that is not a FlowError, a bug.

bpmn/conformance/expected.json holds each diagram's recorded outcome; the test
(test_conformance_suite.py) compares. When the engine's behaviour changes on purpose, re-record and
read the diff::

    .venv/bin/python -m tests.engine.flows.conformance_runner --record
    .venv/bin/python -m tests.engine.flows.conformance_runner --summary
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState

from engine.flows import run
from engine.flows.errors import FlowError
from engine.flows.parser import check, read_xml
from engine.flows.pools import split
from engine.flows.sandbox import Sandbox

ROOT = Path(__file__).resolve().parents[3] / "bpmn" / "conformance"
EXPECTED = ROOT / "expected.json"
SUFFIXES = (".bpmn", ".bpmn2", ".bpmn20.xml")
# Loom's clock for the run, fixed so that outcomes never change as the years pass (timers follow
# Loom's clock only, engine/flows/timer_clock.py). Dates in diagrams before it fire at once, as BPMN says.
NOW = datetime(2100, 1, 4, 12, 0, tzinfo=UTC)
ZONE = "UTC"
MAX_ACTIONS = 30  # presses and timer rounds together: a loop back to a person ends as "waits"

Outcome = dict[str, Any]


@dataclass(frozen=True)
class Result:
    """A diagram's outcome, the FlowError behind a refusal or a step error (for its message), and
    every refusal publishing would list (the outcome records the first)."""

    outcome: Outcome
    error: FlowError | None = None
    refusals: tuple[FlowError, ...] = ()


def diagrams(root: Path = ROOT) -> list[Path]:
    """Every diagram of the suite, in a stable order."""
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name.endswith(SUFFIXES))


def name_of(path: Path, root: Path = ROOT) -> str:
    return path.relative_to(root).as_posix()


def outcome(path: Path, sandbox: Sandbox) -> Result:
    """Read and run one diagram as Loom would; never raises. A diagram of several pools is
    imported as Loom imports it, one flow per pool, and each pool's outcome recorded."""
    xml = path.read_bytes()
    result = _outcome_of(xml, sandbox)
    if not any(r.code == "flow.pools.several" for r in result.refusals):
        return result
    try:
        parts, _warnings = split(read_xml(xml))
    except Exception as exc:  # a bug: splitting a diagram that was read must not fail
        return _crash(exc)
    each = {process: _outcome_of(part.encode(), sandbox) for process, part in sorted(parts.items())}
    crashed = [found for found in each.values() if found.outcome["outcome"] == "crash"]
    if crashed:
        return crashed[0]
    refusals = tuple(r for found in each.values() for r in found.refusals)
    errors = [found.error for found in each.values() if found.error is not None]
    pooled = {"outcome": "pools", "pools": {process: found.outcome for process, found in each.items()}}
    return Result(pooled, errors[0] if errors else None, refusals)


def _outcome_of(xml: bytes, sandbox: Sandbox) -> Result:
    """One diagram's outcome as one flow."""
    try:
        flow, found = check(xml)
    except FlowError as refused:
        return _refused(refused)
    except Exception as exc:  # a bug: check must turn every problem into a FlowError
        return _crash(exc)
    if found:
        return _refused(found[0], tuple(found))
    record: dict[str, Any] = {}
    try:
        workflow = run.start(flow, {}, sandbox=sandbox, now=NOW, zone=ZONE, record=record)
        later = NOW
        for _ in range(MAX_ACTIONS):
            ready = run.waiting(workflow)
            if ready:
                run.complete(workflow, ready[0].id, {}, sandbox=sandbox, now=later, zone=ZONE, record=record)
                continue
            due = [when for _, _, when in run.timers(workflow)]
            if not due:
                break
            later = max(later, min(due))  # the clock moves to the next timer, so timers fire in their order
            run.fire_due_timers(workflow, sandbox=sandbox, now=later, zone=ZONE, record=record)
        workflow = run.restore(run.serialize(workflow))
    except FlowError as failed:
        step: Outcome = {"outcome": "step_error", "element": failed.element, "code": failed.code}
        return Result(step, failed)
    except Exception as exc:  # a bug: a step must fail with a FlowError
        return _crash(exc)
    if workflow.is_completed():
        return Result({"outcome": "completed"})
    return Result({"outcome": "waits", "at": _waiting_at(workflow)})


def _waiting_at(workflow: BpmnWorkflow) -> list[str]:
    """The elements the instance waits at: people's steps, and events waiting for their trigger."""
    at = set()
    for task in workflow.get_tasks(state=TaskState.READY | TaskState.WAITING):
        element = getattr(task.task_spec, "bpmn_id", None)
        if element:
            at.add(str(element))
    return sorted(at)


def _refused(error: FlowError, refusals: tuple[FlowError, ...] = ()) -> Result:
    return Result({"outcome": "refused", "code": error.code, "element": error.element}, error, refusals or (error,))


def _crash(exc: BaseException) -> Result:
    return Result({"outcome": "crash", "error": type(exc).__name__, "message": str(exc)[:300]})


def run_all(paths: Iterable[Path], root: Path = ROOT) -> dict[str, Result]:
    """Every diagram's result, in one sandbox."""
    sandbox = Sandbox()
    try:
        return {name_of(path, root): outcome(path, sandbox) for path in paths}
    finally:
        sandbox.close()


def load_expected() -> dict[str, Outcome]:
    if not EXPECTED.exists():
        return {}
    loaded: dict[str, Outcome] = json.loads(EXPECTED.read_text(encoding="utf-8"))
    return loaded


def dump_expected(outcomes: dict[str, Outcome]) -> str:
    """expected.json's text: sorted and stable, so a re-recording diffs line by line."""
    return json.dumps(dict(sorted(outcomes.items())), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def runs(outcome: Outcome) -> bool:
    """A diagram that runs: accepted and stepped through without an error (to its end, or waiting);
    one of several pools when every pool runs."""
    if outcome["outcome"] == "pools":
        return all(runs(each) for each in outcome["pools"].values())
    return outcome["outcome"] in ("completed", "waits")


def summary(outcomes: dict[str, Outcome]) -> str:
    """Counts by outcome (refusals by code), per source folder and in all, and the share that runs."""
    lines = []
    sources = sorted({name.split("/", 1)[0] for name in outcomes})
    for source in [*sources, None]:
        chosen = [o for n, o in outcomes.items() if source is None or n.split("/", 1)[0] == source]
        kinds = Counter(o["outcome"] for o in chosen)
        running = sum(1 for o in chosen if runs(o))
        share = 100 * running / len(chosen) if chosen else 0.0
        label = source or "all"
        counts = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
        lines.append(f"{label}: {len(chosen)} diagrams, {running} run ({share:.0f}%): {counts}")
    refusals = Counter(o["code"] for o in outcomes.values() if o["outcome"] == "refused")
    lines.append("refused by code: " + ", ".join(f"{code} {count}" for code, count in refusals.most_common()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--record", action="store_true", help="run every diagram and write expected.json")
    parser.add_argument("--summary", action="store_true", help="print counts and the share that runs")
    parser.add_argument("paths", nargs="*", type=Path, help="only these diagrams (default: all)")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.paths] or diagrams()
    results = {name: result.outcome for name, result in run_all(paths).items()}
    if args.record:
        recorded = {**load_expected(), **results} if args.paths else results
        EXPECTED.write_text(dump_expected(recorded), encoding="utf-8")
    if args.summary:
        print(summary(results))
    if not args.record and not args.summary:
        expected = load_expected()
        changed = {n: o for n, o in results.items() if expected.get(n) != o}
        for name, found in sorted(changed.items()):
            print(f"{name}\n  recorded: {expected.get(name)}\n  now:      {found}")
        return 1 if changed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
