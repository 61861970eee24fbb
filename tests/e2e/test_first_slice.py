"""A newcomer signs up, confirms from the captured mail, signs in, creates a tenant and sees it."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.journeys import sign_in, sign_up_and_confirm
from tests.e2e.stack import LoomStack

PASSWORD = "correct horse battery staple 42"


def test_sign_up_confirm_sign_in_and_create_a_tenant(stack: LoomStack, page: Page) -> None:
    email = "newcomer@example.com"
    page.goto(stack.url + "/")
    expect(page.get_by_role("heading", name="Sign in to Loom")).to_be_visible()
    page.get_by_role("link", name="Create an account").click()
    sign_up_and_confirm(stack, page, email)
    sign_in(page, email)

    expect(page.get_by_text("You have no workspaces yet")).to_be_visible()
    page.get_by_role("button", name="Create your first workspace").click()
    expect(page.get_by_role("heading", name="New workspace")).to_be_visible()
    page.get_by_label("Name").fill("X Courier Network")
    expect(page.get_by_label("Slug")).to_have_value("x-courier-network")
    page.get_by_role("button", name="Create workspace").click()

    expect(page).to_have_url(re.compile(r"/t/x-courier-network$"))
    expect(page.get_by_role("heading", name="X Courier Network")).to_be_visible()

    page.reload()  # the refresh cookie restores the session
    expect(page.get_by_role("heading", name="X Courier Network")).to_be_visible()
    page.goto(stack.url + "/")
    expect(page.get_by_role("link", name="X Courier Network")).to_be_visible()


def test_bad_input_shows_clear_errors(stack: LoomStack, page: Page) -> None:
    page.goto(stack.url + "/signup")
    page.get_by_label("Email").fill("weak@example.com")
    page.get_by_label("Password").fill("password")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text(re.compile(r"password", re.I)).first).to_be_visible()
    expect(page).to_have_url(re.compile(r"/signup$"))

    page.goto(stack.url + "/signin")
    page.get_by_label("Email").fill("nobody@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert").first).to_be_visible()
