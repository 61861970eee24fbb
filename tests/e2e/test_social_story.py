"""A newcomer signs up with Google, links Facebook, unlinks Google, cannot unlink the last way in,
and signs in with Facebook. Google and Facebook are played by the local fake provider."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.stack import LoomStack
from tests.support.fake_oauth import FakeOAuth


def _at_provider(page: Page, name: str, email: str) -> None:
    expect(page.get_by_role("heading", name=f"Sign in with {name}")).to_be_visible()
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Continue").click()


def test_sign_up_with_google_link_facebook_unlink_google(stack: LoomStack, fake_oauth: FakeOAuth, page: Page) -> None:
    email = "social@example.com"
    fake_oauth.next_identity = None
    page.goto(stack.url + "/signin")
    page.get_by_role("button", name="Continue with Google").click()
    _at_provider(page, "Google", email)
    expect(page.get_by_role("heading", name="Your workspaces")).to_be_visible()

    page.get_by_role("button", name="Account menu").click()
    page.get_by_role("menuitem", name="Account settings").click()
    linked = page.get_by_role("region", name="Linked accounts")
    expect(linked.get_by_text(f"Linked as {email}")).to_have_count(1)
    linked.get_by_role("button", name="Link Facebook").click()
    _at_provider(page, "Facebook", "social.fb@example.com")
    expect(page.get_by_text("Facebook is linked. You can sign in with it now.")).to_be_visible()
    expect(linked.get_by_role("button", name="Unlink Facebook")).to_be_visible()
    expect(linked.get_by_text("Linked as social.fb@example.com")).to_be_visible()

    linked.get_by_role("button", name="Unlink Google").click()
    dialog = page.get_by_role("dialog", name="Unlink Google?")
    dialog.get_by_role("button", name="Unlink Google").click()
    expect(page.get_by_text("Google is unlinked.")).to_be_visible()
    expect(linked.get_by_role("button", name="Link Google")).to_be_visible()

    # Facebook is now the only way in: it stays.
    linked.get_by_role("button", name="Unlink Facebook").click()
    dialog = page.get_by_role("dialog", name="Unlink Facebook?")
    dialog.get_by_role("button", name="Unlink Facebook").click()
    expect(dialog.get_by_role("alert")).to_contain_text("This is the only way into your account")
    dialog.get_by_role("button", name="Cancel").click()
    expect(linked.get_by_role("button", name="Unlink Facebook")).to_be_visible()

    page.get_by_role("button", name="Account menu").click()
    page.get_by_role("menuitem", name="Sign out").click()
    page.get_by_role("button", name="Continue with Facebook").click()
    _at_provider(page, "Facebook", "social.fb@example.com")
    expect(page.get_by_role("heading", name="Your workspaces")).to_be_visible()
