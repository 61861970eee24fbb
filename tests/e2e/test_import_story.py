"""Importing CSV files as people have them: a German Excel file whole, and one with bad rows in part."""

from __future__ import annotations

import csv
import io

from playwright.sync_api import Page, expect

from tests.e2e.journeys import choose, create_workspace, design_blueprint, sign_in, sign_up_and_confirm
from tests.e2e.shots import shot
from tests.e2e.stack import LoomStack

COLUMNS = [
    ("Type", "Choice", ["BOX", "PALLET"]),
    ("Space", "Text", None),
    ("Weight", "Decimal number", None),
    ("Quantity", "Whole number", None),
    ("Due", "Date", None),
    ("Timestamp", "Date and time", None),
]
# What German Excel saves as "CSV (Trennzeichen-getrennt)": cp1252, semicolons, decimal commas,
# dd.mm.yyyy, local times without a zone, CRLF and an empty row at the end.
GERMAN_EXCEL = (
    "Type;Space;Weight;Menge;Due;Timestamp\r\n"
    "BOX;Süd-1;1.234,5;3;01.11.2026;01.11.2026 09:00\r\n"
    "PALLET;Nord-2;0,75;12;24.12.2026;24.12.2026 18:30\r\n"
    "BOX;Straße 3;12,25;1;02.01.2027;02.01.2027 07:15\r\n"
    ";;;;;\r\n"
).encode("cp1252")
SOME_BAD = b"Type,Space,Weight,Quantity\nBOX,Ok-1,1.5,2\nSACK,Bad-1,2,1\nPALLET,Ok-2,3,4\nBOX,Bad-2,4,seven\n"


def design(page: Page) -> None:
    design_blueprint(page, "Stock item", COLUMNS)


def upload(page: Page, name: str, content: bytes) -> None:
    page.get_by_role("button", name="Import CSV").click()
    dialog = page.get_by_role("dialog", name="Import records")
    dialog.get_by_label("CSV file").set_input_files({"name": name, "mimeType": "text/csv", "buffer": content})


def test_import_story(stack: LoomStack, page: Page) -> None:
    email = "csv.importer@example.com"
    sign_up_and_confirm(stack, page, email)
    sign_in(page, email)
    create_workspace(page, "X Lager")  # in the browser's timezone, Europe/Berlin
    design(page)
    page.get_by_role("link", name="Open records").click()
    grid = page.get_by_role("grid", name="Records of Stock item")
    expect(page.get_by_text("No records yet")).to_be_visible()

    # A German Excel file: what was found is shown, every row is checked, then all are imported.
    upload(page, "lager.csv", GERMAN_EXCEL)
    dialog = page.get_by_role("dialog", name="Import records")
    expect(dialog.get_by_text("3 rows to import")).to_be_visible()
    expect(dialog.get_by_role("combobox", name="Encoding")).to_have_value("Windows-1252 (Western Europe)")
    expect(dialog.get_by_role("combobox", name="Separator")).to_have_value("Semicolon ( ; )")
    expect(dialog.get_by_role("combobox", name="Numbers and dates as written in")).to_have_value(
        "German (1.234,5 / 01.11.2026)"
    )
    expect(dialog.get_by_role("cell", name="Süd-1", exact=True)).to_be_visible()
    choose(page, "Column for Menge", "Quantity", scope=dialog)
    shot(dialog, "csv-mapping")
    dialog.get_by_role("button", name="Check the rows").click()
    expect(dialog.get_by_text("3 rows can be imported")).to_be_visible(timeout=30000)
    dialog.get_by_role("button", name="Import the 3 valid rows").click()
    result = dialog.get_by_role("status").filter(has_text="All rows imported")
    expect(result).to_be_visible(timeout=30000)
    expect(result).to_have_attribute("data-tone", "green")
    expect(dialog.get_by_text("3 records created")).to_be_visible()
    shot(dialog, "csv-german-imported")
    dialog.get_by_role("button", name="Close").last.click()
    expect(page.get_by_text("3 records")).to_be_visible()
    row = grid.get_by_role("row").filter(has_text="Süd-1")
    expect(row.get_by_role("gridcell", name="1,234.5")).to_be_visible()
    expect(row.get_by_role("gridcell").filter(has_text="9:00")).to_be_visible()  # 09:00 in Berlin, as written
    expect(grid.get_by_role("row").filter(has_text="Straße 3")).to_be_visible()

    # A file with bad rows: the check lists them, the valid ones are imported, the rest can be downloaded.
    upload(page, "some-bad.csv", SOME_BAD)
    expect(dialog.get_by_role("combobox", name="Separator")).to_have_value("Comma ( , )")
    dialog.get_by_role("button", name="Check the rows").click()
    expect(dialog.get_by_text("2 rows have problems and will not be imported")).to_be_visible(timeout=30000)
    report = dialog.get_by_role("table", name="Rows with problems")
    expect(report.get_by_role("row").filter(has_text="Type").filter(has_text="3")).to_be_visible()
    expect(report.get_by_role("row").filter(has_text="Quantity").filter(has_text="5")).to_be_visible()
    expect(page.get_by_text("3 records")).to_be_visible()  # nothing written by the check
    shot(dialog, "csv-check-report")
    dialog.get_by_role("button", name="Import the 2 valid rows").click()
    result = dialog.get_by_role("status").filter(has_text="Some rows were not imported")
    expect(result).to_be_visible(timeout=30000)
    expect(result).to_have_attribute("data-tone", "yellow")
    expect(dialog.get_by_text("2 records created")).to_be_visible()
    shot(dialog, "csv-partial-result")
    with page.expect_download() as download_info:
        dialog.get_by_role("link", name="Download the rejected rows").click()
    text = download_info.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Type", "Space", "Weight", "Quantity", "reason"]
    assert [r[1] for r in rows[1:]] == ["Bad-1", "Bad-2"] and all(r[4] for r in rows[1:])
    dialog.get_by_role("button", name="Close").last.click()
    expect(page.get_by_text("5 records")).to_be_visible()
