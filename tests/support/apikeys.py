"""Making API keys in tests through the real API, as an owner or admin does in the settings."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

from tests.factories import PASSWORD


def create_api_key(
    client: FlaskClient,
    headers: dict[str, str],
    slug: str,
    name: str = "Zapier",
    role: str = "editor",
    **extra: Any,
) -> dict[str, Any]:
    """Create a key (the password is the proof; pass ``code`` when two-factor is on); its answer."""
    body = {"name": name, "role": role, "password": PASSWORD, **extra}
    response = client.post(f"/api/tenants/{slug}/api-keys", json=body, headers=headers)
    assert response.status_code == 201, response.get_json()
    created: dict[str, Any] = response.get_json()
    return created


def key_headers(created: dict[str, Any]) -> dict[str, str]:
    """The Authorization header for a key returned by ``create_api_key``."""
    return {"Authorization": f"Bearer {created['secret']}"}
