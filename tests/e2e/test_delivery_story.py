"""The Delivery story of the product brief, through the web UI only: design, import the flow, move a delivery."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from tests.e2e.journeys import choose, design_blueprint, sign_in, sign_up_and_confirm
from tests.e2e.stack import LoomStack

DRAWN = Path(__file__).resolve().parents[2] / "bpmn" / "examples" / "delivery.bpmn"
ZONE = "Asia/Tokyo"  # far from the browser's and the server's UTC, so a wrong zone shows
COLUMNS = [
    ("Deliver from", "Text", None),
    ("Deliver to", "Text", None),
    ("Cargo", "Text", None),
    ("Status", "Choice", ["PENDING", "IN_PROGRESS", "DELIVERED"]),
    ("Started at", "Date and time", None),
    ("Delivered at", "Date and time", None),
]


def create_workspace_in(page: Page, name: str, zone: str) -> None:
    page.goto(page.url.split("/t/")[0].rstrip("/") + "/tenants/new")
    page.get_by_label("Name").fill(name)
    timezone = page.get_by_role("combobox", name="Timezone")
    timezone.click()
    timezone.fill(zone.split("/")[1])
    page.get_by_role("option", name=zone, exact=True).click()
    page.get_by_role("button", name="Create workspace").click()
    expect(page.get_by_role("heading", name=name)).to_be_visible()


def design_delivery(page: Page) -> None:
    design_blueprint(page, "Delivery", COLUMNS)


def import_and_publish_the_flow(page: Page) -> None:
    page.get_by_role("link", name="Flows").click()
    expect(page.get_by_role("heading", name="Flows", exact=True)).to_be_visible()
    page.get_by_role("button", name="Draw a flow").click()
    expect(page.get_by_role("heading", name="New flow")).to_be_visible()
    page.get_by_label("Name").fill("Delivery")
    choose(page, "Blueprint", "Delivery")
    page.get_by_role("radio", name="Empty flow").check()
    page.get_by_role("button", name="Create flow").click()
    expect(page.get_by_role("heading", name="Design Delivery")).to_be_visible()
    page.get_by_label("BPMN file to import").set_input_files(str(DRAWN))
    replace = page.get_by_role("button", name="Replace the drawing")
    if replace.is_visible():
        replace.click()
    expect(page.locator('[data-element-id="delivery_started"]')).to_be_visible()
    # The transition as the designer shows it: label and who may press it.
    page.locator('[data-element-id="delivery_started"]').click()
    expect(page.get_by_label("Button label")).to_have_value("Delivery started")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("dialog").get_by_role("button", name="Publish").click()  # confirm in the publish dialog
    # The designer's note, not the blueprint's toast that may still be showing.
    expect(page.get_by_role("status").filter(has_text="Published version 1")).to_be_visible()
    # Say what the flow is for; the drawing stays as published.
    page.get_by_role("button", name="Rename or describe").click()
    details = page.get_by_role("dialog", name="Name and description")
    details.get_by_label("Description").fill("Parcels from our depots to the customer's door.")
    details.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Parcels from our depots to the customer's door.")).to_be_visible()
    expect(page.get_by_text("Unsaved changes")).not_to_be_visible()


def local_hours(zone: str, *moments: datetime) -> re.Pattern[str]:
    """What a date-time input shows in English for any of ``moments``, to the hour, in ``zone``."""
    hours = {m.astimezone(ZoneInfo(zone)).strftime("%m/%d/%Y %I:MM %p") for m in moments}
    return re.compile("^(" + "|".join(re.escape(h).replace("MM", r"\d\d(?::\d\d)?") for h in sorted(hours)) + ")$")


def test_delivery_story(stack: LoomStack, page: Page) -> None:
    email = "dispatcher@example.com"
    sign_up_and_confirm(stack, page, email)
    sign_in(page, email)
    create_workspace_in(page, "X Delivery Drawn", ZONE)  # the steps story has "X Delivery System"
    design_delivery(page)
    import_and_publish_the_flow(page)

    # A delivery, created like any record, starts in the flow.
    page.goto(stack.url + "/t/x-delivery-drawn/b/delivery")
    page.get_by_role("button", name="New record").click()
    page.get_by_label("Deliver from").fill("Berlin depot")
    page.get_by_label("Deliver to").fill("Hamburg port")
    page.get_by_label("Cargo").fill("Books")
    choose(page, "Status", "PENDING")
    page.get_by_role("button", name="Create record").click()
    flow = page.get_by_role("region", name="Flow")
    expect(flow.get_by_role("button", name="Delivery started")).to_be_visible()

    # First transition from the record page.
    before = datetime.now(UTC)
    flow.get_by_role("button", name="Delivery started").click()
    expect(page.get_by_label("Status")).to_have_value("IN_PROGRESS")
    expect(page.get_by_label("Started at")).to_have_value(local_hours(ZONE, before, datetime.now(UTC)))
    expect(flow.get_by_role("button", name="Delivered")).to_be_visible()
    history = page.get_by_role("region", name="History")
    expect(history.get_by_text("Delivery started")).to_be_visible()
    changes = history.get_by_role("list", name="What changed").first
    expect(changes.get_by_role("listitem").filter(has_text=re.compile("Status.*PENDING.*IN_PROGRESS"))).to_be_visible()
    record_url = page.url

    # Second transition from the inbox.
    page.get_by_role("link", name="Inbox").click()
    expect(page.get_by_role("heading", name="Inbox")).to_be_visible()
    tasks = page.get_by_role("table", name="Waiting tasks")
    tasks.get_by_role("button", name="Complete Delivered for Berlin depot").click()
    dialog = page.get_by_role("dialog", name="Delivered")
    expect(dialog.get_by_text("Berlin depot")).to_be_visible()
    before = datetime.now(UTC)
    dialog.get_by_role("button", name="Delivered").click()
    expect(page.get_by_role("heading", name="Nothing waits for you")).to_be_visible()

    page.goto(record_url)
    expect(page.get_by_label("Status")).to_have_value("DELIVERED")
    expect(page.get_by_label("Delivered at")).to_have_value(local_hours(ZONE, before, datetime.now(UTC)))
    expect(page.get_by_label("Started at")).not_to_have_value("")
    history = page.get_by_role("region", name="History")
    changes = history.get_by_role("list", name="What changed").first
    expect(
        changes.get_by_role("listitem").filter(has_text=re.compile("Status.*IN_PROGRESS.*DELIVERED"))
    ).to_be_visible()
    expect(page.get_by_role("region", name="Flow").get_by_text(re.compile("Finished"))).to_be_visible()
