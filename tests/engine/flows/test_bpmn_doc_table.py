"""docs/bpmn.md's tables of elements say what the engine does: each element listed under "Supported"
is accepted and starts, each listed under "Refused" is refused naming it.

The tables' BPMN column names elements by tag (``boundaryEvent:timer``, see element_diagrams);
each gets the smallest diagram that holds it, so a row added to the page is tested as it is
written, and a row that moves from one table to the other is checked the other way round.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from engine.flows import run
from engine.flows.errors import FlowError
from engine.flows.parser import check
from engine.flows.sandbox import Sandbox
from tests.engine.flows import element_diagrams

DOC = Path(__file__).resolve().parents[3] / "docs" / "bpmn.md"
SECTIONS = {"## Supported": True, "## Refused": False}
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
NOT_ONE_ELEMENT = "—"  # a row about a whole diagram (several pools, two starts): nothing to build


def table_rows() -> list[tuple[bool, str, list[str]]]:
    """(supported, the row's element text, its cells) for every row of the two tables."""
    rows: list[tuple[bool, str, list[str]]] = []
    supported: bool | None = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            supported = next((v for k, v in SECTIONS.items() if line.startswith(k)), None)
            continue
        if supported is None or not line.startswith("|") or line.startswith("|---") or line.startswith("| element"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        rows.append((supported, cells[0], cells))
    return rows


def tokens() -> list[tuple[str, bool]]:
    """Every element the tables name, with whether it is supported."""
    found: list[tuple[str, bool]] = []
    for supported, _, cells in table_rows():
        if len(cells) >= 3:
            found.extend((token, supported) for token in re.findall(r"`([^`]+)`", cells[1]))
    return found


TOKENS = tokens()


def test_every_row_names_its_elements_in_a_form_the_test_can_build() -> None:
    rows = table_rows()
    assert len(rows) >= 20, f"expected the element tables in {DOC}"
    shapeless = [
        name for _, name, cells in rows if len(cells) < 3 or not (cells[1] == NOT_ONE_ELEMENT or "`" in cells[1])
    ]
    assert not shapeless, f"rows without a BPMN column (`tag` or `tag:definition`, or {NOT_ONE_ELEMENT}): {shapeless}"
    unknown = [token for token, _ in TOKENS if not element_diagrams.known(token)]
    assert not unknown, f"add a snippet to tests/engine/flows/element_diagrams.py for: {unknown}"
    twice = {token for token, _ in TOKENS if sum(1 for t, _ in TOKENS if t == token) > 1}
    assert not twice, f"listed in both tables or twice: {sorted(twice)}"


@pytest.mark.parametrize(("token", "supported"), TOKENS, ids=[token for token, _ in TOKENS])
def test_the_engine_does_what_the_table_says(token: str, supported: bool, sandbox: Sandbox) -> None:
    xml = element_diagrams.diagram(token)
    if supported:
        flow, found = check(xml)
        assert not found, f"{token} is listed as supported, but refused: {found[0].code}: {found[0].message}"
        run.start(flow, {}, sandbox=sandbox, now=NOW, zone="UTC", record={})
        return
    try:
        _, found = check(xml)
    except FlowError as refused:
        found = [refused]
    named = [error.element for error in found]
    assert named, f"{token} is listed as refused, but Loom accepts it"
    assert element_diagrams.TESTED in named, f"{token} is refused, naming {named} instead of the element"
