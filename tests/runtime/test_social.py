"""Sign-in, sign-up and linking with Google and Facebook, against local fake providers that speak
OAuth 2 over real HTTP (tests/support/fake_oauth.py). The browser's part is played by the test
client (Loom's side) and ``fake.sign_in`` (the provider's page)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import func, select

from core import clock, db
from core.config import ConfigError, check_production
from core.identity.models import User
from core.identity.social import SocialIdentity
from core.mail.models import OutboxMessage
from core.social_providers import read_social_providers
from tests.factories import set_up_two_factor, signed_in_user, unique_email
from tests.support.fake_oauth import FakeOAuth, running_fake_oauth

BASE = "http://127.0.0.1:5000"
REFRESH_COOKIE = "loom_refresh"
LAST_WAY_IN = (
    "This is the only way into your account. Set a password first (use “Forgot your password?” "
    "on the sign-in page), or link another account."
)


@pytest.fixture(scope="module")
def running() -> FakeOAuth:
    with running_fake_oauth() as fake:
        yield fake


@pytest.fixture()
def fake(app, running):
    """The app talks to the fake providers, as LOOM_GOOGLE_* / LOOM_FACEBOOK_* would make it."""
    settings = app.config["LOOM"]
    app.config["LOOM"] = dataclasses.replace(settings, social_providers=read_social_providers(running.env()))
    clock.reset()
    yield running
    clock.reset()
    app.config["LOOM"] = settings


def _start(client, provider="google", headers=None, **body):
    response = client.post(f"/api/auth/social/{provider}/start", json=body or {"intent": "signin"}, headers=headers)
    assert response.status_code == 200, response.get_json()
    url = response.get_json()["authorize_url"]
    assert url.startswith(f"{client.application.config['LOOM'].social_providers[provider].authorize_url}?")
    return url


def _come_back(client, callback_url):
    """The browser arrives at Loom's callback; where Loom sends it on (path, query)."""
    parts = urlsplit(callback_url)
    assert f"{parts.scheme}://{parts.netloc}" == BASE and parts.path.startswith("/api/auth/social/")
    response = client.get(parts.path, query_string=parts.query)
    assert response.status_code == 302, response.data
    assert response.headers["Cache-Control"] == "no-store"
    location = urlsplit(response.headers["Location"])
    assert f"{location.scheme}://{location.netloc}" == BASE
    return location.path, {k: v[0] for k, v in parse_qs(location.query).items()}


def _social(client, fake, provider="google", *, email, sub=None, headers=None, **body):
    """Sign in (or link, with ``intent``) at the provider; where Loom lands the browser."""
    url = _start(client, provider, headers, **({"intent": "signin"} | body))
    return _come_back(client, fake.sign_in(url, email=email, sub=sub))


def _access(client):
    """What the webapp does after landing: trade the refresh cookie for an access token."""
    response = client.post("/api/auth/refresh", json={})
    assert response.status_code == 200, response.get_json()
    return {"Authorization": f"Bearer {response.get_json()['access_token']}"}


def _refresh_cookie(client):
    return client.get_cookie(REFRESH_COOKIE, path="/api/auth")


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def _identities(email):
    user = db.session.scalars(select(User).where(User.email == email)).one()
    return {
        (i.provider, i.subject)
        for i in db.session.scalars(select(SocialIdentity).where(SocialIdentity.user_id == user.id))
    }


def test_meta_lists_the_enabled_providers(app, client, fake):
    assert client.get("/api/meta").get_json()["social_providers"] == [
        {"name": "google", "label": "Google"},
        {"name": "facebook", "label": "Facebook"},
    ]
    only_google = {k: v for k, v in fake.env().items() if "FACEBOOK" not in k}
    app.config["LOOM"] = dataclasses.replace(app.config["LOOM"], social_providers=read_social_providers(only_google))
    assert client.get("/api/meta").get_json()["social_providers"] == [{"name": "google", "label": "Google"}]
    refused = client.post("/api/auth/social/facebook/start", json={"intent": "signin"})
    assert refused.status_code == 404 and refused.mimetype == "application/problem+json"
    app.config["LOOM"] = dataclasses.replace(app.config["LOOM"], social_providers={})
    assert client.get("/api/meta").get_json()["social_providers"] == []


