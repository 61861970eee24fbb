"""docs/architecture.md (and docs/contributing.md's checklists) name only what exists: every path
and module they put in backticks. architecture.md lists exactly the kinds of job runtime/registry.py
wires and the Celery tasks the worker knows."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from core.events import EVENT_TYPES
from runtime.registry import JOB_KINDS

ROOT = Path(__file__).parents[1]
DOC = (ROOT / "docs" / "architecture.md").read_text()
CONTRIBUTING = (ROOT / "docs" / "contributing.md").read_text()
PACKAGES = ("core", "engine", "designer", "runtime")
TICKED = re.findall(r"`([^`\n]+)`", DOC + CONTRIBUTING)
# `core/jobs`, `platform/runtime/registry.py`, `webapp/src/pages/`, `tests/support/fakes.py` ...
PATH = re.compile(r"^(?:platform/)?(?:core|engine|designer|runtime|webapp|tests|docs|ops|bench)/[\w./-]*$")
# `core.events.EVENT_TYPES`, `runtime.registry`: a module, then attributes of it.
DOTTED = re.compile(rf"^(?:{'|'.join(PACKAGES)})(?:\.\w+)+$")
# The jobs and tasks sections list kinds and task names as "- `kind`: ..." lines.
LISTED = re.compile(r"^- `([\w.]+)`", re.MULTILINE)


def _section(title: str) -> str:
    match = re.search(rf"^### {re.escape(title)}\n(.*?)(?=^#)", DOC, re.MULTILINE | re.DOTALL)
    assert match is not None, f"docs/architecture.md has no '### {title}' section"
    return match.group(1)


GENERATED = {"webapp/dist"}  # what the build makes


def _path_exists(text: str) -> bool:
    if text.rstrip("/") in GENERATED:
        return True
    relative = text.removeprefix("platform/")
    if relative.split("/")[0] in PACKAGES:
        return (ROOT / "platform" / relative).exists()
    return (ROOT / text).exists()


def _resolves(dotted: str) -> bool:
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            if not hasattr(found, name):
                return False
            found = getattr(found, name)
        return True
    return False


def test_every_path_it_names_exists():
    paths = sorted({t for t in TICKED if PATH.match(t) and "<" not in t and "*" not in t})
    assert len(paths) > 20  # the pattern still finds the doc's paths
    assert [p for p in paths if not _path_exists(p)] == []


def test_every_module_it_names_exists():
    dotted = sorted({t for t in TICKED if DOTTED.match(t)})
    assert dotted
    assert [d for d in dotted if not _resolves(d)] == []


def test_it_lists_exactly_the_kinds_of_job_the_registry_wires():
    assert sorted(LISTED.findall(_section("Kinds of job"))) == sorted(job.kind for job in JOB_KINDS)


def test_it_lists_exactly_the_celery_tasks_the_worker_knows(app):
    # Celery's own tasks and those some tests declare ("tests.*") are not Loom's.
    names = {name for name in app.extensions["celery"].tasks if not name.startswith(("celery.", "tests."))}
    assert sorted(LISTED.findall(_section("Celery tasks"))) == sorted(names)


@pytest.mark.parametrize("kind", [job.kind for job in JOB_KINDS])
def test_no_kind_of_job_is_mistaken_for_an_event(kind):
    assert kind not in EVENT_TYPES
