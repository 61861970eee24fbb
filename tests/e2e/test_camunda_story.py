"""A diagram made in Camunda Modeler, through the web UI only: the pizza collaboration of bpmn-js's
examples (a customer's pool and a vendor's, message flows between them, a 60-minute timer), with
a route decision added (tests/e2e/diagrams/SOURCE.md says what was changed and why).

A newcomer designs the Order and Delivery blueprints, imports the file from the Flows page (each
pool becomes a flow, bound to the blueprint chosen for it), writes the route's decision table in
the designer's Decisions area, and publishes both. Pressing the order's step sends the "pizza
order" message: a delivery with the same order number appears and waits for the chef. Baking it
lets the table pick the route, and the delivery's "pizza" message moves the order on to its end.
The order's 60-minute timer is shown where the designer shows it; the stack runs on real time, so
the test does not wait for it.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from tests.e2e.journeys import choose, create_workspace, sign_in, sign_up_and_confirm
from tests.e2e.stack import LoomStack

ROOT = Path(__file__).resolve().parents[2]
DIAGRAM = ROOT / "tests" / "e2e" / "diagrams" / "pizza-collaboration.bpmn"
# Where the screenshots go: the stack's folder, or docs/images when they are to be renewed
# (LOOM_TEST_SCREENSHOTS=docs/images), so an ordinary run leaves the checkout as it was.
SCREENSHOTS = os.environ.get("LOOM_TEST_SCREENSHOTS")
ORDER = ["Order number", "Pizza", "District"]
DELIVERY = [*ORDER, "Route"]
# The route decision as a person types it into dmn-js: a district test, the route it picks.
RULES = [('"Altstadt","Neustadt"', '"Bike"'), ("-", '"Car"')]


def design_blueprint(page: Page, home: str, name: str, columns: list[str]) -> None:
    """A blueprint of text columns, published."""
    page.goto(home)
    page.get_by_role("link", name="Blueprints").click()
    page.get_by_role("link", name="New blueprint").click()
    page.get_by_label("Name").fill(name)
    page.get_by_role("button", name="Create blueprint").click()
    expect(page.get_by_role("heading", name=f"Design {name}")).to_be_visible()
    for index, label in enumerate(columns, start=1):
        page.get_by_role("button", name="Add column").click()
        column = page.get_by_role("group", name=f"Column {index}")
        column.get_by_label("Column name").fill(label)
        choose(page, "Type", "Text", scope=column)
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("dialog").get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published version 1")).to_be_visible()


def shoot(page: Page, folder: Path, name: str, *, full_page: bool = False) -> None:
    page.screenshot(path=str(folder / name), full_page=full_page)


def import_the_pools(page: Page, shots: Path) -> None:
    """The Camunda file from the Flows page: two pools, each for its blueprint."""
    page.get_by_role("link", name="Flows").click()
    page.get_by_role("button", name="Import a BPMN file").click()
    expect(page.get_by_role("heading", name="New flow")).to_be_visible()
    page.get_by_label("Name").fill("Pizza")
    choose(page, "Blueprint", "Order")
    page.get_by_role("radio", name="Import a BPMN file").check()
    page.get_by_role("button", name="BPMN file").set_input_files(str(DIAGRAM))
    page.get_by_role("button", name="Create flow").click()
    expect(page.get_by_role("heading", name="This diagram has 2 pools")).to_be_visible()
    choose(page, "Moves records of: Pizza vendor", "Delivery")
    # The pool the file names no blueprint for takes the one chosen on the form.
    expect(page.get_by_role("combobox", name="Moves records of: Pizza Customer")).to_have_value("Order")
    # Messages between plain tasks (money, receipt) cannot be sent; the import says so.
    expect(page.get_by_text("Some messages between the pools will not be sent")).to_be_visible()
    page.get_by_role("button", name="Create 2 flows").scroll_into_view_if_needed()
    shoot(page, shots, "camunda-import.png")
    page.get_by_role("button", name="Create 2 flows").click()
    expect(page.get_by_text("2 flows created.")).to_be_visible()


def publish(page: Page) -> None:
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("dialog").get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status").filter(has_text="Published version 1")).to_be_visible()


def type_into(cell: Locator, text: str) -> None:
    """A dmn-js table cell: click it and type, as a person does."""
    cell.click()
    cell.page.keyboard.type(text)


def write_the_route_table(page: Page, shots: Path) -> None:
    """The vendor's flow: its business rule task calls `route`; the table is made here."""
    page.get_by_role("link", name="Pizza vendor").click()
    expect(page.get_by_role("heading", name="Design Pizza vendor")).to_be_visible()
    expect(page.locator('[data-element-id="ChooseRouteTask"]')).to_be_visible()
    page.get_by_role("button", name="New decision table").click()
    dialog = page.get_by_role("dialog", name="New decision table")
    dialog.get_by_label("Name").fill("Route")
    choose(page, "Decides on the field", "District", scope=dialog)
    choose(page, "Sets the field", "Route", scope=dialog)
    dialog.get_by_role("button", name="Create").click()
    editor = page.get_by_role("dialog", name="Decision table: Route")
    table = editor.get_by_role("region", name="Decision table: Route")
    for row, (district, route) in enumerate(RULES):
        table.get_by_title("Add rule").click()  # dmn-js's "+" names itself by its title only
        type_into(table.locator("tbody tr").nth(row).locator("td.input-cell"), district)
        type_into(table.locator("tbody tr").nth(row).locator("td.output-cell"), route)
    expect(table.locator("tbody tr")).to_have_count(len(RULES))
    shoot(page, shots, "decision-table.png")
    editor.get_by_role("button", name="Save table").click()
    expect(page.get_by_text("Route saved.")).to_be_visible()
    expect(page.get_by_text("Id: route")).to_be_visible()
    publish(page)