def test_signing_up_with_google_makes_a_confirmed_user_and_signs_in(client, fake):
    email = unique_email("google")
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "de-DE,de;q=0.9,en;q=0.5"
    landed = _social(client, fake, email=email, sub="g-1001", next="/tenants?tab=all")
    assert landed == ("/tenants", {"tab": "all"})
    assert _refresh_cookie(client) is not None

    me = client.get("/api/auth/me", headers=_access(client)).get_json()
    assert me["email"] == email and me["confirmed_at"] is not None and me["language"] is None  # nobody chose yet
    assert me["two_factor"]["prompt"] is True
    user = db.session.get(User, me["id"])
    assert user.signup_language == "de"  # the browser's, for emails until they choose
    assert user.password is None and user.login_count == 1
    assert _identities(email) == {("google", "g-1001")}


def test_signing_in_again_finds_the_same_user_by_the_account_not_the_email(app, client, fake):
    email = unique_email("again")
    _social(client, fake, email=email, sub="g-2002")
    first = client.get("/api/auth/me", headers=_access(client)).get_json()["id"]
    users = _count(User)

    other_browser = app.test_client()
    landed = _social(other_browser, fake, email=unique_email("renamed"), sub="g-2002")
    assert landed == ("/", {})
    assert other_browser.get("/api/auth/me", headers=_access(other_browser)).get_json()["id"] == first
    assert _count(User) == users


def test_an_unlinked_account_with_a_users_email_is_not_let_in(client, fake):
    email, _ = signed_in_user(client, "owner")
    users, identities = _count(User), _count(SocialIdentity)
    client.delete_cookie(REFRESH_COOKIE, path="/api/auth")
    landed = _social(client, fake, email=email.upper(), sub="g-3003")
    assert landed == ("/signin", {"social_error": "email_exists", "provider": "google"})
    assert (_count(User), _count(SocialIdentity)) == (users, identities)
    assert _refresh_cookie(client) is None


@pytest.mark.parametrize("provider", ["google", "facebook"])
def test_an_account_without_a_verified_email_cannot_sign_up(client, fake, provider):
    users = _count(User)
    url = _start(client, provider)
    landed = _come_back(client, fake.sign_in(url, email=unique_email("unverified"), email_verified="0"))
    assert landed == ("/signin", {"social_error": "no_email", "provider": provider})
    assert _come_back(client, fake.sign_in(_start(client, provider), email=None, sub="x-1"))[1]["social_error"] == (
        "no_email"
    )
    assert _count(User) == users


def test_linking_facebook_while_signed_in_then_signing_in_with_it(app, client, fake):
    email, headers = signed_in_user(client, "linker")
    assert client.post("/api/auth/social/facebook/start", json={"intent": "link"}).status_code == 401
    landed = _social(
        client, fake, "facebook", email="someone@facebook.example", sub="fb-4004", headers=headers, intent="link"
    )
    assert landed == ("/account", {"linked": "facebook"})

    listed = client.get("/api/auth/social", headers=headers).get_json()
    assert listed["has_password"] is True
    assert [(i["provider"], i["email"]) for i in listed["items"]] == [("facebook", "someone@facebook.example")]
    assert listed["items"][0]["created_at"]

    elsewhere = app.test_client()
    assert _social(elsewhere, fake, "facebook", email="someone@facebook.example", sub="fb-4004") == ("/", {})
    assert elsewhere.get("/api/auth/me", headers=_access(elsewhere)).get_json()["email"] == email


def test_linking_an_account_that_someone_else_has_changes_nothing(app, client, fake):
    taken_by = app.test_client()
    _social(taken_by, fake, email=unique_email("first"), sub="g-5005")
    email, headers = signed_in_user(client, "second")

    landed = _social(client, fake, email="whatever@example.com", sub="g-5005", headers=headers, intent="link")
    assert landed == ("/account", {"social_error": "taken", "provider": "google"})
    assert _identities(email) == set()

    assert _social(client, fake, email="mine@example.com", sub="g-5006", headers=headers, intent="link")[1] == {
        "linked": "google"
    }
    again = _social(client, fake, email="mine@example.com", sub="g-5006", headers=headers, intent="link")
    assert again == ("/account", {"linked": "google"})
    second = _social(client, fake, email="mine@example.com", sub="g-5007", headers=headers, intent="link")
    assert second == ("/account", {"social_error": "already_linked", "provider": "google"})
    assert _identities(email) == {("google", "g-5006")}


