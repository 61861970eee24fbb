"""Change a column's type, preview, migrate forward, then back: the record is exactly as it was."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.journeys import choose, create_workspace, expect_record_version, sign_in, sign_up_and_confirm
from tests.e2e.stack import LoomStack


def test_migrate_forward_and_back_restores_the_record(stack: LoomStack, page: Page) -> None:
    email = "mover@example.com"
    sign_up_and_confirm(stack, page, email)
    sign_in(page, email)
    create_workspace(page, "X Moves")

    page.get_by_role("button", name="Design a blueprint").click()
    page.get_by_label("Name").fill("Parcel")
    page.get_by_role("button", name="Create blueprint").click()
    for index, (label, kind) in enumerate([("Label", "Text"), ("Sent", "Date and time")], start=1):
        page.get_by_role("button", name="Add column").click()
        column = page.get_by_role("group", name=f"Column {index}")
        column.get_by_label("Column name").fill(label)
        choose(page, "Type", kind, scope=column)
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("dialog").get_by_role("button", name="Publish").click()  # confirm in the publish dialog
    expect(page.get_by_text("Published version 1")).to_be_visible()

    page.get_by_role("link", name="Open records").click()
    page.get_by_role("button", name="New record").click()
    page.get_by_label("Label").fill("fragile")
    page.get_by_label("Sent").fill("11/23/2026 3:45 PM")
    page.get_by_role("button", name="Create record").click()
    expect_record_version(page, 1)
    record_url = page.url

    # Version 2: "Sent" keeps only the day.
    page.get_by_role("link", name="Back to Parcel").click()
    page.goto(stack.url + "/t/x-moves/blueprints/parcel/design")
    column = page.get_by_role("group", name="Column 2")
    choose(page, "Type", "Date", scope=column)
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("dialog").get_by_role("button", name="Publish").click()  # confirm in the publish dialog
    expect(page.get_by_text("Published version 2")).to_be_visible()

    page.get_by_role("tab", name="Versions").click()
    page.get_by_role("button", name="Move records from version 1").click()
    dialog = page.get_by_role("dialog", name="Move records to another version")
    expect(dialog.get_by_text("1 keeps values aside")).to_be_visible(timeout=15000)
    dialog.get_by_role("button", name="Move 1 record").click()
    expect(dialog.get_by_text("1 record moved, 0 failed")).to_be_visible(timeout=30000)

    page.goto(record_url)
    expect_record_version(page, 2)
    expect(page.get_by_label("Sent")).to_have_value("11/23/2026")

    # And back to version 1: the time of day comes back exactly.
    page.get_by_role("button", name="Details").click()
    page.get_by_role("menuitem", name="Version 1").click()
    expect_record_version(page, 1)
    expect(page.get_by_label("Sent")).to_have_value("11/23/2026 03:45 PM")
    expect(page.get_by_label("Label")).to_have_value("fragile")
