"""Timer values as modelers write them: ISO 8601 text with no quotes (``P7D``,
``2026-12-01T09:00:00Z``, ``R3/PT1H``), which Camunda, bpmn-js and Signavio all produce.

SpiffWorkflow evaluates a timer's text as an expression, so ``P7D`` would be a missing name and
``2026-12-01`` the number 2013. Before the diagram is read, such text is put in quotes; anything
else (a quoted value, an expression over the record's fields) stays as it is and is checked at
publish (``engine.flows.checks``).
"""

from __future__ import annotations

import re
from typing import Any

_DATE = r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
_N = r"[\d.,]+"
_DURATION = rf"-?P(?=[\d.,]|T[\d.,])(?:{_N}Y)?(?:{_N}M)?(?:{_N}W)?(?:{_N}D)?(?:T(?:{_N}H)?(?:{_N}M)?(?:{_N}S)?)?"
_PART = f"(?:{_DATE}|{_DURATION})"
_ISO = re.compile(rf"(?:R\d*/)?{_PART}(?:/{_PART})?")
_KINDS = ("timeDuration", "timeDate", "timeCycle")
BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"


def is_unquoted_iso(text: str) -> bool:
    """Whether ``text`` is an ISO 8601 date, duration, interval or cycle, written bare."""
    return bool(_ISO.fullmatch(text.strip()))


def quote_iso_timers(document: Any) -> None:
    """Put bare ISO timer values of ``document`` (lxml) in quotes, in place."""
    for kind in _KINDS:
        for element in document.iter(f"{{{BPMN}}}{kind}"):
            text = element.text or ""
            if is_unquoted_iso(text):
                element.text = repr(text.strip())
