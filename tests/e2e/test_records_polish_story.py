"""Records that keep their place: filters in the address, background work found again, cards on a phone,
and a designer that warns about clashing column names and leads to the column that needs attention."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.journeys import create_workspace, expect_record_version, sign_in, sign_up_and_confirm
from tests.e2e.shots import shot
from tests.e2e.stack import LoomStack
from tests.e2e.test_stock_story import add_record, design_stock_item


def test_records_polish_story(stack: LoomStack, page: Page) -> None:
    email = "tidy.keeper@example.com"
    sign_up_and_confirm(stack, page, email)
    sign_in(page, email)
    create_workspace(page, "X Tidy Stock")
    design_stock_item(page)

    # The designer: system columns read-only, a second "Space" is warned about, the banner leads to the column.
    expect(page.get_by_role("region", name="Columns every record has")).to_contain_text("created_at")
    page.get_by_role("button", name="Add column").click()
    extra = page.get_by_role("group", name="Column 6")
    extra.get_by_label("Column name").fill("Space")
    expect(extra.get_by_role("note")).to_contain_text('Another column is also called "Space"')
    expect(extra.get_by_role("note")).to_contain_text("space_2")
    extra.get_by_label("Key").fill("id")
    page.get_by_role("button", name="Save draft").click()
    banner = page.get_by_role("alert").filter(has_text="Some columns need attention")
    expect(banner).to_be_visible()
    page.mouse.wheel(0, -5000)
    shot(page, "rec-designer", full_page=True)
    banner.get_by_role("button", name="Space").click()
    key = extra.get_by_label("Key")
    expect(key).to_be_focused()
    expect(key).to_be_in_viewport()
    extra.get_by_role("button", name="Remove column Space").click()
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved")).to_be_visible()

    # Filter and sort are kept in the address: a reload shows the same records in the same order.
    page.get_by_role("link", name="Open records").click()
    grid = page.get_by_role("grid", name="Records of Stock item")
    add_record(page, "BOX", "A-1", "12.5", "3")
    add_record(page, "PALLET", "B-2", "300", "1")
    add_record(page, "PALLET", "C-3", "7.25", "10")
    page.get_by_role("button", name="Filter", exact=True).click()
    page.get_by_role("combobox", name="Filter column").click()
    page.get_by_role("option", name="Type", exact=True).click()
    page.get_by_role("combobox", name="Filter operator").click()
    page.get_by_role("option", name="is", exact=True).click()
    page.get_by_role("combobox", name="Filter value").click()
    page.get_by_role("option", name="PALLET", exact=True).click()
    page.get_by_role("button", name="Apply filters").click()
    grid.get_by_role("button", name="Quantity").click()
    expect(page).to_have_url(re.compile(r"filter=.*PALLET.*"))
    expect(page).to_have_url(re.compile(r"sort=.*quantity.*"))
    page.reload()
    expect(page.get_by_text("1 filter")).to_be_visible()
    expect(grid.get_by_role("row").filter(has_text="A-1")).to_have_count(0)
    expect(grid.get_by_role("columnheader", name=re.compile("Quantity"))).to_have_attribute("aria-sort", "ascending")
    rows = grid.get_by_role("row")
    expect(rows).to_have_count(3)
    expect(rows.nth(1)).to_contain_text("B-2")
    expect(rows.nth(2)).to_contain_text("C-3")

    # Export, close the dialog, and find the download again under Background work.
    page.get_by_role("button", name="Export CSV").click()
    dialog = page.get_by_role("dialog", name="Exporting records")
    dialog.get_by_role("button", name="Export", exact=True).click()
    expect(dialog.get_by_text("2 records exported")).to_be_visible(timeout=30000)
    dialog.get_by_role("button", name="Close", exact=True).last.click()
    expect(dialog).to_be_hidden()
    page.get_by_role("button", name=re.compile("^Background work")).click()
    drawer = page.get_by_role("dialog", name="Background work")
    export = drawer.get_by_role("listitem", name="Export of Stock item")
    expect(export.get_by_text("Done", exact=True)).to_be_visible(timeout=30000)
    expect(export).to_be_in_viewport(ratio=1)  # the drawer has slid in
    shot(page, "rec-background-work")
    with page.expect_download() as download_info:
        export.get_by_role("link", name=re.compile(r"^Download stock_item-.*\.csv$")).click()
    content = download_info.value.path().read_text(encoding="utf-8")
    assert "B-2" in content and "C-3" in content and "A-1" not in content
    page.keyboard.press("Escape")
    expect(drawer).to_be_hidden()

    # Every column shown on a narrower screen: the table scrolls sideways, no chip or column is cut.
    page.set_viewport_size({"width": 1024, "height": 800})
    page.get_by_role("button", name="Columns", exact=True).click()
    for label in ("ID", "Updated"):
        page.get_by_role("checkbox", name=label, exact=True).check()
    page.keyboard.press("Escape")
    expect(page.get_by_role("checkbox", name="Updated", exact=True)).to_be_hidden()
    chip = grid.get_by_text("PALLET").first
    assert chip.evaluate("element => element.scrollWidth <= element.clientWidth")
    actions = grid.get_by_role("columnheader", name="Actions")
    actions.scroll_into_view_if_needed()
    expect(actions).to_be_in_viewport(ratio=1)
    first_row = grid.get_by_role("row").nth(1)
    expect(first_row.get_by_role("link", name="Open")).to_be_in_viewport(ratio=1)
    for action in (first_row.get_by_role("link", name="Open"), first_row.get_by_role("button", name="Delete")):
        assert action.evaluate("element => element.scrollWidth <= element.clientWidth + 1")
        box = action.bounding_box()
        assert box is not None and box["height"] < 40  # on one line, not broken into letters
    shot(page, "rec-grid-wide")

    # On a phone the records are cards; the record's name opens it, without sideways scrolling.
    page.set_viewport_size({"width": 390, "height": 844})
    cards = page.get_by_role("list", name="Records of Stock item")
    expect(cards).to_be_visible()
    expect(grid).to_be_hidden()
    card = cards.get_by_role("listitem").filter(has_text="C-3")
    name = card.get_by_role("link", name="PALLET")
    box = name.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 390
    assert page.evaluate("document.querySelector('main').scrollWidth") <= 390
    expect(page.get_by_role("button", name=re.compile("^Background work"))).to_be_in_viewport(ratio=1)
    shot(page, "rec-records-390", full_page=True)
    name.click()
    expect_record_version(page, 1)
