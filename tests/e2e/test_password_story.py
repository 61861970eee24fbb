"""Someone forgets their password, resets it from the captured email, and signs in with the new one;
the link works once."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.journeys import sign_up_and_confirm
from tests.e2e.stack import LoomStack

NEW_PASSWORD = "a brand new passphrase for loom 7"


def test_reset_a_forgotten_password_from_the_email(stack: LoomStack, page: Page) -> None:
    email = "forgetful@example.com"
    sign_up_and_confirm(stack, page, email)

    page.get_by_role("link", name="Forgot your password?").click()
    expect(page.get_by_role("heading", name="Reset your password")).to_be_visible()
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("status")).to_contain_text(f"If an account uses {email}")

    page.goto(stack.url + "/dev/mailbox")
    row = page.get_by_role("row").filter(has_text="Reset your Loom password").filter(has_text=email)
    expect(row).to_be_visible(timeout=30000)  # delivered by the Celery worker
    row.get_by_role("link").first.click()
    link = page.get_by_role("link", name=re.compile(r"api.auth.reset.")).first
    reset_url = link.get_attribute("href")
    assert reset_url
    link.click()

    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    page.get_by_label("New password").fill("password123456")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_label("New password")).to_have_accessible_description(re.compile(r"\S{4}"))
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_text("Your password is changed. Sign in with the new one.")).to_be_visible()

    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your workspaces")).to_be_visible()

    # The link worked once: opened again, it explains and offers a new one.
    page.goto(reset_url)
    expect(page.get_by_role("heading", name="Reset your password")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("was already used")
