"""Reading CSV files as spreadsheets write them: encodings, separators, numbers and dates, resuming mid-file."""

from __future__ import annotations

import io
from zoneinfo import ZoneInfo

import pytest

from engine.schema.columns import Column, ColumnType
from runtime.transfer import csvfile
from runtime.transfer.written import read_cell

TEXT = 'Name;Ort;Betrag\r\nMüller;Köln;1.234,50\r\n"Schön; Söhne";"Straße\r\nHof 2";3,5\r\nÆbleø;Århus;7\r\n'
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("utf-8-sig"), "utf-8"),
        (TEXT.encode("cp1252"), "cp1252"),
        (TEXT.encode("utf-16"), "utf-16-le"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_the_encoding_and_separator_are_found_and_rows_resume_at_any_offset_handed_out(data, encoding):
    dialect = csvfile.detect(data)
    assert dialect == csvfile.Dialect(encoding, ";")
    rows = list(csvfile.rows(io.BytesIO(data), 0, dialect))
    assert [row for row, _ in rows] == [
        ["Name", "Ort", "Betrag"],
        ["Müller", "Köln", "1.234,50"],
        ["Schön; Söhne", "Straße\r\nHof 2", "3,5"],
        ["Æbleø", "Århus", "7"],
    ]
    for index, (_, offset) in enumerate(rows):  # a step that stopped after any row goes on from there
        handle = io.BytesIO(data)
        handle.seek(offset)
        assert [row for row, _ in csvfile.rows(handle, offset, dialect)] == [row for row, _ in rows[index + 1 :]]


def test_a_sample_that_cuts_a_character_in_two_is_still_utf8():
    data = "a,b\nä,ö\n".encode()
    assert csvfile.detect(data[:-2]).encoding == "utf-8"


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [("a,b\n1,2\n", ","), ("a\tb\n1\t2\n", "\t"), ("a|b\n1|2\n", "|"), ("one\n1\n", ","), ("", ",")],
)
def test_the_separator_falls_back_to_a_comma(text, delimiter):
    assert csvfile.detect(text.encode()).delimiter == delimiter


def test_a_quote_never_closed_is_not_csv():
    with pytest.raises(csvfile.Unreadable, match="Line 2"):
        list(csvfile.rows(io.BytesIO(b'a,b\n"x' + b"y" * 200_000), 0, csvfile.Dialect("utf-8", ",")))


@pytest.mark.parametrize(
    ("kind", "text", "locale", "expected"),
    [
        (ColumnType.DECIMAL, "1.234,5", "de", "1234.5"),
        (ColumnType.DECIMAL, "-0,75 €", "de", "-0.75"),
        (ColumnType.DECIMAL, "1,234.5", "en", "1234.5"),
        (ColumnType.INTEGER, "1.234", "de", "1234"),
        (ColumnType.DATE, "01.11.2026", "de", "2026-11-01"),
        (ColumnType.DATE, "11/01/2026", "en", "2026-11-01"),
        (ColumnType.DATE, "2026-11-01", "de", "2026-11-01"),
        (ColumnType.DATETIME, "01.11.2026 09:00", "de", "2026-11-01T08:00:00.000000Z"),
        (ColumnType.DATETIME, "11/01/2026 09:00:30", "en", "2026-11-01T08:00:30.000000Z"),
        (ColumnType.DATETIME, "2026-07-01 09:00", "en", "2026-07-01T07:00:00.000000Z"),
        (ColumnType.DATETIME, "2026-10-25 02:30", "en", "2026-10-25T00:30:00.000000Z"),  # the first 02:30
        (ColumnType.TEXT, " 1.234,5 ", "de", " 1.234,5 "),
    ],
)
def test_cells_are_read_as_the_files_locale_writes_them(kind, text, locale, expected):
    assert read_cell(Column("k", "K", kind), text, locale, BERLIN) == expected


@pytest.mark.parametrize(
    ("kind", "text", "locale", "reason"),
    [
        (ColumnType.DECIMAL, "1,5", "en", "Must be a number like 1,234.5."),
        (ColumnType.DECIMAL, "1.5", "de", "Must be a number like 1.234,5."),
        (ColumnType.DATE, "31.02.2026", "de", "31.02.2026 is not a day of the calendar."),
        (ColumnType.DATE, "01.11.2026", "en", "Use a date like 2026-11-01 or 11/01/2026."),
        (ColumnType.DATETIME, "29.03.2026 02:30", "de", "2026-03-29 02:30 does not exist in Europe/Berlin"),
        (ColumnType.DATETIME, "2026-03-29 02:30", "en", "2026-03-29 02:30 does not exist in Europe/Berlin"),
        (ColumnType.DATETIME, "01.11.2026 25:00", "de", "Use a date and time like 01.11.2026 09:00."),
    ],
)
def test_cells_that_cannot_be_read_say_why(kind, text, locale, reason):
    with pytest.raises(ValueError, match="^" + reason.replace(".", r"\.").replace("(", r"\(")):
        read_cell(Column("k", "K", kind), text, locale, BERLIN)
