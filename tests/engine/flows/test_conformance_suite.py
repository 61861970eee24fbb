"""Every diagram of bpmn/conformance does what its recorded outcome says, never crashes, and every
refusal says clearly where and what to do.

The diagrams come from other modelers and projects (each folder's SOURCE.md says where from, at
which commit, under which licence). Their outcomes are recorded in bpmn/conformance/expected.json by
tests.engine.flows.conformance_runner, which reads and runs each one as Loom does; a change to the
engine that changes an outcome shows here, and is re-recorded once someone has read the diff.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.flows.sandbox import Sandbox
from tests.engine.flows import conformance_runner as runner

DIAGRAMS = runner.diagrams()
NAMES = [runner.name_of(p) for p in DIAGRAMS]
CASES = list(zip(NAMES, DIAGRAMS, strict=True))
EXPECTED = runner.load_expected()

# Refusals about the document as a whole: there is no element to name.
DOCUMENT_LEVEL = {"flow.diagram.too_large", "flow.diagram.not_xml", "flow.diagram.no_process"}
# What must never reach a person: Python's exception names, raw XML, SpiffWorkflow's own classes.
PYTHON_ERROR = re.compile(r"\b[A-Z][a-z]+[A-Za-z]*(Error|Exception)\b")
RAW_XML = re.compile(r"""b['"]<""")
SPIFF_INTERNALS = re.compile(
    r"SpiffWorkflow|\bBpmn[A-Z]\w*|\w+(TaskSpec|TaskParser|EventDefinition|Converter)\b|\bNoneTask\b"
)
# A refusal says what to do: one of the verbs a fix starts with.
ADVICE = re.compile(
    r"\b(use|add|remove|give|set|change|draw|connect|replace|make|mark|choose|move|delete|write|"
    r"fix|put|keep|split|select|define|declare|bind|attach|turn|enter|import|publish|link|create)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def results() -> dict[str, runner.Result]:
    """Each diagram's result, computed once for the tests below (one parse and a bounded run each)."""
    return {}


def result_of(name: str, path: Path, results: dict[str, runner.Result], sandbox: Sandbox) -> runner.Result:
    if name not in results:
        results[name] = runner.outcome(path, sandbox)
    return results[name]


def test_the_suite_is_there_and_every_diagram_is_recorded_and_sourced() -> None:
    assert len(DIAGRAMS) >= 300, f"expected the conformance diagrams under {runner.ROOT}"
    assert sorted(EXPECTED) == NAMES, "re-record: .venv/bin/python -m tests.engine.flows.conformance_runner --record"
    for source in sorted({name.split("/", 1)[0] for name in NAMES} - {"spiffworkflow"}):
        listed = (runner.ROOT / source / "SOURCE.md").read_text(encoding="utf-8")
        for name in NAMES:
            if name.startswith(source + "/"):
                assert f"`{name.split('/', 1)[1]}`" in listed, f"{name} is not in {source}/SOURCE.md"


@pytest.mark.parametrize(("name", "path"), CASES, ids=NAMES)
def test_diagram_never_crashes_and_refuses_clearly(
    name: str, path: Path, results: dict[str, runner.Result], sandbox: Sandbox
) -> None:
    result = result_of(name, path, results, sandbox)
    assert result.outcome["outcome"] != "crash", result.outcome
    for error in [*result.refusals, *([result.error] if result.error else [])]:
        code = error.code
        assert error.element or code in DOCUMENT_LEVEL, f"names no element: {code}: {error.message}"
        assert not RAW_XML.search(error.message), error.message
        assert not SPIFF_INTERNALS.search(error.message), error.message
    for error in result.refusals:  # a step's own script error is shown with its kind, on purpose
        assert not PYTHON_ERROR.search(error.message), error.message
        assert ADVICE.search(error.message), f"says not what to do: {error.message}"


@pytest.mark.parametrize(("name", "path"), CASES, ids=NAMES)
def test_diagram_outcome_is_the_recorded_one(
    name: str, path: Path, results: dict[str, runner.Result], sandbox: Sandbox
) -> None:
    assert result_of(name, path, results, sandbox).outcome == EXPECTED.get(name)
