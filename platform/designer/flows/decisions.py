"""A flow's decision tables: saved with its draft, checked on each save, frozen with each version.

Each decision is one DMN document (``{"id", "name", "xml"}`` in ``Flow.draft_decisions``), stored
on the flow's row because it is always read with the flow and a flow has few of them. A save is
refused unless Loom can run the table (engine.flows.decisions), so what reaches publish is only
ever checked against the diagram and the blueprint: which task calls what, and which fields the
outputs set. Saving one changes the flow's row, so its ``lock_version`` moves on like a diagram save,
and a save that says which ``lock_version`` it read is refused when someone saved the flow since.
"""

from __future__ import annotations

from typing import Any

from core import clock
from core.errors import Conflict, Invalid, NotFound
from designer.flows.models import Flow
from engine.flows.decisions import Decision, decided_fields, decision_tasks, read_decision
from engine.flows.decisions.tables import DECISION_ID
from engine.flows.errors import FlowError
from engine.flows.parser import Flow as ParsedFlow
from engine.flows.refusals import refusal
from engine.schema import Schema


def documents(decisions: list[dict[str, Any]]) -> list[str]:
    """The DMN texts of stored decisions, as the engine's ``check`` and ``parse`` take them."""
    return [str(item["xml"]) for item in decisions]


def save_decision(
    flow: Flow, decision_id: str, xml: str, *, max_count: int, max_kb: int, lock_version: int | None = None
) -> Decision:
    """Put ``xml`` in the place of the draft's decision ``decision_id`` (a new one when there is none).

    The document's own decision id wins: renaming the decision in the editor renames it here,
    unless another decision of the flow has that id already. ``lock_version``, when given, is the
    flow's as the editor read it: a stale one is a Conflict, not a silent overwrite."""
    if lock_version is not None and lock_version != flow.lock_version:
        raise Conflict("Someone else saved this flow after you opened it; reload to see their changes.")
    if len(xml.encode(errors="surrogatepass")) > max_kb * 1024:
        raise Invalid({"xml": [f"A decision table may take at most {max_kb} KiB; split it into smaller tables."]})
    try:
        decision = read_decision(xml)
    except FlowError as exc:
        extra = {"code": exc.code, "params": exc.params, "element": exc.element, "line": exc.line}
        raise Invalid({"xml": [exc.message]}, extra=extra) from exc
    current = list(flow.draft_decisions or [])
    others = [item for item in current if item["id"] != decision_id]
    if any(item["id"] == decision.id for item in others):
        raise Invalid({"xml": [f"The flow has another decision with the id '{decision.id}'; give this one its own."]})
    if len(others) == len(current) and len(current) >= max_count:
        raise Invalid({"id": [f"A flow may have at most {max_count} decision tables; remove one first."]})
    saved = {"id": decision.id, "name": decision.name, "xml": xml}
    at = next((i for i, item in enumerate(current) if item["id"] == decision_id), len(current))
    flow.draft_decisions = [*current[:at], saved, *current[at + 1 :]]
    _touch(flow)
    return decision


def delete_decision(flow: Flow, decision_id: str) -> None:
    current = list(flow.draft_decisions or [])
    kept = [item for item in current if item["id"] != decision_id]
    if len(kept) == len(current):
        raise NotFound(f"{flow.name} has no decision '{decision_id}'.")
    flow.draft_decisions = kept
    _touch(flow)


def check_id(decision_id: str) -> str:
    if not DECISION_ID.fullmatch(decision_id):
        raise Invalid(
            {"id": ["A decision id is letters, digits and _ . - (starting with a letter), at most 100 long."]}
        )
    return decision_id


def draft_differs(flow: Flow) -> bool:
    """Whether the draft (diagram or decisions) differs from the published version."""
    current = flow.current_version
    return current is None or current.xml != flow.draft_xml or current.decisions != flow.draft_decisions


def field_problems(flow: ParsedFlow, schema: Schema, blueprint_name: str) -> list[FlowError]:
    """Each business-rule task whose decision sets a field the blueprint does not have."""
    found: list[FlowError] = []
    for task in decision_tasks([flow.spec, *flow.subprocess_specs.values()]):
        for name in decided_fields(task):
            if schema.column(name) is None:
                found.append(
                    refusal(
                        "flow.decision.unknown_field",
                        task.bpmn_id,
                        decision=task.decision_id or "",
                        field=name,
                        blueprint=blueprint_name,
                    )
                )
    return found


def _touch(flow: Flow) -> None:
    flow.draft_changed = draft_differs(flow)
    flow.updated_at = clock.now()
