"""An owner invites a colleague by email; the colleague, new to Loom, signs up from the link and
joins as an editor, sees only what an editor can do, and the owner finds both in the activity log."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.journeys import PASSWORD, create_workspace, sign_in, sign_up_and_confirm
from tests.e2e.stack import LoomStack

OWNER = "team-owner@example.com"
COLLEAGUE = "team-colleague@example.com"


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Account menu").click()
    page.get_by_role("menuitem", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def _open_mail(stack: LoomStack, page: Page, to: str, subject: str) -> None:
    page.goto(stack.url + "/dev/mailbox")
    row = page.get_by_role("row").filter(has_text=to).filter(has_text=subject)
    expect(row).to_be_visible(timeout=30000)  # delivered by the Celery worker
    row.get_by_role("link").first.click()


def test_invite_a_colleague_who_signs_up_and_joins_as_editor(stack: LoomStack, page: Page) -> None:
    sign_up_and_confirm(stack, page, OWNER)
    sign_in(page, OWNER)
    create_workspace(page, "X Team Shop")
    page.get_by_role("link", name="Settings").click()
    page.get_by_role("tab", name="Members").click()
    page.get_by_role("button", name="Invite someone").click()
    page.get_by_label("Email address").fill(COLLEAGUE)
    page.get_by_role("combobox", name="Role", exact=True).click()
    page.get_by_role("option", name="Editor · Works with records and the inbox").click()
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text(f"{COLLEAGUE} · Editor")).to_be_visible()
    _sign_out(page)

    # The colleague opens the link in the email, has no account yet, and creates one.
    _open_mail(stack, page, COLLEAGUE, f"{OWNER} invited you to X Team Shop on Loom")
    page.get_by_role("link", name=re.compile(r"invitations.[A-Za-z0-9_-]{20,}")).click()
    expect(page.get_by_text(f"{OWNER} invited you to join X Team Shop as Editor.")).to_be_visible()
    page.get_by_role("link", name="Create an account").click()
    expect(page.get_by_label("Email")).to_have_value(COLLEAGUE)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    _open_mail(stack, page, COLLEAGUE, "Confirm your email for Loom")
    page.get_by_role("link", name=re.compile(r"api.auth.confirm.")).click()
    expect(page.get_by_text("Your email is confirmed. You can sign in now.")).to_be_visible()
    page.get_by_label("Email").fill(COLLEAGUE)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # Back on the invitation after signing in: one click to join.
    page.get_by_role("button", name="Join X Team Shop").click()
    expect(page.get_by_role("heading", name="X Team Shop", level=1)).to_be_visible()
    nav = page.get_by_role("navigation")
    expect(nav.get_by_role("link", name="Inbox")).to_be_visible()
    expect(nav.get_by_role("link", name="Flows")).to_have_count(0)
    # An editor may bring back a record they deleted: the Trash is open to them (records only).
    expect(nav.get_by_role("link", name="Trash")).to_be_visible()
    nav.get_by_role("link", name="Settings").click()
    expect(page.get_by_text("Only owners and admins can change these settings.")).to_be_visible()
    expect(page.get_by_role("tab", name="Activity")).to_have_count(0)
    _sign_out(page)

    # The owner sees who joined, and the invitation, in the activity log.
    sign_in(page, OWNER)
    page.get_by_role("link", name="X Team Shop").click()
    page.get_by_role("link", name="Settings").click()
    page.get_by_role("tab", name="Activity").click()
    expect(page.get_by_text(f"{COLLEAGUE} joined as Editor")).to_be_visible()
    expect(page.get_by_text(f"{OWNER} invited {COLLEAGUE} as Editor")).to_be_visible()
    page.get_by_role("combobox", name="Kind").click()
    page.get_by_role("option", name="Invitations", exact=True).click()
    expect(page.get_by_text(f"{COLLEAGUE} joined as Editor")).to_have_count(0)
    expect(page.get_by_text(f"{OWNER} invited {COLLEAGUE} as Editor")).to_be_visible()
