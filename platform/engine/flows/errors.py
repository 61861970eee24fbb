"""What goes wrong with a flow, said with the BPMN element it concerns.

Every refusal carries a stable ``code`` (``flow.<area>.<what>``) and the ``params`` its text was
made from, so the API can hand both to the webapp, which shows the text in the user's language;
``message`` is the English text (logs, API clients that do not translate).
"""

from __future__ import annotations

from typing import Any

GENERIC = "flow.invalid"


class FlowError(Exception):
    """A diagram that cannot be used, or a step that failed; ``element`` is the BPMN id, if known."""

    def __init__(
        self,
        message: str,
        element: str | None = None,
        line: int | None = None,
        *,
        code: str = GENERIC,
        params: dict[str, Any] | None = None,
    ) -> None:
        where = f" (element {element})" if element else ""
        super().__init__(f"{message}{where}")
        self.message = message
        self.element = element
        self.line = line
        self.code = code
        self.params = dict(params or {})

    def to_dict(self) -> dict[str, object]:
        return {
            "message": self.message,
            "element": self.element,
            "line": self.line,
            "code": self.code,
            "params": self.params,
        }
