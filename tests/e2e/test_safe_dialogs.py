"""Enter, Enter on a record's Delete button deletes nothing: the question opens with Cancel in focus."""

from __future__ import annotations

from playwright.sync_api import FloatRect, Page, expect

from tests.e2e.journeys import create_workspace, sign_in, sign_up_and_confirm
from tests.e2e.stack import LoomStack
from tests.e2e.test_stock_story import add_record, design_stock_item


def overlap(one: FloatRect | None, other: FloatRect | None) -> bool:
    """Whether two boxes on the screen share any area."""
    assert one is not None and other is not None
    return (
        one["x"] < other["x"] + other["width"]
        and other["x"] < one["x"] + one["width"]
        and one["y"] < other["y"] + other["height"]
        and other["y"] < one["y"] + one["height"]
    )


def test_enter_twice_never_deletes(stack: LoomStack, page: Page) -> None:
    email = "careful.clerk@example.com"
    sign_up_and_confirm(stack, page, email)
    sign_in(page, email)
    create_workspace(page, "X Careful Stock")
    design_stock_item(page)
    page.get_by_role("link", name="Open records").click()
    grid = page.get_by_role("grid", name="Records of Stock item")
    add_record(page, "BOX", "A-1", "12.5", "3")
    row = grid.get_by_role("row").filter(has_text="A-1")
    expect(row).to_be_visible()

    # Enter on Delete opens the question with Cancel in focus; the second Enter is Cancel.
    row.get_by_role("button", name="Delete", exact=True).press("Enter")
    dialog = page.get_by_role("dialog", name="Delete this record?")
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    expect(dialog.get_by_role("button", name="Close", exact=True)).to_be_visible()
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(row).to_be_visible()
    expect(page.get_by_text("Record deleted")).to_have_count(0)
    page.reload()  # still there on the server, not only on the screen
    expect(row).to_be_visible()

    # A click on the red button deletes it; the notice leaves the page's button free.
    row.get_by_role("button", name="Delete", exact=True).click()
    dialog.get_by_role("button", name="Delete record").click()
    notice = page.get_by_role("alert").filter(has_text="Record deleted")
    expect(notice).to_be_visible()
    expect(page.get_by_role("heading", name="No records yet")).to_be_visible()
    expect(row).to_have_count(0)
    new_record = page.get_by_role("button", name="New record")
    expect(new_record).to_be_visible()
    assert not overlap(notice.bounding_box(), new_record.bounding_box())
