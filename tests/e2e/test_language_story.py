"""Language follows the person, then the workspace, never only the browser.

(a) Someone whose browser is English chooses German in their account settings: the pages turn
German, stay German in a new English browser after signing in there, and a password reset asked
for on an English page arrives in German. (b) A member who chose nothing joins a workspace whose
language is German, in an English browser: the pages are German, and the record page writes its
dates the German way, in the workspace's timezone; its form shows and reads German dates, times
and numbers ("01.11.2026 09:00", "1.234,5"), though the browser is English.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import APIRequestContext, Browser, Page, expect

from tests.e2e.journeys import PASSWORD, sign_in, sign_up_and_confirm
from tests.e2e.shots import shot
from tests.e2e.stack import LoomStack

CHOOSER = "sprachwahl@example.com"
OWNER = "de-owner@example.com"
MEMBER = "de-member@example.com"
SLUG = "x-lager-berlin"


def _english_page(browser: Browser) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="en-US", timezone_id="UTC")
    opened = context.new_page()
    opened.set_default_timeout(15000)
    return opened


def _open_mail(stack: LoomStack, page: Page, to: str, subject: str) -> None:
    page.goto(stack.url + "/dev/mailbox")
    row = page.get_by_role("row").filter(has_text=to).filter(has_text=subject)
    expect(row).to_be_visible(timeout=30000)  # delivered by the Celery worker
    row.get_by_role("link").first.click()


def test_a_person_who_chose_german_sees_and_gets_german(stack: LoomStack, page: Page, browser: Browser) -> None:
    sign_up_and_confirm(stack, page, CHOOSER)
    sign_in(page, CHOOSER)  # the browser is English: so are the pages
    page.goto(stack.url + "/account")
    expect(page.get_by_role("heading", level=1, name="Account settings")).to_be_visible()
    expect(page.get_by_label("Your language")).to_have_value("")
    page.get_by_label("Your language").select_option("de")
    expect(page.get_by_role("heading", level=1, name="Kontoeinstellungen")).to_be_visible()
    expect(page.get_by_text("Ihre Sprache ist gespeichert.")).to_be_visible()

    # Another English browser, nothing saved in it: German once signed in, and after a reload.
    elsewhere = _english_page(browser)
    try:
        elsewhere.goto(stack.url + "/signin")
        elsewhere.get_by_label("Email").fill(CHOOSER)
        elsewhere.get_by_label("Password").fill(PASSWORD)
        elsewhere.get_by_role("button", name="Sign in").click()
        expect(elsewhere.get_by_role("heading", name="Ihre Arbeitsbereiche")).to_be_visible()
        elsewhere.reload()
        expect(elsewhere.get_by_role("heading", name="Ihre Arbeitsbereiche")).to_be_visible()
        expect(elsewhere.locator("html")).to_have_attribute("lang", "de")
    finally:
        elsewhere.context.close()

    # A security email asked for on an English page (signed out) is written in the chosen language.
    stranger = _english_page(browser)
    try:
        stranger.goto(stack.url + "/signin")
        stranger.get_by_role("link", name="Forgot your password?").click()
        stranger.get_by_label("Email").fill(CHOOSER)
        stranger.get_by_role("button", name="Send the link").click()
        expect(stranger.get_by_role("status")).to_contain_text(f"If an account uses {CHOOSER}")
        _open_mail(stack, stranger, CHOOSER, "Loom-Passwort zurücksetzen")
        expect(stranger.get_by_text("Neues Passwort wählen").first).to_be_visible()
        expect(stranger.get_by_text(re.compile("hoffentlich Sie"))).to_be_visible()
    finally:
        stranger.context.close()


def _api(request: APIRequestContext, stack: LoomStack, email: str) -> dict[str, str]:
    answer = request.post(stack.url + "/api/auth/login", data={"email": email, "password": PASSWORD})
    assert answer.ok, answer.text()
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def _post(request: APIRequestContext, url: str, headers: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
    answer = request.post(url, data=body, headers=headers)
    assert answer.ok, answer.text()
    result: dict[str, Any] = answer.json()
    return result


def test_a_member_without_a_choice_sees_the_german_workspace_in_german(
    stack: LoomStack, page: Page, browser: Browser
) -> None:
    # The owner sets up a German workspace with a record (through the API: not what is shown here).
    sign_up_and_confirm(stack, page, OWNER)
    owner = _api(page.request, stack, OWNER)
    api = stack.url + "/api/tenants"
    _post(
        page.request, api, owner, {"name": "Lager Berlin", "slug": SLUG, "timezone": "Europe/Berlin", "language": "de"}
    )
    columns = [
        {"key": "title", "label": "Title", "type": "text"},
        {"key": "due", "label": "Due", "type": "datetime"},
        {"key": "weight", "label": "Weight", "type": "decimal"},
    ]
    blueprint = _post(page.request, f"{api}/{SLUG}/blueprints", owner, {"name": "Parcel", "columns": columns})
    _post(
        page.request,
        f"{api}/{SLUG}/blueprints/{blueprint['key']}/publish",
        owner,
        {"lock_version": blueprint["lock_version"]},
    )
    record = _post(
        page.request,
        f"{api}/{SLUG}/entities",
        owner,
        {"blueprint": blueprint["key"], "data": {"title": "Books", "due": "2026-12-06T08:12:00Z", "weight": "1234.25"}},
    )
    _post(page.request, f"{api}/{SLUG}/invitations", owner, {"email": MEMBER, "role": "editor"})

    # The invitation is written in the workspace's language: the member has no account yet.
    member = _english_page(browser)
    try:
        _open_mail(stack, member, MEMBER, "hat Sie zu Lager Berlin auf Loom eingeladen")
        member.get_by_role("link", name=re.compile(r"invitations.[A-Za-z0-9_-]{20,}")).click()
        member.get_by_role("link", name="Create an account").click()
        member.get_by_label("Password").fill(PASSWORD)
        member.get_by_role("button", name="Create account").click()
        expect(member.get_by_role("heading", name="Check your email")).to_be_visible()
        _open_mail(stack, member, MEMBER, "Confirm your email for Loom")  # signed up in an English browser
        member.get_by_role("link", name=re.compile(r"api.auth.confirm.")).click()
        member.get_by_label("Email").fill(MEMBER)
        member.get_by_label("Password").fill(PASSWORD)
        member.get_by_role("button", name="Sign in").click()
        member.get_by_role("button", name="Join Lager Berlin").click()

        # In the workspace: German, though neither the browser nor the member asked for it.
        expect(member.get_by_role("link", name="Einstellungen")).to_be_visible()
        member.goto(f"{stack.url}/t/{SLUG}/b/{blueprint['key']}")
        row = member.get_by_role("row").filter(has_text="Books")
        expect(row).to_contain_text("06.12.2026, 09:12")  # Berlin's wall clock, German order
        expect(row).to_contain_text("1.234,25")
        shot(member, "lang-records-de", full_page=True)

        member.goto(f"{stack.url}/t/{SLUG}/e/{record['id']}")
        expect(member.get_by_text(re.compile(r"Angelegt \d\d\.\d\d\.\d{4}, \d\d:\d\d"))).to_be_visible()
        expect(member.locator("html")).to_have_attribute("lang", "de")
        shot(member, "lang-record-de", full_page=True)

        # The form writes and reads German, not the English browser's "12/06/2026, 09:12 AM".
        due = member.get_by_label("Due", exact=True)
        weight = member.get_by_label("Weight", exact=True)
        expect(due).to_have_value("06.12.2026 09:12")
        expect(due).to_have_attribute("placeholder", "TT.MM.JJJJ HH:MM")
        expect(weight).to_have_value("1.234,25")
        due.fill("01.11.2026")
        weight.click()
        expect(member.get_by_text("Geben Sie Datum und Uhrzeit als TT.MM.JJJJ HH:MM ein")).to_be_visible()
        due.fill("01.11.2026 09:00")
        weight.fill("1.234,5")
        member.get_by_role("button", name="Änderungen speichern").click()
        expect(member.get_by_text("Änderungen gespeichert")).to_be_visible()
        stored = member.request.get(f"{api}/{SLUG}/entities/{record['id']}", headers=owner)
        assert stored.ok, stored.text()
        data = stored.json()["data"]
        assert data["weight"] == "1234.5"
        assert data["due"].startswith("2026-11-01T08:00:00"), data  # 09:00 in Berlin's winter time
        member.reload()
        expect(member.get_by_label("Due", exact=True)).to_have_value("01.11.2026 09:00")
        expect(member.get_by_label("Weight", exact=True)).to_have_value("1.234,5")
        shot(member, "inputs-de-form", full_page=True)
    finally:
        member.context.close()
