"""What goes wrong with a flow, said with the BPMN element it concerns."""

from __future__ import annotations


class FlowError(Exception):
    """A diagram that cannot be used, or a step that failed; ``element`` is the BPMN id, if known."""

    def __init__(self, message: str, element: str | None = None, line: int | None = None) -> None:
        where = f" (element {element})" if element else ""
        super().__init__(f"{message}{where}")
        self.message = message
        self.element = element
        self.line = line

    def to_dict(self) -> dict[str, object]:
        return {"message": self.message, "element": self.element, "line": self.line}
