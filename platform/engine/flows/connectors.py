"""The engine's side of connectors: what waiting connector steps ask for, and their outcome.

The runtime injects the world: it reads ``requests`` after a step, sends each one (HTTP, mail)
and reports back with ``done`` (the answer's values go into the record's fields and the flow
runs on) or ``failed`` (a BPMN error on the task: an error boundary event attached to it, or to
a sub-process around it, takes the flow on; without one the step fails naming the element).
Like ``engine.flows.run``, every call takes the moment, the zone and the record's variables.
"""

from __future__ import annotations

from typing import Any, Unpack
from urllib.parse import urlsplit
from uuid import UUID

from SpiffWorkflow.bpmn.util import BpmnEvent
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.spiff.specs.event_definitions import ErrorEventDefinition
from SpiffWorkflow.task import Task
from SpiffWorkflow.util.task import TaskState

from engine.flows import run
from engine.flows.connector_task import (
    EMAIL,
    EXTENSION,
    HTTP,
    METHODS,
    PLACEHOLDER,
    REQUEST,
    ConnectorRequest,
    ConnectorTask,
    placeholders,
)
from engine.flows.errors import FlowError
from engine.flows.parser import Flow
from engine.flows.refusals import refusal
from engine.flows.step_errors import step_failure
from engine.schema import Schema

ERROR_CODE = "connector_failed"  # the BPMN error code a failed connector throws (docs/bpmn.md)
# Headers Loom sets itself: the host, the signature, and those that frame the request or steer the
# connection (a Content-Length or Transfer-Encoding of the step's could split one request in two).
_RESERVED = frozenset(
    ("host", "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "te", "trailer")
)
_RESERVED_PREFIXES = ("webhook-", "proxy-")
_TOKEN = frozenset("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def requests(workflow: BpmnWorkflow) -> list[ConnectorRequest]:
    """The connector steps the instance waits on, each with its request as rendered when reached."""
    found = []
    for task in workflow.get_tasks(state=TaskState.STARTED):
        if isinstance(task.task_spec, ConnectorTask):
            request = task._get_internal_data(REQUEST)
            config = task.task_spec.extensions.get(EXTENSION) or {}
            if request is not None:
                found.append(ConnectorRequest(task.id, task.task_spec.bpmn_id, config["kind"], dict(request)))
    return found


def done(workflow: BpmnWorkflow, task_id: UUID, result: Any, **step: Unpack[run.StepArgs]) -> Task:
    """The connector step ``task_id`` succeeded with ``result`` (an HTTP answer's JSON, or None):
    its response mappings fill the record's fields, and the flow runs on to its next wait."""
    task = _waiting(workflow, task_id)
    run.give_engine(workflow, **step)
    element = task.task_spec.bpmn_id
    values = {
        field: answer_value(result, path, element)
        for field, path in ((task._get_internal_data(REQUEST) or {}).get("responses") or {}).items()
    }
    task.data.update(values)
    run.into_record(step, values)
    try:
        task.complete()
    except SpiffWorkflowException as exc:
        raise step_failure(exc, task.task_spec.bpmn_id) from exc
    run.advance(workflow, run.limits_of(step))
    return task


def failed(workflow: BpmnWorkflow, task_id: UUID, error: str, **step: Unpack[run.StepArgs]) -> Task:
    """The connector step ``task_id`` failed for good: throw a BPMN error (code ``connector_failed``,
    the ``error`` text as its payload) from it; an error boundary event catches it and the flow
    runs on from there. Without one, FlowError naming the element, with ``error``."""
    task = _waiting(workflow, task_id)
    run.give_engine(workflow, **step)
    element = task.task_spec.bpmn_id
    event = BpmnEvent(ErrorEventDefinition(ERROR_CODE, code=ERROR_CODE), payload=error, target=task.workflow)
    try:
        workflow.top_workflow.catch(event)
    except SpiffWorkflowException as exc:
        raise step_failure(exc, element) from exc
    run.advance(workflow, run.limits_of(step))  # a boundary that caught it runs, and cancels the step
    if task.state == TaskState.STARTED:  # nothing caught it
        workflow.bpmn_events.clear()
        raise refusal("flow.connector.failed", element, name=task.task_spec.bpmn_name or element, error=error)
    return task


def answer_value(result: Any, path: str, element: str) -> Any:
    """The value at ``path`` (names and list positions separated by dots) in the answer."""
    value = result
    for part in path.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            raise refusal("flow.connector.answer", element, path=path)
    return value


def _waiting(workflow: BpmnWorkflow, task_id: UUID) -> Task:
    task = workflow.get_task_from_id(task_id)
    if task is None or task.state != TaskState.STARTED or not isinstance(task.task_spec, ConnectorTask):
        raise refusal("flow.step.not_waiting")
    return task


def connector_specs(flow: Flow) -> list[ConnectorTask]:
    """Every connector task of the flow, its sub-processes included."""
    specs = [flow.spec, *flow.subprocess_specs.values()]
    return [t for s in specs for t in s.task_specs.values() if isinstance(t, ConnectorTask)]


def problems(flow: Flow, schema: Schema, blueprint: str) -> list[FlowError]:
    """What stops the flow's connectors from running on ``blueprint``'s records (checked at publish)."""
    found: list[FlowError] = []
    for spec in connector_specs(flow):
        config = spec.extensions.get(EXTENSION)
        if config is None:
            continue  # engine.flows.support refuses it
        element = spec.bpmn_id
        if config["kind"] == HTTP:
            found += _http_problems(config, element, schema, blueprint)
        elif config["kind"] == EMAIL and not config["to"]:
            found.append(refusal("flow.connector.recipient", element))
        for name in sorted(placeholders(config)):
            if schema.column(name) is None:
                found.append(refusal("flow.connector.field", element, field=name, blueprint=blueprint))
    return found


def _http_problems(config: dict[str, Any], element: str, schema: Schema, blueprint: str) -> list[FlowError]:
    found = []
    if config["method"] not in METHODS:
        found.append(refusal("flow.connector.method", element, method=config["method"], methods=", ".join(METHODS)))
    url = config["url"]
    origin = url.split("/", 3)[:3]
    try:
        parts = urlsplit(url)
        valid = parts.scheme in ("https", "http") and bool(parts.hostname)
    except ValueError:
        valid = False
    if not valid or PLACEHOLDER.search("/".join(origin)) or any(ord(c) <= 32 or ord(c) == 127 for c in url):
        found.append(refusal("flow.connector.url", element, url=url))
    for name, _value in config["headers"]:
        if not name or not set(name) <= _TOKEN or _reserved(name.lower()):
            found.append(refusal("flow.connector.header", element, header=name))
    for field, path in config["responses"]:
        if schema.column(field) is None:
            found.append(refusal("flow.connector.field", element, field=field, blueprint=blueprint))
        if not path:
            found.append(refusal("flow.connector.path", element, field=field))
    return found


def _reserved(name: str) -> bool:
    """Whether the (lower-case) header ``name`` is one the step may not set."""
    return name in _RESERVED or name.startswith(_RESERVED_PREFIXES)
