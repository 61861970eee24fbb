"""A person's language: empty until they choose one (GET/PATCH /api/account), and every email
written to them in the language runtime.mail.language picks: their choice, else the workspace the
email is about, else their first workspace, else their browser's at sign-up, else English."""

from __future__ import annotations

from sqlalchemy import select

from core import db
from core.identity.models import User
from core.mail.models import OutboxMessage
from tests.factories import bearer, confirm, create_tenant, register, sign_in, signed_in_user, unique_email

GERMAN_RESET = "Loom-Passwort zurücksetzen"
ENGLISH_RESET = "Reset your Loom password"


def _last_mail(email: str, template: str) -> OutboxMessage:
    db.session.rollback()
    mail = db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.recipient == email, OutboxMessage.template == template)
        .order_by(OutboxMessage.id.desc())
    ).first()
    assert mail is not None, f"no {template} mail to {email}"
    return mail


def _reset_subject(client, email: str) -> str:
    assert client.post("/api/auth/reset", json={"email": email}).status_code == 200
    return _last_mail(email, "reset_instructions").subject


def test_the_language_is_empty_until_chosen_and_only_a_spoken_one_is_taken(client):
    _, headers = signed_in_user(client, "chooser")
    assert client.get("/api/account", headers=headers).get_json()["language"] is None
    assert client.get("/api/auth/me", headers=headers).get_json()["language"] is None

    chosen = client.patch("/api/account", json={"language": "de"}, headers=headers)
    assert chosen.status_code == 200 and chosen.get_json()["language"] == "de"
    assert client.get("/api/auth/me", headers=headers).get_json()["language"] == "de"
    # Other settings stay as they were.
    assert client.get("/api/account", headers=headers).get_json()["notify_tasks"] is True

    for bad in ("fr", "", "DE", 7, ["de"]):
        refused = client.patch("/api/account", json={"language": bad}, headers=headers)
        assert refused.status_code == 422 and refused.mimetype == "application/problem+json", bad
        assert "language" in refused.get_json()["errors"], refused.get_json()
    assert client.get("/api/account", headers=headers).get_json()["language"] == "de"

    cleared = client.patch("/api/account", json={"language": None}, headers=headers)
    assert cleared.status_code == 200 and cleared.get_json()["language"] is None


def test_security_emails_follow_the_choice_over_the_workspace(client):
    email, headers = signed_in_user(client, "choosy")
    create_tenant(client, headers, "lang-en-home", language="en")
    assert _reset_subject(client, email) == ENGLISH_RESET  # the workspace's, nothing chosen

    client.patch("/api/account", json={"language": "de"}, headers=headers)
    assert _reset_subject(client, email) == GERMAN_RESET
    client.patch("/api/account", json={"language": "en"}, headers=headers)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "de-DE,de;q=0.9"
    assert _reset_subject(client, email) == ENGLISH_RESET  # a choice beats the browser too


def test_without_a_choice_the_first_workspace_speaks(client):
    email, headers = signed_in_user(client, "member")
    create_tenant(client, headers, "lang-de-first", language="de")
    create_tenant(client, headers, "lang-en-second", language="en")
    assert _reset_subject(client, email) == GERMAN_RESET


def test_without_a_choice_or_a_workspace_the_sign_up_browser_speaks(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "de-CH,de;q=0.9,en;q=0.5"
    german = register(client, unique_email("browser-de"))
    assert "Bestätigen Sie" in _last_mail(german, "welcome").subject
    assert db.session.scalars(select(User).where(User.email == german)).one().signup_language == "de"

    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en-US,en;q=0.9"
    english = register(client, unique_email("browser-en"))
    assert _last_mail(english, "welcome").subject == "Confirm your email for Loom"
    confirm(client, german)
    assert _reset_subject(client, german) == GERMAN_RESET  # today's browser does not matter

    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr-FR"
    unknown = register(client, unique_email("browser-fr"))
    assert _last_mail(unknown, "welcome").subject == "Confirm your email for Loom"


def test_an_email_about_a_workspace_speaks_its_language_unless_the_person_chose(client):
    invitations = "/api/tenants/lang-de-team/invitations"
    _, owner = signed_in_user(client, "de-owner")
    create_tenant(client, owner, "lang-de-team", language="de")
    guest, guest_headers = signed_in_user(client, "guest")
    create_tenant(client, guest_headers, "lang-en-own", language="en")

    invited = client.post(
        "/api/tenants/lang-de-team/invitations", json={"email": guest, "role": "editor"}, headers=owner
    )
    assert invited.status_code == 201, invited.get_json()
    mail = _last_mail(guest, "invitation")
    assert "eingeladen" in mail.subject and "Bearbeiter" in mail.text_body
    assert _reset_subject(client, guest) == ENGLISH_RESET  # not about that workspace: their first one

    client.patch("/api/account", json={"language": "en"}, headers=guest_headers)
    client.post(invitations, json={"email": guest, "role": "viewer"}, headers=owner)
    assert "invited you" in _last_mail(guest, "invitation").subject

    stranger = unique_email("stranger")  # no account yet: the workspace's language
    client.post(invitations, json={"email": stranger, "role": "viewer"}, headers=owner)
    assert "eingeladen" in _last_mail(stranger, "invitation").subject


def test_two_step_sign_in_emails_speak_the_chosen_language(client):
    from tests.factories import set_up_two_factor

    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en-US"
    email = register(client, unique_email("twofa"))
    confirm(client, email)
    headers = bearer(sign_in(client, email))
    client.patch("/api/account", json={"language": "de"}, headers=headers)
    set_up_two_factor(client, headers)
    assert _last_mail(email, "two_factor_on").subject == "Die Anmeldung in zwei Schritten ist für Ihr Loom-Konto an"
