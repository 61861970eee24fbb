"""Account emails: every one exists in every language Loom speaks, as HTML and plain text that say
the same thing, with the link and the values filled in."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.i18n import LANGUAGES
from runtime.mail.render import duration, render_email
from runtime.mail.texts import EMAILS, hook_disabled_reason
from runtime.translations import text


@pytest.mark.parametrize("language", sorted(LANGUAGES))
@pytest.mark.parametrize("template", sorted(EMAILS))
def test_each_email_renders_as_html_and_text(app, language, template):
    context = {
        "email": "ada@example.com",
        "reset_link": "https://loom.example/reset-password?token=T0K",
        "confirmation_link": "https://loom.example/api/auth/confirm/C0N",
        "topic": "Import",
        "message": "Line one\nline two",
        "codes_left": 7,
        "invitation_link": "https://loom.example/invitations/1NV",
        "inviter": "bob@example.com",
        "workspace": "Acme",
        "role": "an editor",
        "invitation_within": "7 days",
        "url": "https://hooks.example.com/loom",
        "reason": "The receiver answered 410 Gone, so the endpoint was disabled.",
        "hooks_link": "https://loom.example/t/acme/settings/integrations",
        "label": "Picked up",
        "flow": "Pickup",
        "record": "Books",
        "record_link": "https://loom.example/t/acme/e/0190",
        "account_link": "https://loom.example/account",
    }
    with app.test_request_context():
        email = render_email(template, language, **context)
    layout = EMAILS[template]
    assert email.subject and "{" not in email.subject
    assert email.subject == text(language, f"email.{template}.subject").format(**context)
    assert f'lang="{language}"' in email.html
    paragraphs = "".join(text(language, key) for key in layout.before + layout.after)
    for rendered in (email.text, email.html):
        assert "{" not in rendered.replace("{%", ""), rendered  # every field was filled in
        assert "ada@example.com" in rendered or "{email}" not in paragraphs
        if layout.link:
            button = text(language, f"email.{template}.button").format(**context)
            assert context[layout.link] in rendered and button in rendered


def test_unknown_languages_fall_back_to_english(app):
    with app.test_request_context():
        assert render_email("reset_notice", "fr", email="a@example.com").subject == "Your Loom password was reset"
        assert (
            render_email("reset_notice", "de", email="a@example.com").subject == "Ihr Loom-Passwort wurde zurückgesetzt"
        )


def test_link_lifetimes_are_written_out():
    assert duration(timedelta(hours=2), "en") == "2 hours"
    assert duration(timedelta(days=3), "de") == "3 Tage"
    assert duration(timedelta(hours=1), "de") == "1 Stunde"
    assert duration(timedelta(minutes=90), "en") == "90 minutes"


def test_a_disabled_hook_is_explained_in_the_owners_language():
    assert hook_disabled_reason("de", "failing", 5) == "Jede Zustellung dorthin ist 5 Tage lang fehlgeschlagen."
    assert "410 Gone" in hook_disabled_reason("en", "gone", 5)
    assert "410 Gone" in hook_disabled_reason("de", "gone", 5)
    assert hook_disabled_reason("fr", "failing", 3) == "Every delivery to it failed for 3 days."
    assert hook_disabled_reason("en", "failing", 1) == "Every delivery to it failed for 1 day."
