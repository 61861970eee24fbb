"""A newcomer builds the Delivery flow row by row in the steps editor, with no code typed anywhere,
publishes it through the confirmation, and moves a delivery by dragging its card on the board."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from playwright.sync_api import Locator, Page, expect

from tests.e2e.journeys import choose, sign_in, sign_up_and_confirm
from tests.e2e.shots import shot
from tests.e2e.stack import LoomStack
from tests.e2e.test_delivery_story import ZONE, create_workspace_in, design_delivery, local_hours


def add_button(page: Page, label: str, start: str, end: str, stamp: str) -> None:
    """One row of the table: its label, from and to, and the field it stamps with the time."""
    page.get_by_role("button", name="Add a button").click()
    drawer = page.get_by_role("dialog", name=re.compile("^Button:"))
    drawer.get_by_label("Button", exact=True).fill(label)
    states = drawer.get_by_label("From", exact=True)
    states.click(force=True)  # the pills of what it proposed cover the input
    for _ in range(3):  # take back whatever it proposed
        states.press("Backspace")
    page.get_by_role("option", name=start, exact=True).click()
    states.press("Escape")
    choose(page, "To", end, scope=drawer)
    drawer.get_by_role("button", name="Add a change").click()
    choose(page, "Field to set, row 1", stamp, scope=drawer)
    choose(page, f"New value of {stamp}", "Now", scope=drawer)
    drawer.get_by_role("button", name="Done").click()
    expect(drawer).to_be_hidden()


def build_the_flow(page: Page) -> None:
    page.get_by_role("link", name="Flows").click()
    page.get_by_role("button", name="Start from steps").click()
    page.get_by_label("Name").fill("Delivery")
    choose(page, "Blueprint", "Delivery")
    page.get_by_role("button", name="Create flow").click()
    expect(page.get_by_role("heading", name="Design Delivery")).to_be_visible()
    choose(page, "The flow moves records through", "Status")
    choose(page, "New records start in", "PENDING")
    add_button(page, "Delivery started", "PENDING", "IN_PROGRESS", "Started at")
    add_button(page, "Delivered", "IN_PROGRESS", "DELIVERED", "Delivered at")
    picture = page.get_by_role("list", name="States")
    expect(picture.get_by_text("No button leads here")).to_have_count(0)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Steps saved")).to_be_visible()

    page.get_by_role("button", name="Publish").click()
    confirm = page.get_by_role("dialog", name=re.compile("Publish"))
    expect(confirm.get_by_text("Delivery started")).to_be_visible()
    expect(confirm.get_by_text("No problems")).to_be_visible()
    confirm.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published as version 1")).to_be_visible()


def check_the_drawing(page: Page) -> None:
    """The diagram Loom drew from the steps passes its drawing check: no errors, no warnings."""
    page.get_by_role("tab", name="Diagram (advanced)").click()
    expect(page.locator(".loom-designer .djs-container")).to_be_visible()
    expect(page.locator(".loom-designer .djs-element[data-element-id='route']")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Drawing check")).to_have_text("Drawing check: no problems")
    expect(page.locator(".loom-designer .bjsl-overlay")).to_have_count(0)
    shot(page, "lint-diagram", full_page=True)


def card(page: Page, column: str, title: str) -> Locator:
    return page.get_by_role("region", name=re.compile(f"^{column}")).get_by_role("article").filter(has_text=title)


def drag_to(page: Page, title: str, start: str, end: str) -> None:
    source = card(page, start, title)
    target = page.get_by_role("region", name=re.compile(f"^{end}"))
    source.drag_to(target)
    expect(card(page, end, title)).to_be_visible()
    expect(card(page, start, title)).to_have_count(0)


def test_a_newcomer_builds_delivery_from_steps_and_moves_it_on_the_board(stack: LoomStack, page: Page) -> None:
    email = "planner@example.com"
    sign_up_and_confirm(stack, page, email)
    sign_in(page, email)
    create_workspace_in(page, "X Delivery System", ZONE)
    slug = page.url.split("/t/")[1].split("/")[0]
    design_delivery(page)
    build_the_flow(page)
    check_the_drawing(page)

    page.goto(f"{stack.url}/t/{slug}/b/delivery")
    page.get_by_role("button", name="New record").click()
    page.get_by_label("Deliver from").fill("Berlin depot")
    page.get_by_label("Deliver to").fill("Hamburg port")
    page.get_by_label("Cargo").fill("Books")
    page.get_by_role("button", name="Create record").click()
    state = page.get_by_role("region", name="Status")
    expect(state.get_by_text("PENDING", exact=True)).to_be_visible()
    expect(state.get_by_role("button", name="Delivery started")).to_be_visible()
    expect(page.get_by_role("combobox", name="Status")).to_be_disabled()  # the flow sets it
    record_url = page.url

    page.goto(f"{stack.url}/t/{slug}/b/delivery")
    page.get_by_text("Board", exact=True).click()
    expect(page.get_by_role("group", name="Board of Delivery by Status")).to_be_visible()
    first = datetime.now(UTC)
    drag_to(page, "Berlin depot", "PENDING", "IN_PROGRESS")
    second = datetime.now(UTC)
    drag_to(page, "Berlin depot", "IN_PROGRESS", "DELIVERED")
    done = datetime.now(UTC)

    page.goto(record_url)
    expect(page.get_by_role("region", name="Status").get_by_text("DELIVERED", exact=True)).to_be_visible()
    expect(page.get_by_label("Started at")).to_have_value(local_hours(ZONE, first, second))
    expect(page.get_by_label("Delivered at")).to_have_value(local_hours(ZONE, second, done))
    history = page.get_by_role("region", name="History")
    expect(history.get_by_text("Delivery started")).to_be_visible()
    changes = history.get_by_role("list", name="What changed").first
    expect(
        changes.get_by_role("listitem").filter(has_text=re.compile("Status.*IN_PROGRESS.*DELIVERED"))
    ).to_be_visible()
