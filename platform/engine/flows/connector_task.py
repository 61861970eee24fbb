"""A service task that calls the world outside: Loom's connectors ("Send an HTTP request",
"Send an email").

The engine runs nothing that leaves the process: when a flow reaches a connector task, the task
starts and waits (STARTED, like a timer or a receive event waits), with the request it makes
rendered from the record's values as they are at that moment. The runtime finds it
(``engine.flows.connectors.requests``), sends it, and reports the outcome back
(``connectors.done`` or ``connectors.failed``).

In the diagram (Loom's extension, ``bpmn/loom.json``)::

    <bpmn:serviceTask id="notify" name="Notify the carrier">
      <bpmn:extensionElements>
        <loom:http method="POST" url="https://carrier.example/orders/{order_no}">
          <loom:header name="X-Shop" value="{shop}"/>
          <loom:body>{"weight": "{weight}"}</loom:body>
          <loom:response field="tracking_no" path="shipment.id"/>
        </loom:http>
      </bpmn:extensionElements>
    </bpmn:serviceTask>

or ``<loom:email to="{customer_email}" subject="Order {order_no}">Dear {name}, …</loom:email>``.
``{field}`` stands for the record's value of that field (in a URL, encoded for it; in an HTTP
body, escaped as JSON string text).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

from SpiffWorkflow.spiff.specs.spiff_task import SpiffBpmnTask

from engine.flows.task_parsing import LoomTaskParser

LOOM_NS = "http://loom.dev/schema/bpmn/1.0"
_NS = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL", "loom": LOOM_NS}
EXTENSION = "loomConnector"  # the key of a connector's settings in the task spec's extensions
REQUEST = "connector_request"  # the rendered request, in the waiting task's internal data
HTTP, EMAIL = "http", "email"
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class ConnectorRequest:
    """What a waiting connector step asks the runtime to do, the record's values filled in.

    ``params`` for ``http``: method, url, headers (name → value), body (text or None), and
    responses (record field → path in the JSON answer). For ``email``: to, subject, body.
    """

    task_id: Any  # the waiting task's id (UUID)
    element: str
    kind: str
    params: dict[str, Any]


def read_connector(node: Any) -> dict[str, Any] | None:
    """The connector a service task's ``extensionElements`` configure; None when it has none."""
    http = node.xpath("./bpmn:extensionElements/loom:http", namespaces=_NS)
    if http:
        element = http[0]
        body = element.xpath("./loom:body", namespaces=_NS)
        return {
            "kind": HTTP,
            "method": (element.get("method") or "POST").strip().upper(),
            "url": (element.get("url") or "").strip(),
            "headers": [
                [h.get("name") or "", h.get("value") or ""] for h in element.xpath("./loom:header", namespaces=_NS)
            ],
            "body": body[0].text if body and body[0].text else None,
            "responses": [
                [r.get("field") or "", r.get("path") or ""] for r in element.xpath("./loom:response", namespaces=_NS)
            ],
        }
    email = node.xpath("./bpmn:extensionElements/loom:email", namespaces=_NS)
    if email:
        element = email[0]
        return {
            "kind": EMAIL,
            "to": (element.get("to") or "").strip(),
            "subject": element.get("subject") or "",
            "body": element.text or "",
        }
    return None


class ConnectorTask(SpiffBpmnTask):  # type: ignore[misc]
    """``bpmn:serviceTask`` with a Loom connector: starts, renders its request, and waits."""

    def _run_hook(self, my_task: Any) -> None:
        config = self.extensions.get(EXTENSION)
        values = {**my_task.data, **(_record(my_task) or {})}
        my_task._set_internal_data(**{REQUEST: render(config, values) if config else None})
        return None  # STARTED: the runtime reports the outcome


def _record(my_task: Any) -> dict[str, Any] | None:
    """The record's columns the step keeps current (engine.flows.script_engine), when it has them."""
    environment = getattr(my_task.workflow.script_engine, "environment", None)
    record = getattr(environment, "record", None)
    return record if isinstance(record, dict) else None


class ConnectorTaskParser(LoomTaskParser):
    """Reads Loom's connector; a service task without one parses too and is refused by
    ``engine.flows.support`` with Loom's words (SpiffWorkflow's own parser demands an operator)."""

    def loom_extensions(self, node: Any) -> dict[str, Any]:
        return {EXTENSION: read_connector(node)}

    def create_task(self) -> ConnectorTask:
        return self.scripted(ConnectorTask, self.parse_extensions())


def shown(value: Any) -> str:
    """A record's value as text in a request: empty for no value, ISO for dates."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, default=str, ensure_ascii=False)
    return str(value)


def fill(template: str, values: dict[str, Any], escape: Any = None) -> str:
    """``template`` with each ``{field}`` replaced by the record's value (through ``escape``)."""

    def one(match: re.Match[str]) -> str:
        text = shown(values.get(match.group(1)))
        return escape(text) if escape is not None else text

    return PLACEHOLDER.sub(one, template)


def _json_text(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)[1:-1]


def render(config: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """The request ``config`` makes with the record's ``values`` filled in (JSON-ready)."""
    if config["kind"] == HTTP:
        return {
            "method": config["method"],
            "url": fill(config["url"], values, lambda t: quote(t, safe="")),
            "headers": {name: fill(value, values) for name, value in config["headers"]},
            "body": fill(config["body"], values, _json_text) if config["body"] is not None else None,
            "responses": {field: path for field, path in config["responses"]},
        }
    return {
        "to": fill(config["to"], values),
        "subject": fill(config["subject"], values),
        "body": fill(config["body"], values),
    }


def placeholders(config: dict[str, Any]) -> set[str]:
    """Every field a connector's texts name."""
    if config["kind"] == HTTP:
        texts = [config["url"], config["body"] or "", *(value for _name, value in config["headers"])]
    else:
        texts = [config["to"], config["subject"], config["body"]]
    return {name for text in texts for name in PLACEHOLDER.findall(text)}
