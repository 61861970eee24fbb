"""Factories and helpers that go through the real API, as a user would."""

from __future__ import annotations

import itertools
import re
import time
from pathlib import Path
from typing import Any

import pyotp
from flask.testing import FlaskClient
from sqlalchemy import select

from core import db
from core.mail.models import OutboxMessage

PASSWORD = "correct horse battery staple 42"
_counter = itertools.count(1)


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}{next(_counter)}@example.com"


def confirmation_link(email: str) -> str:
    message = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.recipient == email).order_by(OutboxMessage.id.desc())
    ).first()
    assert message is not None, f"no mail to {email}"
    match = re.search(r"https?://\S+/api/auth/confirm/\S+", message.text_body)
    assert match, message.text_body
    return match.group(0).rstrip(".")


def register(client: FlaskClient, email: str | None = None, password: str = PASSWORD) -> str:
    email = email or unique_email()
    response = client.post("/api/auth/register", json={"email": email, "password": password})
    assert response.status_code == 200, response.get_json()
    return email


def confirm(client: FlaskClient, email: str) -> None:
    link = confirmation_link(email)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 302, response.data
    assert "confirmed=1" in response.headers["Location"]


class Authenticator(pyotp.TOTP):
    """The user's authenticator app. Loom takes each code once, so every ``now()`` is the code
    of the next 30-second step, as if half a minute passed between two uses; Loom accepts codes
    up to two minutes ahead (phones whose clock runs fast), so five uses fit in one window."""

    def __init__(self, secret: str) -> None:
        super().__init__(secret)
        self.steps = 0

    def now(self) -> str:
        code = self.at(time.time() + self.interval * self.steps)
        self.steps += 1
        return code


CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"


def browser_as(app: Any, agent: str) -> FlaskClient:
    """A test client that sends ``agent`` as its User-Agent (sessions are named after it)."""
    browser: FlaskClient = app.test_client()
    browser.environ_base["HTTP_USER_AGENT"] = agent
    return browser


def bearer(body: dict[str, Any]) -> dict[str, str]:
    """The Authorization header for the access token in a sign-in answer."""
    return {"Authorization": f"Bearer {body['access_token']}"}


def set_up_two_factor(client: FlaskClient, headers: dict[str, str]) -> tuple[Authenticator, list[str]]:
    """Turn on two-step sign-in as the webapp does: the app, and the recovery codes shown once."""
    started = client.post("/api/auth/tf-setup", json={"setup": "authenticator"}, headers=headers)
    assert started.status_code == 200, started.get_json()
    body = started.get_json()
    totp = Authenticator(body["tf_authr_b32key"])
    done = client.post(f"/api/auth/tf-setup/{body['tf_state_token']}", json={"code": totp.now()}, headers=headers)
    assert done.status_code == 200, done.get_json()
    return totp, done.get_json()["recovery_codes"]


