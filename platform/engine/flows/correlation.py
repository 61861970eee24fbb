"""Which record fields correlate a message, read from what modelers write.

A record waits for "payment received" where the message's ``order_id`` equals its own
``order_id``. Modelers say so in one of four ways, all read here into record field names:

- Loom's ``<loom:correlation field="order_id"/>`` in a catch's (or throw's) extensionElements;
- Camunda 8's ``<zeebe:subscription correlationKey="=order_id"/>`` on the ``bpmn:message``;
- BPMN's ``correlationProperty`` whose retrieval expression (``messagePath`` or
  ``formalExpression``) for the message names a field; SpiffWorkflow's parser reads those;
- Camunda 7 writes none: the message correlates by its name alone.

An element's own declaration wins over its message's. Every expression must name one field
(``order_id``, ``=order_id``); anything computed is refused naming an element that uses the
message. SpiffWorkflow's own correlation is then switched off (its properties are emptied), so
it never evaluates those expressions itself: Loom matches messages to records by SQL
(runtime/messages) and hands each one to the one instance it is for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from SpiffWorkflow.bpmn.parser.node_parser import DEFAULT_NSMAP
from SpiffWorkflow.bpmn.specs.bpmn_process_spec import BpmnProcessSpec
from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition

from engine.flows.catches import branches, kind_of
from engine.flows.errors import FlowError
from engine.flows.refusals import refusal

LOOM_NS = "http://loom.dev/schema/bpmn/1.0"
ZEEBE_NS = "http://camunda.org/schema/zeebe/1.0"
_NS = {**DEFAULT_NSMAP, "loom": LOOM_NS, "zeebe": ZEEBE_NS}
_FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")
MAX_FIELDS = 10
CODE = "flow.message.correlation"


@dataclass(frozen=True)
class Correlations:
    """Record fields that correlate messages: per BPMN element, and per message name."""

    by_element: dict[str, tuple[str, ...]] = field(default_factory=dict)
    by_message: dict[str, tuple[str, ...]] = field(default_factory=dict)
    listens: bool = False  # any message or signal event: other flows' instances never touch the subscriptions

    def fields(self, element: str | None, name: str) -> tuple[str, ...]:
        """The fields a message ``name`` correlates on at ``element``: its own, else the message's."""
        if element is not None and element in self.by_element:
            return self.by_element[element]
        return self.by_message.get(name, ())


def name_unnamed(document: Any) -> None:
    """A message or signal without a name is known by its id: modelers leave the name empty, and
    SpiffWorkflow would call every such one "None" (so all of them would match each other)."""
    for node in [*document.iterfind(".//bpmn:message", _NS), *document.iterfind(".//bpmn:signal", _NS)]:
        if not (node.get("name") or "").strip() and node.get("id"):
            node.set("name", node.get("id"))


def read(document: Any, specs: list[BpmnProcessSpec]) -> tuple[Correlations, list[FlowError]]:
    """The diagram's correlations, and a refusal for each one that names no single field."""
    problems: list[FlowError] = []
    users = _message_users(document)
    by_element: dict[str, tuple[str, ...]] = {}
    for node in document.xpath("//*[bpmn:extensionElements/loom:correlation]", namespaces=_NS):
        element = node.get("id") or ""
        names = [c.get("field", "") for c in node.iterfind("./bpmn:extensionElements/loom:correlation", _NS)]
        by_element[element] = _fields(names, element, problems)
    by_message: dict[str, list[str]] = {}
    for message in document.iterfind(".//bpmn:message", _NS):
        name, where = message.get("name") or message.get("id") or "", users.get(message.get("id") or "")
        for subscription in message.iterfind("./bpmn:extensionElements/zeebe:subscription", _NS):
            key = subscription.get("correlationKey")
            if key:
                by_message.setdefault(name, []).extend(_fields([key], where or message.get("id"), problems))
    listens = False
    for spec in specs:
        for task_spec in spec.task_specs.values():
            for element, definition in branches(task_spec):
                listens = listens or kind_of(definition) is not None
                if not isinstance(definition, MessageEventDefinition):
                    continue
                expressions = [p.retrieval_expression for p in definition.correlation_properties]
                expressions += [p.retrieval_expression for p in getattr(definition, "process_correlations", [])]
                known = by_message.setdefault(str(definition.name), [])
                known.extend(f for f in _fields(expressions, element, problems) if f not in known)
                definition.correlation_properties = []  # Loom correlates; SpiffWorkflow must not evaluate these
                if hasattr(definition, "process_correlations"):
                    definition.process_correlations = []
    messages = {name: tuple(dict.fromkeys(names)) for name, names in by_message.items() if names}
    return Correlations(by_element, messages, listens), problems


def _fields(expressions: list[str | None], element: str | None, problems: list[FlowError]) -> tuple[str, ...]:
    found: list[str] = []
    for expression in expressions:
        text = (expression or "").strip().removeprefix("=").strip()
        if _FIELD.fullmatch(text) is None:
            problems.append(refusal(CODE, element, expression=text[:80]))
        elif text not in found:
            found.append(text)
    if len(found) > MAX_FIELDS:
        problems.append(refusal("flow.message.correlation_fields", element, limit=MAX_FIELDS))
    return tuple(found[:MAX_FIELDS])


def _message_users(document: Any) -> dict[str, str]:
    """Each message id and the first element that sends or catches it (to name in a refusal)."""
    users: dict[str, str] = {}
    for node in document.iter():
        ref = node.get("messageRef") if isinstance(node.tag, str) else None
        if not ref or node.tag.endswith("}correlationPropertyRetrievalExpression") or node.tag.endswith("}messageFlow"):
            continue
        owner = node.getparent() if node.tag.endswith("EventDefinition") else node
        if owner is not None and owner.get("id"):
            users.setdefault(ref, str(owner.get("id")))
    return users
