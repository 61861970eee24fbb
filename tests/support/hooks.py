"""A real webhook receiver on 127.0.0.1 that verifies every call with standardwebhooks, and
helpers that run Loom's hook tasks in this process, as the worker and the beat would."""

from __future__ import annotations

import dataclasses
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from core import db


@dataclasses.dataclass
class Call:
    headers: dict[str, str]
    body: bytes
    verified_by: list[str]  # the secrets whose own Webhook.verify accepted the call

    @property
    def payload(self) -> Any:
        return json.loads(self.body)

    @property
    def webhook_id(self) -> str:
        return self.headers["webhook-id"]


class Receiver:
    """Answers ``status`` (or ``answer(call)``); ``secrets`` verify each call, one by one."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.secrets: list[str] = []
        self.status = 200
        self.location: str | None = None
        self.unverified: list[Call] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                headers = {k.lower(): v for k, v in self.headers.items()}
                verified = []
                for secret in receiver.secrets:
                    try:
                        Webhook(secret).verify(body, headers)
                        verified.append(secret)
                    except WebhookVerificationError:
                        pass
                call = Call(headers, body, verified)
                receiver.calls.append(call)
                if receiver.secrets and not verified:
                    receiver.unverified.append(call)
                self.send_response(receiver.status)
                if receiver.location:
                    self.send_header("Location", receiver.location)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/hook"

    def ids(self) -> set[str]:
        return {call.webhook_id for call in self.calls}

    def of_type(self, event_type: str) -> list[Call]:
        return [call for call in self.calls if call.payload["type"] == event_type]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def record_payload(record_id: str, blueprint_id: Any, values: dict[str, Any], version: int = 1) -> dict[str, Any]:
    """A record as the record writer announces it (runtime.entities.writer.payload)."""
    import uuid

    return {
        "id": record_id,
        "blueprint": "stock_item",
        "blueprint_id": str(blueprint_id or uuid.uuid4()),
        "blueprint_version": 1,
        "version": version,
        "data": values,
        "created_at": "2026-12-06T09:00:00+00:00",
        "updated_at": "2026-12-06T09:00:00+00:00",
    }


def allow_local(app: Any, monkeypatch: Any, **more: Any) -> None:
    """Let hooks call the receiver on 127.0.0.1 over http (only that address)."""
    changes = {"hooks_allow_http": True, "hooks_allow_private": "127.0.0.1/32", **more}
    settings = dataclasses.replace(app.config["LOOM"], **changes)
    monkeypatch.setitem(app.config, "LOOM", settings)


def run_hooks(app: Any, rounds: int = 20) -> int:
    """Run sweeps and their attempts in this process until nothing is due; how many attempts."""
    from runtime.hooks import attempts
    from runtime.hooks.tasks import sweep_round

    made = 0
    for _ in range(rounds):
        with app.app_context():
            claims = sweep_round(stale_after=timedelta(0))
            for claim in claims:
                attempts.attempt(db.session(), app.config["LOOM"], claim)
                made += 1
        if not claims:
            return made
    return made


@dataclasses.dataclass
class Workspace:
    """A workspace with its owner's headers, and helpers for its hooks."""

    app: Any
    client: Any
    slug: str
    id: Any
    headers: dict[str, str]

    def hooks(self, method: str, path: str, expect: int | None = None, **kwargs: Any) -> Any:
        answer = self.client.open(
            f"/api/tenants/{self.slug}/hooks{path}", method=method, headers=self.headers, **kwargs
        )
        if expect is not None:
            assert answer.status_code == expect, (method, path, answer.status_code, answer.get_json(silent=True))
        return answer

    def endpoint(self, receiver: Receiver, **fields: Any) -> dict[str, Any]:
        """A new endpoint to ``receiver``, whose secrets now verify its calls."""
        body = {"url": receiver.url, "event_types": ["record.created"], **fields}
        created: dict[str, Any] = self.hooks("POST", "/endpoints", 201, json=body).get_json()
        receiver.secrets.append(created["secret"])
        return created

    def emit(
        self,
        type_: str = "record.created",
        *,
        blueprint_id: Any = None,
        changed: tuple[str, ...] = (),
        commit: bool = True,
    ) -> None:
        """Announce an event in a transaction that commits, as a writer would."""
        import uuid

        from core.events import emit

        data: dict[str, Any] = {"record": record_payload(str(uuid.uuid4()), blueprint_id, {"qty": 1})}
        if type_ == "record.updated":
            data["changes"] = [{"field": name, "before": None, "after": 1} for name in changed]
        with self.app.app_context():
            db.set_tenant_scope(db.session(), self.id)
            emit(
                db.session(),
                type_,
                self.id,
                data,
                user_id=None,
                blueprint_id=blueprint_id,
                changed=changed,
            )
            if commit:
                db.session.commit()
            else:
                db.session.rollback()


def workspace(app: Any, client: Any, slug: str) -> Workspace:
    import uuid

    from tests.factories import create_tenant, signed_in_user

    _, headers = signed_in_user(client, slug.replace("-", ""))
    tenant = create_tenant(client, headers, slug)
    return Workspace(app, client, slug, uuid.UUID(tenant["id"]), headers)