def sign_in(client: FlaskClient, email: str, password: str = PASSWORD) -> dict[str, Any]:
    response = client.post("/api/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def signed_in_user(client: FlaskClient, prefix: str = "user") -> tuple[str, dict[str, str]]:
    """Register, confirm and sign in a new user; returns the email and auth headers."""
    email = register(client, unique_email(prefix))
    confirm(client, email)
    body = sign_in(client, email)
    return email, {"Authorization": f"Bearer {body['access_token']}"}


def create_tenant(client: FlaskClient, headers: dict[str, str], slug: str, **fields: str) -> dict[str, Any]:
    payload = {"name": fields.get("name", slug.title()), "slug": slug, "timezone": "Europe/Berlin", "language": "en"}
    payload.update(fields)
    response = client.post("/api/tenants", json=payload, headers=headers)
    assert response.status_code == 201, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


STOCK_COLUMNS = [
    {"key": "type", "label": "Type", "type": "choice", "required": True, "options": ["BOX", "PALLET", "CRATE"]},
    {"key": "space", "label": "Space", "type": "text"},
    {"key": "weight", "label": "Weight", "type": "decimal", "rules": {"min": 0}},
    {"key": "qty", "label": "Quantity", "type": "integer", "default": 1},
    {"key": "timestamp", "label": "Timestamp", "type": "datetime"},
]


def create_blueprint(
    client: FlaskClient, headers: dict[str, str], slug: str, name: str = "Stock item", columns: list | None = None
) -> dict[str, Any]:
    """Create and publish a blueprint; returns its detail."""
    response = client.post(
        f"/api/tenants/{slug}/blueprints",
        json={"name": name, "columns": STOCK_COLUMNS if columns is None else columns},
        headers=headers,
    )
    assert response.status_code == 201, response.get_json()
    body: dict[str, Any] = response.get_json()
    published = client.post(
        f"/api/tenants/{slug}/blueprints/{body['key']}/publish",
        json={"lock_version": body["lock_version"]},
        headers=headers,
    )
    assert published.status_code == 201, published.get_json()
    detail: dict[str, Any] = client.get(f"/api/tenants/{slug}/blueprints/{body['key']}", headers=headers).get_json()
    return detail


def create_entity(
    client: FlaskClient, headers: dict[str, str], slug: str, blueprint: str, **data: Any
) -> dict[str, Any]:
    response = client.post(
        f"/api/tenants/{slug}/entities", json={"blueprint": blueprint, "data": data}, headers=headers
    )
    assert response.status_code == 201, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def drain_job(app: Any, job_id: Any) -> Any:
    """Run a job's steps in this process, as the Celery worker would, until it ends."""
    import uuid

    from core.jobs.models import Job, JobStatus
    from core.jobs.tasks import run_one_step

    for _ in range(200):
        with app.app_context():
            status = run_one_step(db.session(), uuid.UUID(str(job_id)))
            db.session.commit()
            # A job split into parts: step each part, as the workers would in parallel.
            parts = db.session.scalars(select(Job.id).where(Job.parent_id == uuid.UUID(str(job_id)))).all()
            for part in parts:
                run_one_step(db.session(), part)
                db.session.commit()
        if status in (JobStatus.DONE, JobStatus.FAILED):
            return status
    raise AssertionError("job did not finish")


DELIVERY_COLUMNS = [
    {"key": "deliver_from", "label": "Deliver from", "type": "text", "required": True},
    {"key": "deliver_to", "label": "Deliver to", "type": "text"},
    {"key": "cargo", "label": "Cargo", "type": "text"},
    {
        "key": "status",
        "label": "Status",
        "type": "choice",
        "options": ["PENDING", "IN_PROGRESS", "DELIVERED"],
        "default": "PENDING",
    },
    {"key": "started_at", "label": "Started at", "type": "datetime"},
    {"key": "delivered_at", "label": "Delivered at", "type": "datetime"},
]


def create_flow(
    client: FlaskClient, headers: dict[str, str], slug: str, blueprint: str, *, publish: bool = True, **fields: Any
) -> dict[str, Any]:
    """Create a flow (by default from the Delivery template) and publish it; returns its detail."""
    payload = {"name": "Delivery", "blueprint": blueprint, **fields}
    if "xml" not in payload:
        payload.setdefault("template", "delivery")
    response = client.post(f"/api/tenants/{slug}/flows", json=payload, headers=headers)
    assert response.status_code == 201, response.get_json()
    body: dict[str, Any] = response.get_json()
    if publish:
        published = client.post(
            f"/api/tenants/{slug}/flows/{body['key']}/publish",
            json={"lock_version": body["lock_version"]},
            headers=headers,
        )
        assert published.status_code == 201, published.get_json()
        body = client.get(f"/api/tenants/{slug}/flows/{body['key']}", headers=headers).get_json()
    return body


# A drawn Delivery flow (user and script tasks in a row: delivery_started, mark_started, delivered,
# mark_delivered), for tests that edit a diagram's text.
DRAWN_DELIVERY = Path(__file__).resolve().parents[1] / "bpmn" / "examples" / "delivery.bpmn"


def drawn_delivery(*, writes_status: bool = True) -> str:
    """The drawn Delivery flow's XML; with ``writes_status=False`` its scripts leave status alone,
    so it may run beside a flow that owns status (the Delivery template)."""
    xml = DRAWN_DELIVERY.read_text(encoding="utf-8")
    return xml if writes_status else re.sub(r'status = "\w+"\n', "", xml)


# A drawn Stock flow bound to stock_item (Put away within a day, stamp the time, Pick until nothing
# is left: a boundary timer, a script and a gateway condition), for tests of timers and scripts.
DRAWN_STOCK = Path(__file__).resolve().parents[1] / "bpmn" / "examples" / "stock.bpmn"


def drawn_stock() -> str:
    return DRAWN_STOCK.read_text(encoding="utf-8")


def delivery_tenant(client: FlaskClient, slug: str = "x-delivery", *, drawn: bool = False) -> dict[str, str]:
    """A tenant with the delivery blueprint and the published Delivery flow (from the template, or
    the drawn diagram); the owner's headers."""
    _, headers = signed_in_user(client)
    create_tenant(client, headers, slug)
    create_blueprint(client, headers, slug, name="Delivery", columns=DELIVERY_COLUMNS)
    if drawn:
        create_flow(client, headers, slug, "delivery", xml=DRAWN_DELIVERY.read_text(encoding="utf-8"))
    else:
        create_flow(client, headers, slug, "delivery")
    return headers


INITIAL = "initial password of the admin 1"


def bootstrap_admin(app: Any, email: str) -> None:
    """A super admin as ``loom bootstrap`` makes one: the initial password, nothing hardened yet."""
    from runtime.auth.bootstrap import bootstrap_superadmin

    with app.app_context():
        bootstrap_superadmin(db.session, email, INITIAL)
        db.session.commit()


def hardened_admin(app: Any, client: FlaskClient) -> tuple[str, dict[str, str]]:
    """A super admin who went through every hardening step; their email and auth headers."""
    email = unique_email("admin")
    bootstrap_admin(app, email)
    headers = bearer(sign_in(client, email, INITIAL))
    changed = client.post("/api/auth/change", json={"password": INITIAL, "new_password": PASSWORD}, headers=headers)
    headers = bearer(changed.get_json())
    client.post("/api/auth/confirm", json={"email": email})
    confirm(client, email)
    set_up_two_factor(client, headers)
    assert client.get("/api/admin/status", headers=headers).get_json()["next_step"] is None
    return email, headers


def add_member(slug: str, email: str, role: str) -> None:
    """Make the user ``email`` a member of the tenant ``slug`` (no invitation API yet)."""
    from core.identity.models import Membership, Tenant, TenantRole, User

    tenant = db.session.scalars(select(Tenant).where(Tenant.slug == slug)).one()
    user = db.session.scalars(select(User).where(User.email == email)).one()
    db.session.add(Membership(tenant_id=tenant.id, user_id=user.id, role=TenantRole(role)))
    db.session.commit()


def delivery_steps() -> dict[str, Any]:
    """The Delivery story: PENDING -> IN_PROGRESS (started_at := now) -> DELIVERED (delivered_at := now)."""
    return {
        "version": 1,
        "state": "status",
        "initial": "PENDING",
        "transitions": [
            {
                "id": "delivery_started",
                "label": "Delivery started",
                "from": ["PENDING"],
                "to": "IN_PROGRESS",
                "who": {"kind": "role", "role": "editor"},
                "form": ["cargo"],
                "updates": [{"field": "started_at", "value": {"kind": "now"}}],
                "condition": None,
            },
            {
                "id": "delivered",
                "label": "Delivered",
                "from": ["IN_PROGRESS"],
                "to": "DELIVERED",
                "who": {"kind": "anyone"},
                "form": [],
                "updates": [{"field": "delivered_at", "value": {"kind": "now"}}],
                "condition": None,
            },
        ],
        "timers": [],
    }
