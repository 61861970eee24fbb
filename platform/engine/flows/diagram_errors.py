"""SpiffWorkflow's complaints about a diagram, said as Loom's refusals.

SpiffWorkflow's parser raises ``ValidationException`` with English meant for developers
("Multiple outgoing flows are not supported for tasks of type", cut off), and around its own
bugs the ``repr`` of a Python error (a ``TypeError`` about its own method's arguments, or a
``NotImplementedError`` holding the element's raw XML). People get none of that: each known text
becomes a refusal with a code, naming the element (from the exception's id, else the element
SpiffWorkflow was reading); anything else becomes ``flow.diagram.unreadable``, and the raw text
goes to the log only.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from types import TracebackType
from typing import Any

from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException

from engine.flows.errors import FlowError
from engine.flows.refusals import refusal

log = logging.getLogger(__name__)
BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
_NS = {"bpmn": BPMN}

# The refusal a text becomes, from the pattern's match, the document and the element.
Make = Callable[[re.Match[str], Any, str | None], FlowError]
# (pattern of SpiffWorkflow's text, the refusal it becomes); the match and the document give params.
Rule = tuple[re.Pattern[str], Make]


def _simple(code: str) -> Make:
    return lambda _match, _document, element: refusal(code, element)


def _naming(code: str, param: str, convert: Callable[[str], object] = str) -> Make:
    """The refusal ``code`` with the pattern's first group (as ``convert`` makes it) as ``param``."""
    return lambda match, _document, element: refusal(code, element, **{param: convert(match.group(1))})


def _data_store(match: re.Match[str], document: Any, _element: str | None) -> FlowError:
    """SpiffWorkflow names a data store by the first word of its name: find it by its whole name."""
    rest = match.group(1)
    stores = document.xpath("//bpmn:dataStore[@name]", namespaces=_NS)
    store = next((s for s in stores if rest.startswith(str(s.get("name")) + " has no")), None)
    if store is None:
        return refusal("flow.data_store.unsupported", None, name=rest.removesuffix(" has no implementation"))
    references = document.xpath("//bpmn:dataStoreReference[@dataStoreRef=$id]", namespaces=_NS, id=store.get("id"))
    element = references[0].get("id") if references else store.get("id")
    return refusal("flow.data_store.unsupported", element, name=" ".join(str(store.get("name")).split()))


def _missing_process(match: re.Match[str], document: Any, _element: str | None) -> FlowError:
    """A call activity to a process the file lacks: name the call activity, offer the other processes."""
    called = match.group(1)
    callers = document.xpath("//bpmn:callActivity[@calledElement=$p]", namespaces=_NS, p=called)
    caller = callers[0] if callers else None
    own = _process_of(caller)
    processes = [
        str(p.get("id"))
        for p in document.xpath("//bpmn:process", namespaces=_NS)
        if p.get("id") != own and p.get("id") != called
    ]
    element = caller.get("id") if caller is not None else None
    if not processes:
        return refusal("flow.call.missing_process_alone", element, process=called)
    return refusal("flow.call.missing_process", element, process=called, processes=", ".join(processes))


def _process_of(node: Any) -> str | None:
    while node is not None:
        if node.tag == f"{{{BPMN}}}process":
            return str(node.get("id"))
        node = node.getparent()
    return None


def _missing_definition(_match: re.Match[str], document: Any, element: str | None) -> FlowError:
    """An event whose messageRef (signalRef, ...) points at nothing: SpiffWorkflow fails on its own call."""
    node = _by_id(document, element)
    for kind in ("message", "signal", "error", "escalation"):
        if node is not None and node.find(f"{{{BPMN}}}{kind}EventDefinition") is not None:
            return refusal(f"flow.event.{kind}_missing", element)
    return refusal("flow.diagram.unreadable", element)


def _missing_decision(match: re.Match[str], _document: Any, element: str | None) -> FlowError:
    decision = match.group(1)
    if decision in ("", "None"):
        return refusal("flow.decision.none", element)
    return refusal("flow.decision.missing", element, decision=decision)


def _by_id(document: Any, element: str | None) -> Any:
    if not element:
        return None
    found = document.xpath("//*[@id=$id]", id=element)
    return found[0] if found else None


