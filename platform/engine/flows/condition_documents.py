"""Conditions in a diagram, as other modelers write them, rewritten as Loom's before it is read.

Which texts are conditions (sequence flows, loop and completion conditions, loop cardinalities),
which language each is in (its ``language``, the diagram's ``expressionLanguage``, or what its
text starts with: ``=`` for FEEL, ``${`` / ``#{`` for JUEL) and what to refuse; the expressions
themselves are translated by ``engine.flows.conditions``.
"""

from __future__ import annotations

from typing import Any

from engine.flows.conditions import FEEL, JUEL, Dialect, Unsupported, translate
from engine.flows.errors import FlowError
from engine.flows.refusals import refusal

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
# Elements whose text SpiffWorkflow evaluates as a condition or expression.
_TAGS = ("conditionExpression", "completionCondition", "loopCondition", "loopCardinality")
_LOOP_PARTS = {f"{{{BPMN}}}multiInstanceLoopCharacteristics", f"{{{BPMN}}}standardLoopCharacteristics"}
CODE = "flow.condition.unsupported"
# Languages whose conditions are Loom's own: Python, and XPath, BPMN's default, which modelers
# write on every condition whatever its text (Loom has always read that text as Python).
_LOOM_OWN = ("python", "text/x-python", "http://www.w3.org/1999/xpath")


def translate_conditions(document: Any) -> list[FlowError]:
    """Rewrite every FEEL and JUEL condition of ``document`` (lxml) as Loom's, in place; one
    refusal per condition that cannot be translated (its text then reads ``False``, so nothing
    else complains about it: the refusal already stops the diagram)."""
    default = _language(document.get("expressionLanguage"))
    found: list[FlowError] = []
    for tag in _TAGS:
        for element in document.iter(f"{{{BPMN}}}{tag}"):
            text = element.text or ""
            language = element.get("language")
            if not text.strip():
                continue  # no condition: what that means is for the gateway's checks
            if language and _language(language) is None and language.strip().lower() not in _LOOM_OWN:
                found.append(refusal("flow.condition.language", _owner(element), language=language))
                element.text = "False"
                continue
            dialect = _written_in(text, _language(language) if language else default)
            if dialect is None:
                continue
            try:
                element.text = translate(_body(text, dialect), dialect)
            except Unsupported as exc:
                owner, expression = _owner(element), text.strip()
                found.append(refusal(CODE, owner, expression=expression, unsupported=exc.part, language=dialect.name))
                element.text = "False"
    return found


def _language(value: str | None) -> Dialect | None:
    lowered = (value or "").lower()
    if "feel" in lowered:
        return FEEL
    if "juel" in lowered:
        return JUEL
    return None


def _written_in(text: str, declared: Dialect | None) -> Dialect | None:
    """The language of ``text``: the declared one, else what its start says; None for Loom's own."""
    stripped = text.strip()
    if declared is not None:
        return declared
    if stripped.startswith("="):
        return FEEL
    if stripped.startswith(("${", "#{")):
        return JUEL
    return None


def _body(text: str, dialect: Dialect) -> str:
    """The expression itself: FEEL's without its ``=``, JUEL's without ``${`` and ``}``."""
    stripped = text.strip()
    if dialect is FEEL:
        return stripped.removeprefix("=")
    if not stripped.startswith(("${", "#{")) or not stripped.endswith("}"):
        raise Unsupported(stripped[:40] or "(empty)")  # JUEL text outside ${...} is a string, not a condition
    return stripped[2:-1]  # ``${a} and ${b}`` leaves a ``}`` the tokens refuse


def _owner(element: Any) -> str | None:
    """The id of the sequence flow or activity a condition belongs to."""
    node = element.getparent()
    while node is not None and (node.tag in _LOOP_PARTS or not node.get("id")):
        node = node.getparent()
    return None if node is None else str(node.get("id"))
