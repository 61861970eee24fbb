"""A newcomer protects the account with two-step sign-in, then signs in with the app's code and,
having lost the phone, with a recovery code. The test is the authenticator app (pyotp)."""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Iterator

import pyotp
from playwright.sync_api import Page, expect

from tests.e2e.journeys import PASSWORD, sign_up_and_confirm
from tests.e2e.stack import LoomStack


def _codes(secret: str) -> Iterator[str]:
    """The app's codes, one per 30-second step from now: a code is good once, the next step's is accepted."""
    totp = pyotp.TOTP(secret)
    start = time.time()
    return (totp.at(start + 30 * step) for step in itertools.count())


def _wrong_code(secret: str) -> str:
    """Six digits that no code of the last or next two minutes equals."""
    totp, now = pyotp.TOTP(secret), time.time()
    near = {totp.at(now + 30 * step) for step in range(-5, 6)}
    return next(code for code in (f"{digit}" * 6 for digit in range(10)) if code not in near)


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Account menu").click()
    page.get_by_role("menuitem", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in to Loom")).to_be_visible()


def _password_step(page: Page, email: str) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Two-step sign-in")).to_be_visible()


def test_two_step_sign_in_with_a_code_and_with_a_recovery_code(stack: LoomStack, page: Page) -> None:
    email = "careful@example.com"
    sign_up_and_confirm(stack, page, email)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # Day 1: a suggestion, not a wall.
    prompt = page.get_by_role("region", name="Protect your account with two-step sign-in")
    expect(prompt).to_be_visible()
    expect(page.get_by_role("heading", name="Your workspaces")).to_be_visible()
    prompt.get_by_role("link", name="Set up now").click()
    expect(page.get_by_role("heading", name="Account settings")).to_be_visible()
    section = page.get_by_role("region", name="Two-step sign-in")
    expect(section.get_by_text("Off", exact=True)).to_be_visible()
    section.get_by_role("button", name="Set up two-step sign-in").click()

    expect(section.get_by_role("img", name="QR code that adds Loom to your authenticator app")).to_be_visible()
    secret = section.get_by_label("Key for your authenticator app").inner_text().replace(" ", "")
    codes = _codes(secret)
    section.get_by_label("Code from the app").fill(_wrong_code(secret))
    section.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(section.get_by_label("Code from the app")).to_have_accessible_description(re.compile(r"\S"))
    section.get_by_label("Code from the app").fill(next(codes))
    section.get_by_role("button", name="Turn on two-step sign-in").click()

    recovery = section.get_by_role("list", name="Recovery codes").get_by_role("listitem")
    expect(recovery).to_have_count(8)
    saved = recovery.all_inner_texts()
    continue_button = section.get_by_role("button", name="Continue")
    expect(continue_button).to_be_disabled()
    section.get_by_label("I have saved my recovery codes").check()
    continue_button.click()
    expect(section.get_by_text("On", exact=True)).to_be_visible()

    # With the phone.
    _sign_out(page)
    _password_step(page, email)
    page.get_by_label("Code from the app").fill(next(codes))
    page.get_by_role("button", name="Verify and sign in").click()
    expect(page.get_by_role("heading", name="Your workspaces")).to_be_visible()
    expect(page.get_by_role("region", name="Protect your account with two-step sign-in")).to_have_count(0)

    # Without it: a recovery code, good once.
    _sign_out(page)
    _password_step(page, email)
    page.get_by_role("button", name="Lost your phone? Use a recovery code").click()
    page.get_by_label("Recovery code").fill(saved[0])
    page.get_by_role("button", name="Sign in with the recovery code").click()
    expect(page.get_by_role("heading", name="Your workspaces")).to_be_visible()

    _sign_out(page)
    _password_step(page, email)
    page.get_by_role("button", name="Lost your phone? Use a recovery code").click()
    page.get_by_label("Recovery code").fill(saved[0])
    page.get_by_role("button", name="Sign in with the recovery code").click()
    expect(page.get_by_label("Recovery code")).to_have_accessible_description(re.compile(r"\S"))
    expect(page.get_by_role("heading", name="Your workspaces")).to_have_count(0)
