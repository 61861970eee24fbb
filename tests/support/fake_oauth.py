"""A local stand-in for Google's and Facebook's OAuth 2 sign-in, speaking the real protocol over HTTP.

One server plays both providers under path prefixes (``/google/...``, ``/facebook/...``):

- ``GET /<p>/authorize?client_id&redirect_uri&state&code_challenge...`` shows a sign-in page: a
  form with the labelled inputs "Email" and "Account id" (prefilled from ``next_identity``), an
  "Address verified" checkbox (checked; unchecked, Google says email_verified false and Facebook
  leaves the email out),
  and the buttons "Continue" (back to ``redirect_uri`` with ``code`` and ``state``) and "Cancel"
  (back with ``error=access_denied``). Adding ``&auto=1&email=..&sub=..`` (and
  ``&email_verified=0``) redirects at once, without the page.
- ``POST /<p>/token`` checks the client id and secret (body or HTTP Basic), the code (single use,
  same client and redirect_uri) and the PKCE verifier, and returns an access token.
- ``GET /google/userinfo`` answers as Google's OIDC userinfo (sub, email, email_verified, name);
  ``GET /facebook/me?fields=id,name,email`` as the Graph API (an email only when verified, and
  ``appsecret_proof`` checked when given).

An empty "Account id" is derived from the email, so one address is one account across sign-ins.
Backend tests use ``sign_in``/``cancel``; browser tests start Loom with ``env()`` and click.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import json
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlencode

import pytest
import requests
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

PROVIDERS = ("google", "facebook")
CLIENTS = {name: (f"loom-test-{name}-client", f"{name}-test-secret-0123456789") for name in PROVIDERS}
LABELS = {"google": "Google", "facebook": "Facebook"}


def subject_for(email: str) -> str:
    """The account id the fake gives an email when none is typed in."""
    return "fake-" + hashlib.sha256(email.strip().lower().encode()).hexdigest()[:16]


class _Quiet(WSGIRequestHandler):
    def log_request(self, *args: Any, **kwargs: Any) -> None:
        pass


class FakeOAuth:
    """The fake providers on 127.0.0.1 (a free port), served from a background thread."""

    def __init__(self) -> None:
        self.next_identity: dict[str, Any] | None = None  # {"email", "sub", "name"}: prefills the page
        self.token_requests = 0
        self._lock = threading.Lock()
        self._codes: dict[str, dict[str, Any]] = {}
        self._tokens: dict[str, dict[str, Any]] = {}
        self._server = make_server("127.0.0.1", 0, self._wsgi, threaded=True, request_handler=_Quiet)
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-oauth", daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def env(self) -> dict[str, str]:
        """The ``LOOM_GOOGLE_*`` and ``LOOM_FACEBOOK_*`` settings that make Loom use this fake."""
        values: dict[str, str] = {}
        for name in PROVIDERS:
            prefix = f"LOOM_{name.upper()}_"
            userinfo = f"{self.base_url}/google/userinfo" if name == "google" else f"{self.base_url}/facebook/me"
            values |= {
                prefix + "CLIENT_ID": CLIENTS[name][0],
                prefix + "CLIENT_SECRET": CLIENTS[name][1],
                prefix + "AUTHORIZE_URL": f"{self.base_url}/{name}/authorize",
                prefix + "TOKEN_URL": f"{self.base_url}/{name}/token",
                prefix + "USERINFO_URL": userinfo + ("?fields=id,name,email" if name == "facebook" else ""),
            }
        return values

    def sign_in(self, authorize_url: str, *, email: str | None, sub: str | None = None, **extra: str) -> str:
        """Sign in at the provider as a person would; returns the callback URL it sends back to."""
        params = {"auto": "1", "email": email or "", "sub": sub or "", **extra}
        response = requests.get(authorize_url, params=params, allow_redirects=False, timeout=10)
        assert response.status_code == 302, response.text
        return str(response.headers["Location"])

    def cancel(self, authorize_url: str) -> str:
        """Press "Cancel" on the provider's page; returns the callback URL."""
        response = requests.get(authorize_url, params={"auto": "cancel"}, allow_redirects=False, timeout=10)
        assert response.status_code == 302, response.text
        return str(response.headers["Location"])

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # The providers' endpoints.

    def _wsgi(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        parts = request.path.strip("/").split("/")
        if len(parts) != 2 or parts[0] not in PROVIDERS:
            return Response("not found", 404)(environ, start_response)
        provider, endpoint = parts
        handlers = {
            "authorize": self._authorize,
            "token": self._token,
            "userinfo": self._userinfo,
            "me": self._userinfo,
        }
        handler = handlers.get(endpoint)
        response = handler(provider, request) if handler else Response("not found", 404)
        return response(environ, start_response)

    def _authorize(self, provider: str, request: Request) -> Response:
        values = request.values
        if values.get("client_id") != CLIENTS[provider][0] or not values.get("redirect_uri"):
            return Response("Unknown client or no redirect_uri.", 400)
        if request.method == "POST":
            action = values.get("action", "continue")
        else:
            action = {"1": "continue", "cancel": "cancel"}.get(values.get("auto", ""), "")
        if action == "cancel":
            return self._back(values, {"error": "access_denied", "error_description": "The user cancelled."})
        if action != "continue":
            return self._page(provider, values)
        email = (values.get("email") or "").strip()
        sub = (values.get("sub") or "").strip() or (subject_for(email) if email else "")
        if not sub:
            return self._page(provider, values, problem="Type an email or an account id.")
        verified = values.get("email_verified", "1" if request.method == "GET" else "") in ("1", "on", "true")
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._codes[code] = {
                "provider": provider,
                "client_id": values["client_id"],
                "redirect_uri": values["redirect_uri"],
                "challenge": values.get("code_challenge"),
                "identity": {"sub": sub, "email": email or None, "email_verified": verified, "name": email or sub},
            }
        return self._back(values, {"code": code})

    def _back(self, values: Any, params: dict[str, str]) -> Response:
        if values.get("state") is not None:
            params["state"] = values["state"]
        separator = "&" if "?" in values["redirect_uri"] else "?"
        return Response(status=302, headers={"Location": values["redirect_uri"] + separator + urlencode(params)})

    def _page(self, provider: str, values: Any, problem: str = "") -> Response:
        prefill = self.next_identity or {}
        hidden = "".join(
            f'<input type="hidden" name="{key}" value="{html.escape(values[key])}">'
            for key in ("client_id", "redirect_uri", "state", "scope", "code_challenge", "code_challenge_method")
            if values.get(key) is not None
        )
        # Google says whether it verified the address; Facebook leaves an unconfirmed one out.
        verified = (
            '<p><input id="email_verified" name="email_verified" type="checkbox" checked>'
            ' <label for="email_verified">Address verified</label></p>'
        )
        label = LABELS[provider]
        body = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in with {label} (fake)</title></head>
<body><main><h1>Sign in with {label}</h1>
{f'<p role="alert">{html.escape(problem)}</p>' if problem else ""}
<form method="post" action="/{provider}/authorize">{hidden}
<p><label for="email">Email</label> <input id="email" name="email" type="email"
 value="{html.escape(str(prefill.get("email") or ""))}"></p>
<p><label for="sub">Account id</label> <input id="sub" name="sub"
 value="{html.escape(str(prefill.get("sub") or ""))}"></p>
{verified}
<p><button type="submit" name="action" value="continue">Continue</button>
<button type="submit" name="action" value="cancel" formnovalidate>Cancel</button></p>
</form></main></body></html>"""
        return Response(body, 200, content_type="text/html; charset=utf-8")

    def _token(self, provider: str, request: Request) -> Response:
        with self._lock:
            self.token_requests += 1
        form = request.form
        client_id, secret = form.get("client_id"), form.get("client_secret")
        if request.authorization and request.authorization.type == "basic":
            client_id, secret = request.authorization.username, request.authorization.password
        if (client_id, secret) != CLIENTS[provider]:
            return self._error(provider, 401, "invalid_client")
        with self._lock:
            grant = self._codes.pop(form.get("code", ""), None)  # single use
        if grant is None or form.get("grant_type") != "authorization_code":
            return self._error(provider, 400, "invalid_grant")
        if grant["provider"] != provider or grant["redirect_uri"] != form.get("redirect_uri"):
            return self._error(provider, 400, "invalid_grant")
        if grant["challenge"]:
            verifier = form.get("code_verifier", "").encode()
            digest = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=").decode()
            if not hmac.compare_digest(digest, grant["challenge"]):
                return self._error(provider, 400, "invalid_grant")
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._tokens[token] = {"provider": provider, **grant["identity"]}
        return _json({"access_token": token, "token_type": "Bearer", "expires_in": 3599})

    def _userinfo(self, provider: str, request: Request) -> Response:
        header = request.headers.get("Authorization", "")
        token = header[7:] if header.lower().startswith("bearer ") else request.args.get("access_token", "")
        with self._lock:
            identity = self._tokens.get(token)
        if identity is None or identity["provider"] != provider:
            return self._error(provider, 401, "invalid_token")
        if provider == "google":
            body = {"sub": identity["sub"], "name": identity["name"], "email_verified": identity["email_verified"]}
            if identity["email"]:
                body["email"] = identity["email"]
            return _json(body)
        proof = request.args.get("appsecret_proof")
        expected = hmac.new(CLIENTS[provider][1].encode(), token.encode(), hashlib.sha256).hexdigest()
        if proof is not None and not hmac.compare_digest(proof, expected):
            return self._error(provider, 400, "invalid_appsecret_proof")
        fields = (request.args.get("fields") or "id,name").split(",")
        body = {"id": identity["sub"], "name": identity["name"]}
        if "email" in fields and identity["email"] and identity["email_verified"]:
            body["email"] = identity["email"]
        return _json({k: v for k, v in body.items() if k in fields})

    def _error(self, provider: str, status: int, error: str) -> Response:
        if provider == "facebook":
            return _json({"error": {"message": error, "type": "OAuthException", "code": 100}}, status)
        return _json({"error": error, "error_description": error.replace("_", " ")}, status)


def _json(body: dict[str, Any], status: int = 200) -> Response:
    return Response(json.dumps(body), status, content_type="application/json")


@contextmanager
def running_fake_oauth() -> Iterator[FakeOAuth]:
    """The fake providers, running until the block ends."""
    fake = FakeOAuth()
    try:
        yield fake
    finally:
        fake.close()


@pytest.fixture(scope="session")
def fake_oauth() -> Iterator[FakeOAuth]:
    """The fake providers for the whole test session (import this fixture into a test module)."""
    with running_fake_oauth() as fake:
        yield fake
