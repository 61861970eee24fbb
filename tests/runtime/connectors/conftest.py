"""A workspace with an Order blueprint, flows with connector steps, and a JSON receiver on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from sqlalchemy import select
from standardwebhooks.webhooks import Webhook

from core import db
from runtime.connectors.models import ConnectorCall
from tests.factories import create_blueprint, create_entity, create_flow, create_tenant, signed_in_user

SLUG = "x-connectors"
T = f"/api/tenants/{SLUG}"
ORDER_COLUMNS = [
    {"key": "order_no", "label": "Order number", "type": "text"},
    {"key": "email", "label": "Email", "type": "text"},
    {"key": "tracking_no", "label": "Tracking number", "type": "text"},
]
BOUNDARY = """
    <bpmn:boundaryEvent id="call_failed" attachedToRef="call">
      <bpmn:outgoing>to_by_hand</bpmn:outgoing>
      <bpmn:errorEventDefinition id="call_failed_error"/>
    </bpmn:boundaryEvent>
    <bpmn:userTask id="by_hand" name="Book by hand"><bpmn:incoming>to_by_hand</bpmn:incoming>
      <bpmn:outgoing>to_end_by_hand</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end_by_hand"><bpmn:incoming>to_end_by_hand</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="to_by_hand" sourceRef="call_failed" targetRef="by_hand"/>
    <bpmn:sequenceFlow id="to_end_by_hand" sourceRef="by_hand" targetRef="end_by_hand"/>"""


def diagram(connector: str, boundary: bool = False) -> str:
    """Start, the connector step ``call`` (named "Book the carrier"), "Check", end."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:loom="http://loom.dev/schema/bpmn/1.0" id="defs" targetNamespace="http://loom.dev/test">
  <bpmn:process id="shipping" isExecutable="true" loom:blueprint="order">
    <bpmn:startEvent id="start"><bpmn:outgoing>to_call</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="call" name="Book the carrier">
      <bpmn:extensionElements>{connector}</bpmn:extensionElements>
      <bpmn:incoming>to_call</bpmn:incoming><bpmn:outgoing>to_check</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:userTask id="check" name="Check"><bpmn:incoming>to_check</bpmn:incoming>
      <bpmn:outgoing>to_end</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>to_end</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="to_call" sourceRef="start" targetRef="call"/>
    <bpmn:sequenceFlow id="to_check" sourceRef="call" targetRef="check"/>
    <bpmn:sequenceFlow id="to_end" sourceRef="check" targetRef="end"/>{BOUNDARY if boundary else ""}
  </bpmn:process>
</bpmn:definitions>"""


def http_connector(url: str) -> str:
    return f"""<loom:http method="PUT" url="{url}/orders/{{order_no}}">
      <loom:header name="X-Order" value="{{order_no}}"/>
      <loom:body>{{"order": "{{order_no}}"}}</loom:body>
      <loom:response field="tracking_no" path="shipment.id"/>
    </loom:http>"""


@dataclasses.dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class JsonReceiver:
    """Answers each request with the next of ``answers`` (status, JSON), the last one from then on."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.answers: list[tuple[int, Any]] = [(200, {"shipment": {"id": "TRK-1"}})]
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                headers = {k.lower(): v for k, v in self.headers.items()}
                receiver.requests.append(Request(self.command, self.path, headers, body))
                status, answer = receiver.answers[0] if len(receiver.answers) == 1 else receiver.answers.pop(0)
                text = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(text)))
                self.end_headers()
                self.wfile.write(text)

            do_GET = do_POST = do_PUT = _answer  # noqa: N815 - http.server's names

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def verified_by(self, secret: str) -> bool:
        """Whether every request carries a valid Standard Webhooks signature made with ``secret``."""
        for request in self.requests:
            Webhook(secret).verify(request.body, request.headers)
        return bool(self.requests)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def receiver():
    server = JsonReceiver()
    yield server
    server.close()


@dataclasses.dataclass
class Shop:
    """The workspace, signed in as its owner."""

    app: Any
    client: Any
    headers: dict[str, str]
    tenant_id: Any

    def flow(self, xml: str) -> None:
        create_flow(self.client, self.headers, SLUG, "order", name="Shipping", xml=xml)

    def order(self, **data: Any) -> dict[str, Any]:
        return create_entity(self.client, self.headers, SLUG, "order", **data)

    def record(self, entity_id: str) -> dict[str, Any]:
        data: dict[str, Any] = self.client.get(f"{T}/entities/{entity_id}", headers=self.headers).get_json()["data"]
        return data

    def flows(self, entity_id: str) -> dict[str, Any]:
        body: dict[str, Any] = self.client.get(f"{T}/entities/{entity_id}/flows", headers=self.headers).get_json()
        return body

    def inbox(self) -> list[str]:
        return [i["element"] for i in self.client.get(f"{T}/inbox", headers=self.headers).get_json()["items"]]

    def settings(self, **changes: Any) -> Any:
        return dataclasses.replace(self.app.config["LOOM"], **changes)


@pytest.fixture()
def shop(app, client, monkeypatch) -> Shop:
    """Connectors may call 127.0.0.1 over http here (only that address), as hooks tests allow."""
    changes = {"hooks_allow_http": True, "hooks_allow_private": "127.0.0.1/32"}
    monkeypatch.setitem(app.config, "LOOM", dataclasses.replace(app.config["LOOM"], **changes))
    _email, headers = signed_in_user(client)
    tenant = create_tenant(client, headers, SLUG)
    create_blueprint(client, headers, SLUG, name="Order", columns=ORDER_COLUMNS)
    return Shop(app, client, headers, tenant["id"])


def calls() -> list[ConnectorCall]:
    db.session.expire_all()
    return list(db.session.scalars(select(ConnectorCall).execution_options(all_tenants=True)))
