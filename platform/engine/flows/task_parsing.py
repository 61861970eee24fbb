"""What Loom's parsers of task elements add to SpiffWorkflow's: extensions of Loom's own, and
task specs that run the pre- and post-scripts the element declares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from SpiffWorkflow.spiff.parser.task_spec import SpiffTaskParser

T = TypeVar("T")


class LoomTaskParser(SpiffTaskParser):  # type: ignore[misc]
    """A task parser whose ``loom_extensions`` join the element's extensions."""

    def parse_extensions(self, node: Any = None) -> dict[str, Any]:
        node = self.node if node is None else node
        extensions: dict[str, Any] = super().parse_extensions(node)
        extensions.update(self.loom_extensions(node))
        return extensions

    def loom_extensions(self, node: Any) -> dict[str, Any]:
        """Loom's extensions read from the element ``node``, by name."""
        return {}

    def scripted(self, spec_class: Callable[..., T], extensions: dict[str, Any], **options: Any) -> T:
        """A ``spec_class`` task spec for the element, with its scripts from ``extensions``."""
        return spec_class(
            self.spec,
            self.bpmn_id,
            prescript=extensions.get("preScript"),
            postscript=extensions.get("postScript"),
            **options,
            **self.bpmn_attributes,
        )
