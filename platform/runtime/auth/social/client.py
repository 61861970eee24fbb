"""OAuth 2 with Google and Facebook: the authorization URL, the code exchange and the profile.

Authlib's client speaks the protocol (state, PKCE S256, client authentication at the token
endpoint, error responses); Loom keeps the flow's state itself (routes.py) and reads who the
person is from the provider's userinfo endpoint over TLS, so no ID token needs verifying
(docs/decisions/0011-social-sign-in.md).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

import requests
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session, OAuthError

from core.social_providers import SocialProvider

TIMEOUT_SECONDS = 10


class ProviderError(Exception):
    """The provider refused the code or could not be reached. The message is safe to log:
    it never holds the code, a token or the client secret."""


@dataclass(frozen=True)
class Profile:
    """Who signed in at the provider."""

    subject: str  # the provider's stable id of the account (Google's ``sub``, Facebook's ``id``)
    email: str | None  # only an address the provider has verified
    name: str | None


def _session(provider: SocialProvider, redirect_uri: str) -> OAuth2Session:
    return OAuth2Session(
        provider.client_id,
        provider.client_secret,
        scope=provider.scope,
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
        # The secret goes in the body: both accept it there, and Facebook documents only that.
        token_endpoint_auth_method="client_secret_post",  # noqa: S106 - a method name, not a secret
    )


def authorization_url(provider: SocialProvider, redirect_uri: str) -> tuple[str, str, str]:
    """Where to send the browser: the URL, its ``state`` and the PKCE verifier to keep."""
    verifier = generate_token(64)
    with _session(provider, redirect_uri) as client:
        url, state = client.create_authorization_url(provider.authorize_url, code_verifier=verifier)
    return str(url), str(state), verifier


def fetch_profile(provider: SocialProvider, redirect_uri: str, code: str, verifier: str) -> Profile:
    """Exchange the code for an access token and ask the provider who it belongs to."""
    with _session(provider, redirect_uri) as client:
        try:
            token = client.fetch_token(provider.token_url, code=code, code_verifier=verifier, timeout=TIMEOUT_SECONDS)
            response = client.get(
                provider.userinfo_url, params=_proof(provider, token.get("access_token")), timeout=TIMEOUT_SECONDS
            )
            response.raise_for_status()
            data = response.json()
        except OAuthError as exc:
            raise ProviderError(f"the token endpoint refused the code ({_error_name(exc.error)})") from None
        except requests.HTTPError as exc:
            status = exc.response.status_code if exc.response is not None else "error"
            raise ProviderError(f"the provider answered HTTP {status}") from None
        except requests.RequestException as exc:
            raise ProviderError(f"the provider could not be reached ({type(exc).__name__})") from None
        except (ValueError, KeyError, TypeError) as exc:
            raise ProviderError(f"the provider's answer could not be read ({type(exc).__name__})") from None
    if not isinstance(data, dict):
        raise ProviderError("the provider's profile is not a JSON object")
    return read_profile(provider.name, data)


def read_profile(provider: str, data: dict[str, Any]) -> Profile:
    """The profile from a Google userinfo or a Facebook /me answer."""
    if provider == "facebook":
        # Facebook gives the email only when the person has confirmed it with Facebook.
        subject, email, verified = data.get("id"), data.get("email"), True
    else:
        subject, email = data.get("sub"), data.get("email")
        verified = data.get("email_verified") in (True, "true")
    if not subject:
        raise ProviderError("the provider's profile has no account id")
    email = email.strip() if isinstance(email, str) and verified else None
    name = data.get("name")
    return Profile(subject=str(subject), email=email or None, name=name if isinstance(name, str) else None)


def _proof(provider: SocialProvider, access_token: Any) -> dict[str, str]:
    """Facebook's ``appsecret_proof``: the Graph API then takes the token only from Loom's app."""
    if provider.name != "facebook" or not isinstance(access_token, str):
        return {}
    digest = hmac.new(provider.client_secret.encode(), access_token.encode(), hashlib.sha256).hexdigest()
    return {"appsecret_proof": digest}


def _error_name(error: Any) -> str:
    """The OAuth error code (Facebook nests its errors in an object)."""
    if isinstance(error, dict):
        return str(error.get("type") or error.get("code") or "error")[:64]
    return str(error or "error")[:64]