def test_unlinking_and_never_the_last_way_in(client, fake):
    email = unique_email("only")
    _social(client, fake, email=email, sub="g-6006")
    headers = _access(client)

    refused = client.delete("/api/auth/social/google", headers=headers)
    assert refused.status_code == 409 and refused.mimetype == "application/problem+json"
    assert refused.get_json()["detail"] == LAST_WAY_IN
    assert _identities(email) == {("google", "g-6006")}

    _social(client, fake, "facebook", email=email, sub="fb-6006", headers=headers, intent="link")
    assert client.delete("/api/auth/social/google", headers=headers).status_code == 204
    assert client.delete("/api/auth/social/google", headers=headers).status_code == 404
    assert client.delete("/api/auth/social/facebook", headers=headers).status_code == 409
    listed = client.get("/api/auth/social", headers=headers).get_json()
    assert listed == {"items": [listed["items"][0]], "has_password": False}
    assert listed["items"][0]["provider"] == "facebook"

    # What the refusal suggests works: a reset link sets a password, and then the last one can go.
    client.post("/api/auth/reset", json={"email": email})
    mails = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.recipient == email).order_by(OutboxMessage.id)
    ).all()
    assert [m.subject for m in mails] == ["Reset your Loom password"]


def test_a_password_user_can_unlink_the_only_linked_account(client, fake):
    email, headers = signed_in_user(client, "withpw")
    _social(client, fake, email="x@example.com", sub="g-7007", headers=headers, intent="link")
    assert client.delete("/api/auth/social/google", headers=headers).status_code == 204
    assert _identities(email) == set()


def test_another_users_token_sees_and_unlinks_nothing_of_mine(app, client, fake):
    email = unique_email("mine")
    _social(client, fake, email=email, sub="g-8008")
    _, intruder = signed_in_user(app.test_client(), "intruder")
    assert app.test_client().get("/api/auth/social", headers=intruder).get_json() == {"items": [], "has_password": True}
    assert client.delete("/api/auth/social/google", headers=intruder).status_code == 404
    assert client.get("/api/auth/social").status_code == 401
    assert _identities(email) == {("google", "g-8008")}


def test_with_two_factor_google_sign_in_needs_the_code_before_any_token(app, client, fake):
    email = unique_email("tf")
    _social(client, fake, email=email, sub="g-9009")
    headers = _access(client)
    totp, codes = set_up_two_factor(client, headers)

    for second_factor in ("tf-validate", "mf-recovery"):
        browser = app.test_client()
        landed = _social(browser, fake, email=email, sub="g-9009", next="/tenants")
        assert landed == ("/signin", {"step": "two-factor", "next": "/tenants"})
        assert _refresh_cookie(browser) is None
        assert browser.post("/api/auth/refresh", json={}).status_code == 401

        code = totp.now() if second_factor == "tf-validate" else codes[0]
        passed = browser.post(f"/api/auth/{second_factor}", json={"code": code})
        assert passed.status_code == 200, passed.get_json()
        token = {"Authorization": f"Bearer {passed.get_json()['access_token']}"}
        assert browser.get("/api/auth/me", headers=token).get_json()["email"] == email
        assert _refresh_cookie(browser) is not None


def test_cancelling_at_the_provider_changes_nothing(client, fake):
    users, identities = _count(User), _count(SocialIdentity)
    assert _come_back(client, fake.cancel(_start(client))) == (
        "/signin",
        {"social_error": "cancelled", "provider": "google"},
    )
    _, headers = signed_in_user(client, "canceller")
    url = _start(client, "facebook", headers, intent="link")
    assert _come_back(client, fake.cancel(url)) == ("/account", {"social_error": "cancelled", "provider": "facebook"})
    assert (_count(User), _count(SocialIdentity)) == (users + 1, identities)


