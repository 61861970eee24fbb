"""A front-end error reaches Sentry (a local fake taking envelopes) under the server's release,
without the addresses or tokens its text held; the served scripts link no source maps and the
maps themselves are not served."""

from __future__ import annotations

import time

from playwright.sync_api import Page, expect

from tests.e2e.conftest import E2E_RELEASE
from tests.e2e.stack import LoomStack
from tests.support.fakes import FakeSentry


def _events_with(fake: FakeSentry, text: str) -> list[dict]:
    return [
        item
        for item in list(fake.items)
        if any(text in str(value.get("value")) for value in item.get("exception", {}).get("values", []))
    ]


def test_a_browser_error_reaches_sentry_scrubbed_and_under_the_release(
    stack: LoomStack, page: Page, fake_sentry: FakeSentry
) -> None:
    page.goto(stack.url + "/")
    expect(page.get_by_role("heading", name="Sign in to Loom")).to_be_visible()
    page.evaluate(
        "() => setTimeout(() => { throw new Error('probe from the browser for ada@example.com with Bearer abc.def'); })"
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not _events_with(fake_sentry, "probe from the browser"):
        time.sleep(0.2)
    events = _events_with(fake_sentry, "probe from the browser")
    assert events, fake_sentry.items[-5:]
    event = events[0]
    assert event["release"] == E2E_RELEASE
    assert event.get("environment")
    sent = repr(event)
    assert "ada@example.com" not in sent
    assert "abc.def" not in sent
    assert "[Filtered]" in sent


def test_scripts_link_no_source_maps_and_maps_are_not_served(stack: LoomStack, page: Page) -> None:
    page.goto(stack.url + "/")
    expect(page.get_by_role("heading", name="Sign in to Loom")).to_be_visible()
    scripts = page.eval_on_selector_all("script[src]", "nodes => nodes.map(node => node.src)")
    assert scripts
    for src in scripts:
        body = page.request.get(src).text()
        assert "sourceMappingURL" not in body
        assert page.request.get(src + ".map").status == 404
