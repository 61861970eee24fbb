"""A delivery deleted halfway through its flow waits in the Trash, comes back with its history and goes on."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.journeys import choose, sign_in, sign_up_and_confirm
from tests.e2e.shots import shot
from tests.e2e.stack import LoomStack
from tests.e2e.test_delivery_story import create_workspace_in, design_delivery, import_and_publish_the_flow


def test_trash_story(stack: LoomStack, page: Page) -> None:
    email = "trash.keeper@example.com"
    sign_up_and_confirm(stack, page, email)
    sign_in(page, email)
    create_workspace_in(page, "X Returns Desk", "Europe/Berlin")
    design_delivery(page)
    import_and_publish_the_flow(page)

    # A delivery on its way: the first transition is done.
    page.goto(stack.url + "/t/x-returns-desk/b/delivery")
    page.get_by_role("button", name="New record").click()
    page.get_by_label("Deliver from").fill("Munich depot")
    page.get_by_label("Deliver to").fill("Vienna shop")
    page.get_by_label("Cargo").fill("Lamps")
    choose(page, "Status", "PENDING")
    page.get_by_role("button", name="Create record").click()
    flow = page.get_by_role("region", name="Flow")
    flow.get_by_role("button", name="Delivery started").click()
    expect(page.get_by_label("Status")).to_have_value("IN_PROGRESS")
    expect(flow.get_by_role("button", name="Delivered")).to_be_visible()
    record_url = page.url

    # Deleted: the dialog says where it goes, and Cancel is the safe default.
    page.get_by_role("button", name="Delete", exact=True).click()
    dialog = page.get_by_role("dialog", name="Delete this record?")
    expect(dialog.get_by_text(re.compile("goes to the Trash.*30 days"))).to_be_visible()
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    dialog.get_by_role("button", name="Delete record").click()
    expect(page.get_by_text("Record deleted")).to_be_visible()
    expect(page.get_by_role("heading", name="No records yet")).to_be_visible()

    # In the Trash, with who deleted it.
    page.get_by_role("link", name="Trash").click()
    expect(page.get_by_role("heading", name="Trash", level=1)).to_be_visible()
    deleted = page.get_by_role("list", name="Deleted records, newest first").get_by_role("listitem")
    expect(deleted).to_have_count(1)
    expect(deleted.get_by_role("heading", name="Munich depot")).to_be_visible()
    expect(deleted).to_contain_text(f"by {email}")
    expect(deleted).to_contain_text("Can be restored until")
    shot(page, "trash-records", full_page=True)
    deleted.get_by_role("button", name="Restore Munich depot").click()
    expect(page.get_by_text("Munich depot is restored")).to_be_visible()
    expect(page.get_by_role("heading", name="The Trash is empty")).to_be_visible()
    page.get_by_role("button", name="Open it").click()

    # Back with its history, and its flow goes on where it waited.
    expect(page).to_have_url(record_url)
    expect(page.get_by_label("Status")).to_have_value("IN_PROGRESS")
    history = page.get_by_role("region", name="History")
    expect(history.get_by_text("Delivery started")).to_be_visible()
    flow = page.get_by_role("region", name="Flow")
    flow.get_by_role("button", name="Delivered").click()
    expect(page.get_by_label("Status")).to_have_value("DELIVERED")
    expect(flow.get_by_text(re.compile("Finished"))).to_be_visible()
