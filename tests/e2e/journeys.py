"""Steps that several browser stories share, done the way a newcomer does them."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.stack import LoomStack

PASSWORD = "correct horse battery staple 42"


def sign_up_and_confirm(stack: LoomStack, page: Page, email: str) -> None:
    """Create an account, confirm it from the dev mailbox, and land on the sign-in page."""
    page.goto(stack.url + "/signup")
    expect(page.get_by_role("heading", name="Create your account")).to_be_visible()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    page.get_by_role("link", name="Open the dev mailbox").click()
    row = page.get_by_role("row").filter(has_text=email)
    expect(row).to_be_visible(timeout=30000)  # delivered by the Celery worker
    row.get_by_role("link").first.click()
    page.get_by_role("link", name=re.compile(r"api.auth.confirm.")).click()
    expect(page.get_by_text("Your email is confirmed. You can sign in now.")).to_be_visible()


def sign_in(page: Page, email: str) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your workspaces")).to_be_visible()


def create_workspace(page: Page, name: str) -> None:
    page.goto(page.url.split("/t/")[0].rstrip("/") + "/tenants/new")
    page.get_by_label("Name").fill(name)
    page.get_by_role("button", name="Create workspace").click()
    expect(page.get_by_role("heading", name=name)).to_be_visible()


def choose(page: Page, label: str, option: str, scope: object = None) -> None:
    """Pick ``option`` in the Select labelled ``label``."""
    root = scope or page
    root.get_by_role("combobox", name=label).click()  # type: ignore[attr-defined]
    page.get_by_role("option", name=option, exact=True).click()


Column = tuple[str, str, list[str] | None]


def design_blueprint(page: Page, name: str, columns: list[Column] | tuple[Column, ...]) -> None:
    """From the blueprint list: a new blueprint ``name`` with ``columns`` (label, type, choice
    options), published as version 1."""
    page.get_by_role("button", name="Design a blueprint").click()
    expect(page.get_by_role("heading", name="New blueprint")).to_be_visible()
    page.get_by_label("Name").fill(name)
    page.get_by_role("button", name="Create blueprint").click()
    expect(page.get_by_role("heading", name=f"Design {name}")).to_be_visible()
    for index, (label, kind, options) in enumerate(columns, start=1):
        page.get_by_role("button", name="Add column").click()
        column = page.get_by_role("group", name=f"Column {index}")
        column.get_by_label("Column name").fill(label)
        choose(page, "Type", kind, scope=column)
        for option in options or []:
            column.get_by_role("button", name="Add option").click()
            column.get_by_label("Option value").last.fill(option)
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("dialog").get_by_role("button", name="Publish").click()  # confirm in the publish dialog
    expect(page.get_by_text("Published version 1")).to_be_visible()


def expect_record_version(page: Page, number: int) -> None:
    """The record page's Details menu names the blueprint version the record is on."""
    page.get_by_role("button", name="Details").click()
    expect(page.get_by_role("menu").get_by_text(f"Blueprint v{number}")).to_be_visible()
    # Pressed on the menu itself: a key sent to the page before the menu holds focus is lost.
    page.get_by_role("menu").press("Escape")
    expect(page.get_by_role("menu")).to_be_hidden()
