"""The design's one-way rules, checked on the source: who may import whom, and who writes records.

docs/architecture.md: engine <- core <- designer <- runtime; a record is written in exactly one
place (runtime/entities/writer.py) and other modules react to its events instead of importing
each other's operations.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from core.events import EVENT_TYPES, receivers_of

PLATFORM = Path(__file__).parents[1] / "platform"
LAYERS = {"engine": set(), "core": {"engine"}, "designer": {"engine", "core"}}
# Writing records' values or rows: only the writer may do these to the entities table.
RECORD_WRITES = re.compile(
    r"\bEntity\(|insert\(Entity\b|update\(Entity\b|delete\(Entity\b|\b(?:UPDATE|DELETE FROM|INSERT INTO) entities\b"
    r"|\bentity\.(?:data|aside|search_text|deleted_at) = |\.delete\(entity\)"
)


def _modules() -> list[Path]:
    return [p for p in PLATFORM.rglob("*.py") if "migrations" not in p.parts]


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_dependencies_point_one_way(layer):
    allowed = LAYERS[layer] | {layer}
    wrong = {
        f"{path.relative_to(PLATFORM)} imports {name}"
        for path in (PLATFORM / layer).rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] in {"engine", "core", "designer", "runtime"} and name.split(".")[0] not in allowed
    }
    assert wrong == set()


def test_only_the_record_writer_writes_records():
    writer = PLATFORM / "runtime" / "entities" / "writer.py"
    offenders = [
        f"{path.relative_to(PLATFORM)}:{number}: {line.strip()}"
        for path in _modules()
        if path != writer
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if RECORD_WRITES.search(line) and not line.lstrip().startswith(("#", "class "))
    ]
    assert offenders == []


RECORD_WRITERS = ["runtime/entities", "runtime/transfer", "runtime/version_changes", "runtime/trash"]


@pytest.mark.parametrize("package", RECORD_WRITERS)
def test_records_do_not_import_flows(package):
    """Flows start on record.created; nothing that writes records calls into flows."""
    wrong = {
        f"{path.relative_to(PLATFORM)} imports {name}"
        for path in (PLATFORM / package).rglob("*.py")
        for name in _imports(path)
        if name.startswith("runtime.flows")
    }
    assert wrong == set()


def test_flows_start_by_subscribing_to_new_records(app):
    assert receivers_of("record.created") >= 1
    assert set(EVENT_TYPES) >= {"record.created", "record.updated", "record.deleted", "record.restored"}
