"""Someone deletes their account from the settings; afterwards signing in fails like for any
unknown address, and the confirmation email arrives."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.journeys import PASSWORD, create_workspace, sign_in, sign_up_and_confirm
from tests.e2e.stack import LoomStack


def test_delete_the_account_then_fail_to_sign_in(stack: LoomStack, page: Page) -> None:
    email = "leaving@example.com"
    sign_up_and_confirm(stack, page, email)
    sign_in(page, email)
    create_workspace(page, "X Leaving Shop")

    page.get_by_role("button", name="Account menu").click()
    page.get_by_role("menuitem", name="Account settings").click()
    section = page.get_by_role("region", name="Delete my account")
    section.get_by_role("button", name="Delete my account…").click()
    dialog = page.get_by_role("dialog", name="Delete your account for good?")
    dialog.get_by_label("Your password").fill("not my password at all")
    dialog.get_by_label("I understand that this cannot be undone").check()
    dialog.get_by_role("button", name="Delete my account for good").click()
    expect(dialog.get_by_label("Your password")).not_to_have_accessible_description("")
    dialog.get_by_label("Your password").fill(PASSWORD)
    dialog.get_by_role("button", name="Delete my account for good").click()
    expect(page.get_by_text("Your account is being deleted.")).to_be_visible()

    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert").filter(has_text="The email or password is not right.")).to_be_visible()

    page.goto(stack.url + "/dev/mailbox")
    row = page.get_by_role("row").filter(has_text="Your Loom account is deleted")
    expect(row).to_be_visible(timeout=30000)  # the background job finished and the worker sent it
