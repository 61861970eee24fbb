"""An owner connects another system through the web UI: an API key, and a hook to a receiver that
this test runs on 127.0.0.1. Deliveries go out from the stack's real Celery worker and beat; the
receiver verifies each one with standardwebhooks' own ``Webhook.verify``."""

from __future__ import annotations

import json
import re
import time
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.journeys import PASSWORD, choose, create_workspace, expect_record_version, sign_in, sign_up_and_confirm
from tests.e2e.shots import shot
from tests.e2e.stack import LoomStack
from tests.support.hooks import Receiver

SLUG = "x-hooks"
DELIVERY_WAIT = 30000  # the worker sends at once; the beat's sweep retries every 5 s


@pytest.fixture()
def receiver() -> Iterator[Receiver]:
    running = Receiver()
    yield running
    running.close()


def design_parcel(page: Page) -> None:
    page.get_by_role("button", name="Design a blueprint").click()
    page.get_by_label("Name").fill("Parcel")
    page.get_by_role("button", name="Create blueprint").click()
    expect(page.get_by_role("heading", name="Design Parcel")).to_be_visible()
    page.get_by_role("button", name="Add column").click()
    column = page.get_by_role("group", name="Column 1")
    column.get_by_label("Column name").fill("Label")
    choose(page, "Type", "Text", scope=column)
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("dialog").get_by_role("button", name="Publish").click()  # confirm in the publish dialog
    expect(page.get_by_text("Published version 1")).to_be_visible()


def add_parcel(page: Page, stack: LoomStack, label: str) -> None:
    page.goto(f"{stack.url}/t/{SLUG}/b/parcel/new")
    page.get_by_label("Label").fill(label)
    page.get_by_role("button", name="Create record").click()
    expect_record_version(page, 1)


def wait_for(condition: object, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.2)
    raise AssertionError("waited in vain")


def test_integrations_story(stack: LoomStack, page: Page, receiver: Receiver) -> None:
    email = "integrator@example.com"
    sign_up_and_confirm(stack, page, email)
    sign_in(page, email)
    create_workspace(page, "X Hooks")
    design_parcel(page)

    # Settings → Integrations, with nothing there yet.
    page.goto(f"{stack.url}/t/{SLUG}/settings")
    page.get_by_role("tab", name="Integrations").click()
    expect(page.get_by_role("heading", name="No API keys yet")).to_be_visible()
    expect(page.get_by_role("heading", name="No hooks yet")).to_be_visible()

    # An API key, proven with the password and shown once.
    page.get_by_role("button", name="Create API key").click()
    dialog = page.get_by_role("dialog", name="Create an API key")
    dialog.get_by_label("Name").fill("Zapier")
    dialog.get_by_role("radio", name="Editor").check()
    dialog.get_by_label("Your password").fill(PASSWORD)
    dialog.get_by_role("button", name="Create key").click()
    shown = page.get_by_role("dialog", name="Your new API key")
    expect(shown.get_by_text("you will not see it again")).to_be_visible()
    key = shown.get_by_role("textbox", name="API key").inner_text().strip()
    assert key.startswith("loom_")
    shot(page, "api-key-shown")
    shown.get_by_role("button", name="I have copied it").click()
    keys = page.get_by_role("table", name="API keys")
    expect(keys.get_by_role("row").filter(has_text="Zapier")).to_contain_text("Active")
    request = urllib.request.Request(
        f"{stack.url}/api/tenants/{SLUG}/entities?blueprint=parcel", headers={"Authorization": f"Bearer {key}"}
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert json.load(answer)["items"] == []

    # A hook to the receiver; its signing secret is shown once.
    page.get_by_role("link", name="Add a hook").click()
    page.get_by_label("Address (URL)").fill(receiver.url)
    page.get_by_label("Description (optional)").fill("Tell the warehouse")
    expect(page.get_by_role("checkbox", name="A record was created")).to_be_checked()
    shot(page, "hook-form", full_page=True)
    page.get_by_role("button", name="Add hook").click()
    shown = page.get_by_role("dialog", name="Your hook is ready")
    secret = shown.get_by_role("textbox", name="Signing secret").inner_text().strip()
    assert secret.startswith("whsec_")
    receiver.secrets.append(secret)
    shown.get_by_role("button", name="I have copied it").click()
    expect(page.get_by_role("heading", name=receiver.url)).to_be_visible()
    hook_url = page.url

    # A record is created: the delivery arrives, signed, and the log shows a 2xx.
    add_parcel(page, stack, "First parcel")
    wait_for(lambda: len(receiver.calls) == 1)
    assert receiver.calls[0].verified_by == [secret]
    assert receiver.calls[0].payload["type"] == "record.created"
    page.goto(hook_url)
    deliveries = page.get_by_role("table", name="Deliveries")
    first = deliveries.get_by_role("row").filter(has_text="A record was created")
    expect(first).to_contain_text("Delivered", timeout=DELIVERY_WAIT)
    expect(first).to_contain_text("200")
    expect(page.get_by_text("Working", exact=True)).to_be_visible()

    # The receiver fails: the delivery waits for its next try, on the retry schedule.
    receiver.status = 500
    add_parcel(page, stack, "Second parcel")
    page.goto(hook_url)
    failing = deliveries.get_by_role("row").filter(has_text=re.compile("Next try"))
    expect(failing).to_contain_text("Waiting", timeout=DELIVERY_WAIT)
    expect(failing).to_contain_text("500")
    expect(page.get_by_text("Failing", exact=True)).to_be_visible(timeout=DELIVERY_WAIT)
    expect(page.get_by_text(re.compile(r"failed attempts? in a row"))).to_be_visible()
    failing.get_by_role("button", name="Show attempts").click()
    attempts = page.get_by_role("table", name="Attempts of this delivery")
    expect(attempts.get_by_role("row").filter(has_text="500").first).to_be_visible()
    shot(page, "hook-failing", full_page=True)

    # It is back; a replay sends the message again at once, and it is delivered.
    receiver.status = 200
    calls_before = len(receiver.calls)
    failing.get_by_role("button", name=re.compile("^Replay the A record was created delivery")).click()
    expect(page.get_by_text("Sending it again now")).to_be_visible()
    wait_for(lambda: len(receiver.calls) > calls_before and receiver.calls[-1].headers.get("webhook-id") is not None)
    rows = deliveries.get_by_role("row").filter(has_text="A record was created")
    expect(rows.filter(has_text="Delivered")).to_have_count(2, timeout=DELIVERY_WAIT)
    expect(page.get_by_text("Working", exact=True)).to_be_visible(timeout=DELIVERY_WAIT)
    assert all(call.verified_by == [secret] for call in receiver.calls)
    labels = {call.payload["data"]["record"]["data"]["label"] for call in receiver.calls}
    assert labels == {"First parcel", "Second parcel"}
    shot(page, "hook-replayed", full_page=True)