def publish_the_order_flow(page: Page) -> None:
    """The customer's flow, with the 60-minute timer where the designer shows it."""
    page.get_by_role("link", name="Flows").click()
    page.get_by_role("link", name="Pizza Customer").click()
    expect(page.get_by_role("heading", name="Design Pizza Customer")).to_be_visible()
    page.locator('[data-element-id="_6-219"]').click()
    expect(page.get_by_role("textbox", name=re.compile("^Value")).first).to_have_value("PT60M")
    publish(page)


def message(name: str) -> re.Pattern[str]:
    """The history's line for the message ``name`` (it names the message, in quotes)."""
    return re.compile(f"(^|“){re.escape(name)}(”|$)")


def reload_until(page: Page, target: Locator, seconds: float = 90) -> None:
    """Messages are delivered by the background worker: reload until ``target`` shows, or fail."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            expect(target).to_be_visible(timeout=3000)
            return
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            page.reload()


def test_a_camunda_collaboration_runs_as_two_flows(stack: LoomStack, page: Page) -> None:
    email = "pizzeria@example.com"
    sign_up_and_confirm(stack, page, email)
    sign_in(page, email)
    create_workspace(page, "Pizza Place")
    slug = page.url.split("/t/")[1].split("/")[0]
    home = f"{stack.url}/t/{slug}"
    design_blueprint(page, home, "Order", ORDER)
    design_blueprint(page, home, "Delivery", DELIVERY)
    shots = ROOT / SCREENSHOTS if SCREENSHOTS else stack.directory
    import_the_pools(page, shots)
    write_the_route_table(page, shots)
    publish_the_order_flow(page)

    # An order; its first step is the customer's.
    page.goto(f"{home}/b/order")
    page.get_by_role("button", name="New record").click()
    page.get_by_label("Order number").fill("P-1001")
    page.get_by_label("Pizza").fill("Margherita")
    page.get_by_label("District").fill("Altstadt")
    page.get_by_role("button", name="Create record").click()
    flow = page.get_by_role("region", name="Flow")
    flow.get_by_role("button", name="Select a pizza").click()
    expect(flow.get_by_role("button", name="Select a pizza")).to_have_count(0)
    order_url = page.url

    # "Order a pizza" sent the message: a delivery for the same order waits for the chef.
    page.goto(f"{home}/b/delivery")
    reload_until(page, page.get_by_role("row").filter(has_text="P-1001"))
    page.get_by_role("row").filter(has_text="P-1001").get_by_role("link", name="Open").click()
    expect(page.get_by_label("Pizza")).to_have_value("Margherita")
    expect(page.get_by_label("District")).to_have_value("Altstadt")
    expect(page.get_by_label("Route")).to_have_value("")
    flow = page.get_by_role("region", name="Flow")
    expect(flow.get_by_role("button", name="Bake the pizza")).to_be_visible()
    expect(page.get_by_role("region", name="History").get_by_text(message("pizza order"))).to_be_visible()

    # Baked: the table picks the route, and "Deliver the pizza" sends the pizza to the order.
    flow.get_by_role("button", name="Bake the pizza").click()
    expect(page.get_by_label("Route")).to_have_value("Bike")
    expect(flow.get_by_text(re.compile("Finished"))).to_be_visible()
    changes = page.get_by_role("region", name="History").get_by_role("list", name="What changed").first
    expect(changes.get_by_role("listitem").filter(has_text=re.compile("Route.*Bike"))).to_be_visible()
    shoot(page, shots, "message-moved.png", full_page=True)

    page.goto(order_url)
    history = page.get_by_role("region", name="History")
    reload_until(page, history.get_by_text(message("pizza")))
    expect(page.get_by_role("region", name="Flow").get_by_text(re.compile("Finished"))).to_be_visible()
