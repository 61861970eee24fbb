"""The Stock story of the product brief, through the web UI only, by someone who never saw Loom."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.journeys import (
    choose,
    create_workspace,
    design_blueprint,
    expect_record_version,
    sign_in,
    sign_up_and_confirm,
)
from tests.e2e.stack import LoomStack

COLUMNS = [
    ("Type", "Choice", ["BOX", "PALLET"]),
    ("Space", "Text", None),
    ("Weight", "Decimal number", None),
    ("Quantity", "Whole number", None),
    ("Timestamp", "Date and time", None),
]


def design_stock_item(page: Page) -> None:
    design_blueprint(page, "Stock item", COLUMNS)


def add_record(page: Page, kind: str, space: str, weight: str, quantity: str) -> None:
    page.get_by_role("button", name="New record").click()
    expect(page.get_by_role("heading", name="New Stock item")).to_be_visible()
    choose(page, "Type", kind)
    page.get_by_label("Space").fill(space)
    page.get_by_label("Weight").fill(weight)
    page.get_by_label("Quantity").fill(quantity)
    page.get_by_role("button", name="Create record").click()
    expect_record_version(page, 1)
    page.get_by_role("link", name="Back to Stock item").click()
    expect(page.get_by_role("grid", name="Records of Stock item")).to_be_visible()


def test_stock_story(stack: LoomStack, page: Page) -> None:
    email = "stock.keeper@example.com"
    sign_up_and_confirm(stack, page, email)
    sign_in(page, email)
    create_workspace(page, "X Stock")
    design_stock_item(page)

    page.get_by_role("link", name="Open records").click()
    grid = page.get_by_role("grid", name="Records of Stock item")
    expect(page.get_by_role("heading", name="Stock item")).to_be_visible()
    add_record(page, "BOX", "A-1", "12.5", "3")
    add_record(page, "PALLET", "B-2", "300", "1")
    add_record(page, "BOX", "C-3", "7.25", "10")
    expect(page.get_by_text("3 records")).to_be_visible()

    # Edit a quantity in place.
    row = grid.get_by_role("row").filter(has_text="C-3")
    # Exactly "10": the row's times (7:10 AM) contain it too.
    row.get_by_role("gridcell", name="10", exact=True).dblclick()
    editor = page.get_by_label("Edit Quantity")
    editor.fill("12")
    editor.press("Enter")
    expect(row.get_by_role("gridcell").filter(has_text=re.compile(r"^12$"))).to_be_visible()

    # Sort by quantity, largest first.
    header = grid.get_by_role("button", name="Quantity")
    header.click()
    header.click()
    expect(grid.get_by_role("columnheader", name=re.compile("Quantity"))).to_have_attribute("aria-sort", "descending")
    expect(grid.get_by_role("row").nth(1)).to_contain_text("C-3")

    # Filter on the type.
    page.get_by_role("button", name="Filter", exact=True).click()
    choose(page, "Filter column", "Type")
    choose(page, "Filter operator", "is")
    choose(page, "Filter value", "PALLET")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("1 record")).to_be_visible()
    page.get_by_role("button", name="Clear filters").click()
    expect(page.get_by_text("3 records")).to_be_visible()

    # Delete one, with confirmation.
    grid.get_by_role("row").filter(has_text="B-2").get_by_role("button", name="Delete", exact=True).click()
    page.get_by_role("button", name="Delete record").click()
    expect(page.get_by_text("Record deleted")).to_be_visible()
    expect(page.get_by_text("2 records")).to_be_visible()

    # Export what is left, in the background, and download it.
    page.get_by_role("button", name="Export CSV").click()
    dialog = page.get_by_role("dialog", name="Exporting records")
    dialog.get_by_role("button", name="Export", exact=True).click()
    expect(dialog.get_by_text("2 records exported")).to_be_visible(timeout=30000)
    with page.expect_download() as download_info:
        dialog.get_by_role("link", name="Download CSV").click()
    content = download_info.value.path().read_text(encoding="utf-8")
    assert "A-1" in content and "C-3" in content and "B-2" not in content
