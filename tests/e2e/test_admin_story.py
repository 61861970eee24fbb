"""The super admin's first day: Loom's first start printed the initial password; the admin signs
in at /admin/login, is walked through a new password, the email confirmation (the dev mailbox
plays the inbox) and two-step sign-in, then finds a customer's workspace and a record in it,
changes the record, and sees what they did in the audit log."""

from __future__ import annotations

import re
import time

import pyotp
from playwright.sync_api import Browser, Page, expect

from tests.e2e.axe import axe_problems
from tests.e2e.journeys import PASSWORD, sign_in, sign_up_and_confirm
from tests.e2e.stack import LoomStack

ADMIN = "admin@loom.example"
OWNER = "admin-story-owner@example.com"
NEW_PASSWORD = "the admin's own passphrase 77"


def _customer_with_a_record(stack: LoomStack, browser: Browser, page: Page) -> None:
    """A customer's workspace with a published blueprint and one record, made through the API."""
    sign_up_and_confirm(stack, page, OWNER)
    context = browser.new_context(base_url=stack.url)  # its own cookies: the customer's session stays out of the page
    try:
        api = context.request
        login = api.post("/api/auth/login", data={"email": OWNER, "password": PASSWORD})
        assert login.ok, login.text()
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        created = api.post(
            "/api/tenants",
            data={"name": "Harbour Stock", "slug": "harbour-stock", "timezone": "Europe/Berlin", "language": "en"},
            headers=headers,
        )
        assert created.ok, created.text()
        columns = [
            {"key": "space", "label": "Space", "type": "text"},
            {"key": "qty", "label": "Quantity", "type": "integer"},
        ]
        blueprint = api.post(
            "/api/tenants/harbour-stock/blueprints", data={"name": "Pallet", "columns": columns}, headers=headers
        )
        assert blueprint.ok, blueprint.text()
        published = api.post(
            "/api/tenants/harbour-stock/blueprints/pallet/publish",
            data={"lock_version": blueprint.json()["lock_version"]},
            headers=headers,
        )
        assert published.ok, published.text()
        record = api.post(
            "/api/tenants/harbour-stock/entities",
            data={"blueprint": "pallet", "data": {"space": "Dock 3", "qty": 12}},
            headers=headers,
        )
        assert record.ok, record.text()
    finally:
        context.close()


def _open_latest_mail(stack: LoomStack, page: Page, to: str) -> None:
    page.goto(stack.url + "/dev/mailbox")
    row = page.get_by_role("row").filter(has_text=to).filter(has_text="confirmation link")
    expect(row.first).to_be_visible(timeout=30000)  # delivered by the Celery worker
    row.first.get_by_role("link").first.click()


def test_first_start_admin_hardens_the_account_then_edits_a_customer_record(
    stack: LoomStack, browser: Browser, page: Page
) -> None:
    initial = stack.admin_password()
    assert initial, "the first start prints the admin's initial password"
    _customer_with_a_record(stack, browser, page)

    page.goto(stack.url + "/admin/login")
    expect(page.get_by_role("heading", name="Loom administration")).to_be_visible()
    page.get_by_label("Email").fill(ADMIN)
    page.get_by_label("Password").fill(initial)
    page.get_by_role("button", name="Sign in").click()

    # 1. A new password.
    expect(page.get_by_role("heading", name="Secure your administrator account")).to_be_visible()
    page.get_by_label("Current password").fill(initial)
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change password").click()

    # 2. The email address, confirmed from the mail (opened in another tab, as from a mail client).
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("status")).to_contain_text(f"Sent to {ADMIN}")
    mail = page.context.new_page()
    _open_latest_mail(stack, mail, ADMIN)
    mail.get_by_role("link", name=re.compile(r"api.auth.confirm.")).click()
    expect(mail.get_by_text("Your email is confirmed.")).to_be_visible()
    mail.close()

    # 3. Two-step sign-in; the page noticed the confirmation by itself.
    key = page.get_by_label("Key for your authenticator app")
    expect(key).to_be_visible(timeout=15000)
    secret = key.inner_text().replace(" ", "")
    page.get_by_label("Code from the app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    page.get_by_label("I have saved my recovery codes").check()
    page.get_by_role("button", name="Continue").click()

    # The back office: find the customer, their workspace, and the record. Each of its pages
    # passes axe (no critical or serious violation), as the workspace pages do.
    readable: dict[str, list[str]] = {}
    expect(page.get_by_role("heading", name="Users")).to_be_visible()
    readable["users"] = axe_problems(page)
    page.get_by_label("Search by email").fill("admin-story")
    page.get_by_role("link", name=OWNER).click()
    expect(page.get_by_role("heading", name=OWNER)).to_be_visible()
    readable["user"] = axe_problems(page)
    page.get_by_role("link", name="Harbour Stock").click()
    expect(page.get_by_role("heading", name="Harbour Stock")).to_be_visible()
    readable["workspace"] = axe_problems(page)
    page.get_by_role("link", name="Pallet").click()
    page.get_by_role("link", name="Dock 3").click()
    readable["record"] = axe_problems(page)
    page.get_by_label("Space").fill("Dock 4")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Saved. The change is in the audit log.")).to_be_visible()
    expect(page.get_by_role("heading", name="Dock 4")).to_be_visible()

    # Both are in the audit log, as done by this admin: opening the record and changing it.
    page.get_by_role("link", name="Audit log").click()
    log = page.get_by_role("table", name="Audit log")
    expect(log.get_by_text(f"{ADMIN} (Loom admin) changed a Pallet record")).to_be_visible()
    expect(log.get_by_text(f"{ADMIN} (Loom admin) opened a Pallet record").first).to_be_visible()
    readable["audit log"] = axe_problems(page)

    # The workspace's owner sees the same in their own activity log.
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Loom administration")).to_be_visible()
    page.goto(stack.url + "/signin")
    sign_in(page, OWNER)
    page.goto(stack.url + "/t/harbour-stock/settings/activity")
    expect(page.get_by_text(f"{ADMIN} (Loom admin) changed a Pallet record")).to_be_visible()

    # The next admin sign-in asks for the app's code (the next step's: a code is good once).
    page.goto(stack.url + "/admin/login")
    page.get_by_label("Email").fill(ADMIN)
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code from the app").fill(pyotp.TOTP(secret).at(time.time() + 30))
    page.get_by_role("button", name="Verify and sign in").click()
    expect(page.get_by_role("heading", name="Users")).to_be_visible()

    # Mail that could not be delivered has a page of its own; today there is none.
    page.get_by_role("link", name="Mail").click()
    expect(page.get_by_role("heading", name="Mail", exact=True)).to_be_visible()
    expect(page.get_by_text("No undelivered mail")).to_be_visible()
    readable["mail"] = axe_problems(page)
    for link in ("Workspaces", "Background jobs", "Hooks"):
        page.get_by_role("link", name=link, exact=True).click()
        expect(page.get_by_role("heading", name=link).first).to_be_visible()
        page.wait_for_load_state("networkidle")
        readable[link] = axe_problems(page)
    problems = {where: lines for where, lines in readable.items() if lines}
    assert not problems, "\n".join(f"{where}:\n    " + "\n    ".join(lines) for where, lines in problems.items())