def test_a_wrong_late_or_foreign_state_and_a_used_code_fail_and_change_nothing(app, client, fake):
    users = _count(User)
    callback = fake.sign_in(_start(client), email=unique_email("state"), sub="g-1111")
    forged = callback.replace("state=", "state=x")
    assert _come_back(client, forged) == ("/signin", {"social_error": "failed", "provider": "google"})
    assert _come_back(client, callback)[1]["social_error"] == "failed"  # the state was used up

    callback = fake.sign_in(_start(client), email=unique_email("state"), sub="g-1112")
    assert _come_back(app.test_client(), callback)[1]["social_error"] == "failed"  # another browser

    callback = fake.sign_in(_start(client), email=unique_email("state"), sub="g-1113")
    clock.travel(timedelta(minutes=16))
    assert _come_back(client, callback)[1]["social_error"] == "failed"  # too late
    clock.reset()

    used = fake.sign_in(_start(client), email=unique_email("state"), sub="g-1114")
    assert _come_back(client, used) == ("/", {})
    state = parse_qs(urlsplit(fake.sign_in(_start(client), email="x@example.com")).query)["state"][0]
    replayed = used.split("&state=")[0] + f"&state={state}"
    assert _come_back(client, replayed) == ("/signin", {"social_error": "failed", "provider": "google"})
    assert _count(User) == users + 1


def test_next_is_only_ever_a_path_on_loom(client, fake):
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example", "tenants"):
        assert _social(client, fake, email=unique_email("next"), next=target) == ("/", {})


def test_a_deactivated_user_cannot_sign_in(client, fake):
    email = unique_email("off")
    _social(client, fake, email=email, sub="g-1212")
    db.session.scalars(select(User).where(User.email == email)).one().active = False
    db.session.flush()
    client.delete_cookie(REFRESH_COOKIE, path="/api/auth")
    assert _social(client, fake, email=email, sub="g-1212") == (
        "/signin",
        {"social_error": "disabled", "provider": "google"},
    )
    assert _refresh_cookie(client) is None


def test_the_two_factor_deadline_still_holds_after_a_social_sign_in(app, client, fake):
    email = unique_email("late")
    _social(client, fake, email=email, sub="g-1313")
    clock.travel(timedelta(days=31))
    browser = app.test_client()
    _social(browser, fake, email=email, sub="g-1313")
    headers = _access(browser)
    assert browser.get("/api/auth/me", headers=headers).get_json()["two_factor"]["required"] is True
    refused = browser.get("/api/tenants", headers=headers)
    assert refused.status_code == 403 and refused.get_json()["required_step"] == "two_factor_setup"
    assert browser.get("/api/auth/social", headers=headers).status_code == 403
    assert browser.post("/api/auth/social/facebook/start", json={"intent": "link"}, headers=headers).status_code == 403


def test_the_openapi_document_lists_the_social_endpoints(client):
    paths = client.get("/api/openapi.json").get_json()["paths"]
    assert {"/api/auth/social", "/api/auth/social/{provider}", "/api/auth/social/{provider}/start"} <= set(paths)
    assert "302" in paths["/api/auth/social/{provider}/callback"]["get"]["responses"]


def test_a_half_configured_provider_is_refused_at_start():
    with pytest.raises(ConfigError, match="LOOM_GOOGLE_CLIENT_SECRET"):
        read_social_providers({"LOOM_GOOGLE_CLIENT_ID": "id-only"})


def test_production_refuses_provider_endpoints_without_https(app, fake):
    secure = dataclasses.replace(
        app.config["LOOM"],
        env="production",
        secret_key="s" * 40,
        password_salt="p" * 20,
        mail_backend="smtp",
        base_url="https://loom.example",
        storage_dir_shared=True,
        social_providers=read_social_providers(fake.env()),
    )
    with pytest.raises(ConfigError, match="LOOM_GOOGLE_AUTHORIZE_URL must be an https:// address"):
        check_production(secure)
    defaults = {k: v for k, v in fake.env().items() if k.endswith(("_ID", "_SECRET"))}
    check_production(dataclasses.replace(secure, social_providers=read_social_providers(defaults)))