RULES: list[Rule] = [
    (re.compile(r"^Data Store with name (.*)$", re.S), _data_store),
    (re.compile(r"^The process '(.*?)' was not found\."), _missing_process),
    (re.compile(r"^Duplicate process ID: (.*)$"), _naming("flow.diagram.duplicate_process", "process")),
    (re.compile(r"^No start event found"), _simple("flow.diagram.no_start")),
    (re.compile(r"^Non-default exclusive outgoing sequence flow"), _simple("flow.gateway.missing_condition")),
    (
        re.compile(r"^Exactly one start event is required in a SubWorkflow Task; found (\d+)"),
        _naming("flow.subprocess.one_start", "count", int),
    ),
    (re.compile(r"^A SubWorkflow Must contain an End event"), _simple("flow.subprocess.no_end")),
    (re.compile(r'^No "calledElement" attribute'), _simple("flow.call.no_called_element")),
    (re.compile(r"^Invalid Script Task"), _simple("flow.script.missing")),
    (re.compile(r"^Sequential ordering for ad hoc"), _simple("flow.subprocess.adhoc_sequential")),
    (re.compile(r"^Ad hoc subprocesses may not contain"), _simple("flow.subprocess.adhoc_events")),
    (re.compile(r"^Cannot resolve data(Input|Output)Association"), _simple("flow.data.unresolved")),
    (re.compile(r"^A loopMaximum or loopCondition must be specified"), _simple("flow.loop.no_limit")),
    (re.compile(r"^A multiinstance task must specify exactly one"), _simple("flow.multi.both_inputs")),
    (re.compile(r"^A multiinstance task must specify a cardinality"), _simple("flow.multi.no_input")),
    (re.compile(r"^The loop (input|output) data reference is missing"), _simple("flow.multi.missing_data")),
    (re.compile(r"^Cancel Events may only be used"), _simple("flow.event.cancel_outside_transaction")),
    (re.compile(r"^Multiple outgoing flows are not supported"), _simple("flow.split.unsupported")),
    (re.compile(r"^When looking for a task spec.*\((.*)\)$", re.S), _naming("flow.sequence.missing_target", "target")),
    (re.compile(r"^Conditional event definition with missing condition"), _simple("flow.event.condition_missing")),
    (re.compile(r"^(Unknown Time Specification|Time Specification Error)"), _simple("flow.timer.unreadable")),
    (re.compile(r"^There is no support implemented for this task type"), _simple("flow.element.unsupported")),
    (re.compile(r"^A Service Task must have an operator"), _simple("flow.service.no_operation")),
    (re.compile(r'^No DMN Diagram available with id "(.*?)"'), _missing_decision),
    # SpiffWorkflow's own slips, wrapped by its task parser as ``repr(error)``.
    (re.compile(r"raise_validation_exception\(\) got an unexpected keyword argument"), _missing_definition),
    (re.compile(r"^NotImplementedError\(.Unsupported Catch Event"), _simple("flow.event.no_trigger")),
]


def translate(exc: BaseException, document: Any) -> FlowError:
    """``exc``, raised while SpiffWorkflow read ``document``, as a refusal naming the element."""
    text = str(exc.args[0]) if exc.args else ""
    element = _element_of(exc)
    log.debug("SpiffWorkflow refused the diagram at %s: %r", element, exc)
    if isinstance(exc, ValidationException):
        for pattern, make in RULES:
            match = pattern.search(text)
            if match:
                return make(match, document, element)
    return refusal("flow.diagram.unreadable", element)


def _element_of(exc: BaseException) -> str | None:
    """The id of the element SpiffWorkflow was reading: the exception's own, else the ``node`` of
    the innermost parser on the traceback."""
    element = getattr(exc, "id", None)
    if element:
        return str(element)
    found: str | None = None
    traceback: TracebackType | None = exc.__traceback__
    while traceback is not None:
        reader = traceback.tb_frame.f_locals.get("self")
        node = getattr(reader, "node", None)
        if node is not None and hasattr(node, "get") and node.get("id"):
            found = str(node.get("id"))
        traceback = traceback.tb_next
    return found
