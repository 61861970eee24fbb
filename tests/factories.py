"""Factories and helpers that go through the real API, as a user would."""

from __future__ import annotations

import itertools
import re
from typing import Any

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
        select(OutboxMessage).where(OutboxMessage.recipient == email).order_by(OutboxMessage.created_at.desc())
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
