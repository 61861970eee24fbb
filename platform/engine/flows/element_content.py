"""A diagram's BPMN elements as values to compare: what publishing changed (engine.flows.changes),
and whether a diagram still is what its steps make (engine.flows.steps.read). Comments and
processing instructions are never part of an element."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from lxml import etree

from engine.flows.parser import NAMESPACES

BPMN = NAMESPACES["bpmn"]


def bpmn_elements(container: Any) -> Iterator[tuple[Any, str]]:
    """Each BPMN element directly inside ``container``, with its local name (``userTask``...)."""
    for node in container:
        if isinstance(node.tag, str) and etree.QName(node).namespace == BPMN:
            yield node, etree.QName(node).localname


def attributes(node: Any, *left_out: str) -> tuple[tuple[str, str], ...]:
    """The node's attributes but ``left_out``, sorted."""
    return tuple(sorted((str(k), str(v)) for k, v in node.attrib.items() if k not in left_out))


def content(node: Any) -> Any:
    """The node's tag, attributes but its id, text (trimmed, with Unix line ends) and children's content."""
    text = (node.text or "").strip().replace("\r\n", "\n")
    children = tuple(content(child) for child in node if isinstance(child.tag, str))
    return (str(node.tag), attributes(node, "id"), text, children)


def details(node: Any, is_detail: Callable[[etree.QName, Any], bool]) -> tuple[Any, ...]:
    """The content of the node's children that ``is_detail`` (given each one's qualified name) keeps."""
    return tuple(
        content(child) for child in node if isinstance(child.tag, str) and is_detail(etree.QName(child), child)
    )


def kind_words(local: str) -> str:
    """An element's kind in words: ``scriptTask`` is ``script task``."""
    return re.sub(r"(?<!^)([A-Z])", r" \1", local).lower()


def words(value: str | None) -> str:
    """A name with its runs of whitespace made single spaces, and none around it."""
    return " ".join((value or "").split())
