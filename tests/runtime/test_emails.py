"""Account emails: every one exists in every language Loom speaks, as HTML and plain text that say
the same thing, with the link and the values filled in."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.i18n import LANGUAGES
from runtime.mail.render import duration, render_email
from runtime.mail.texts import CATALOG


def test_every_email_is_written_in_every_language():
    assert set(CATALOG) == set(LANGUAGES)
    english = set(CATALOG["en"])
    for language, emails in CATALOG.items():
        assert set(emails) == english, language


@pytest.mark.parametrize("language", sorted(LANGUAGES))
@pytest.mark.parametrize("template", sorted(CATALOG["en"]))
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
    text = CATALOG[language][template]
    assert email.subject and "{" not in email.subject
    assert f'lang="{language}"' in email.html
    for rendered in (email.text, email.html):
        assert "{" not in rendered.replace("{%", ""), rendered  # every field was filled in
        assert "ada@example.com" in rendered or "{email}" not in "".join(text.before + text.after)
        if text.link:
            assert context[text.link] in rendered and text.button.format(**context) in rendered


def test_unknown_languages_fall_back_to_english(app):
    with app.test_request_context():
        assert render_email("reset_notice", "fr", email="a@example.com").subject == "Your Loom password was reset"


def test_link_lifetimes_are_written_out():
    assert duration(timedelta(hours=2), "en") == "2 hours"
    assert duration(timedelta(days=3), "de") == "3 Tage"
    assert duration(timedelta(hours=1), "de") == "1 Stunde"
    assert duration(timedelta(minutes=90), "en") == "90 minutes"


def test_a_disabled_hook_is_explained_in_the_owners_language():
    from runtime.mail.texts import HOOK_DISABLED_REASONS, hook_disabled_reason

    assert all(set(reasons) == {"gone", "failing"} for reasons in HOOK_DISABLED_REASONS.values())
    assert set(HOOK_DISABLED_REASONS) == set(LANGUAGES)
    assert hook_disabled_reason("de", "failing", 5) == "Jede Zustellung dorthin ist 5 Tage lang fehlgeschlagen."
    assert "410 Gone" in hook_disabled_reason("en", "gone", 5)
    assert hook_disabled_reason("fr", "failing", 3) == "Every delivery to it failed for 3 days."
