"""Publishing refuses a diagram whose scripts, conditions or timers would fail every record."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.flows.checks import publish_problems
from engine.flows.parser import check, parse
from engine.schema import Schema

EXAMPLES = Path(__file__).resolve().parents[3] / "bpmn" / "examples"
EXAMPLES = Path(__file__).resolve().parents[3] / "bpmn" / "examples"  # a drawn Delivery flow
DELIVERY = Schema.parse(
    [
        {"key": "deliver_from", "label": "Deliver from", "type": "text", "required": True},
        {"key": "cargo", "label": "Cargo", "type": "text"},
        {"key": "qty", "label": "Quantity", "type": "integer"},
        {"key": "status", "label": "Status", "type": "choice", "options": ["PENDING", "IN_PROGRESS", "DELIVERED"]},
        {"key": "started_at", "label": "Started at", "type": "datetime"},
        {"key": "delivered_at", "label": "Delivered at", "type": "datetime"},
        {"key": "timestamp", "label": "Timestamp", "type": "datetime"},
        {"key": "space", "label": "Space", "type": "text"},
        {"key": "type", "label": "Type", "type": "text"},
        {"key": "weight", "label": "Weight", "type": "decimal"},
    ]
)


def _problems(xml: str) -> list[tuple[str | None, str]]:
    return [(p.element, p.message) for p in publish_problems(parse(xml), DELIVERY, "Delivery")]


def _with_script(script: str, then: str = "") -> str:
    """The drawn Delivery flow whose first script is ``script`` (and ``then`` a gateway or more)."""
    xml = (EXAMPLES / "delivery.bpmn").read_text()
    return xml.replace('status = "IN_PROGRESS"\nstarted_at = now()', script)


def _with_timer(kind: str, expression: str) -> str:
    xml = (EXAMPLES / "stock.bpmn").read_text()
    return xml.replace(
        '<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">"P1D"</bpmn:timeDuration>',
        (f'<bpmn:{kind} xsi:type="bpmn:tFormalExpression">{expression}</bpmn:{kind}>'),
    )


def test_the_templates_pass():
    assert _problems((EXAMPLES / "delivery.bpmn").read_text()) == []
    assert _problems((EXAMPLES / "stock.bpmn").read_text()) == []


@pytest.mark.parametrize(
    ("script", "words"),
    [
        ("status = (", "cannot run"),
        ("started_at = ().__class__.__mro__", "cannot run"),
        ("import os", "cannot run"),
    ],
)
def test_a_script_that_cannot_compile_is_refused_naming_its_element(script, words):
    [(element, message)] = _problems(_with_script(script))
    assert element == "mark_started" and words in message


def test_a_script_task_without_a_script_is_refused():
    _flow, found = check(_with_script(""))  # by what Loom runs, before the publish checks
    assert [(f.element, "no script" in f.message) for f in found] == [("mark_started", True)]


def test_a_literal_a_field_refuses_is_refused_naming_the_field():
    found = _problems(_with_script('status = "NOPE"\nqty = "x"\ndeliver_from = None'))
    assert [e for e, _ in found] == ["mark_started"] * 3
    messages = " ".join(m for _, m in found)
    assert "'status'" in messages and "'NOPE'" in messages
    assert "'qty'" in messages and "'x'" in messages
    assert "'deliver_from'" in messages and "required" in messages


def test_a_name_that_is_no_field_and_is_never_read_is_refused_as_a_typo():
    [(element, message)] = _problems(_with_script('stauts = "IN_PROGRESS"'))
    assert element == "mark_started" and "'stauts'" in message and "Delivery has no field" in message


def test_helpers_and_variables_read_later_are_fine():
    script = (
        "parts = [1, 2, 3]\n"
        "total = 0\n"
        "for part in parts:\n"
        "    total += part\n"
        "def double(n):\n"
        "    inner = n * 2\n"
        "    return inner\n"
        "qty = double(total)\n"
        "a, b = 1, 2\n"
        "weight = Decimal(a + b)\n"
        'status = "IN_PROGRESS" if qty else "PENDING"\n'
        "started_at = now()"
    )
    assert _problems(_with_script(script)) == []


def test_a_variable_another_element_reads_is_fine():
    # ``late`` is set by the first script and read by the condition of a gateway.
    xml = (EXAMPLES / "stock.bpmn").read_text()
    xml = xml.replace("timestamp = now()", "timestamp = now()\nlate = False")
    xml = xml.replace("qty is not None and qty &gt; 0", "not late and qty is not None and qty &gt; 0")
    assert _problems(xml) == []
    [(element, message)] = _problems(xml.replace("not late and ", ""))  # now nothing reads it
    assert element == "stamp" and "'late'" in message


def test_a_condition_that_cannot_compile_is_refused():
    xml = (EXAMPLES / "stock.bpmn").read_text().replace("qty is not None and qty &gt; 0", "qty &gt;")
    [(element, message)] = _problems(xml)
    assert element == "anything_left" and "condition cannot run" in message


@pytest.mark.parametrize(
    ("kind", "expression", "words"),
    [
        ("timeDuration", '"P1X"', "not an ISO duration"),
        ("timeDuration", '"P"', "not an ISO duration"),
        ("timeDuration", "P1X", "reads 'P1X'"),
        ("timeDuration", "5", "give ISO text, like P1D"),
        ("timeDate", '"next tuesday"', "not an ISO date and time"),
    ],
)
def test_a_timer_that_cannot_evaluate_is_refused(kind, expression, words):
    [(element, message)] = _problems(_with_timer(kind, expression))
    assert element == "put_away_due" and words in message


@pytest.mark.parametrize(
    ("kind", "expression"),
    [
        ("timeDuration", '"PT4H"'),
        ("timeDuration", "PT4H"),  # bare, as Camunda Modeler, bpmn-js and Signavio write it
        ("timeDuration", " P7D\n"),
        ("timeDate", '"2026-12-01T09:00:00+01:00"'),
        ("timeDate", "2026-12-01T09:00:00Z"),
        ("timeDate", "(timestamp + days(2)).isoformat()"),
    ],
)
def test_timers_that_evaluate_pass(kind, expression):
    assert _problems(_with_timer(kind, expression)) == []
