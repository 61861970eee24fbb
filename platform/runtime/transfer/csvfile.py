"""Reading a CSV file as people have it: its encoding and separator found, its rows read from a byte offset.

Spreadsheets write UTF-8 (with or without a byte order mark), UTF-16 ("Unicode text") or a
Windows code page (German Excel: cp1252 with ``;``). ``detect`` looks at a sample: a byte order
mark decides, then strict UTF-8, then charset-normalizer among the encodings below; the
separator comes from ``csv.Sniffer`` among , ; tab and |, else a comma. The person may change
both in the mapping step.

Rows are read line by line from a byte offset, so an import step resumes where the previous one
stopped: a line ends at the encoding's own newline (two bytes in UTF-16, on a character
boundary), so every offset handed out starts a character.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from charset_normalizer import from_bytes

# The encodings an import reads, by the name the API uses; each with the byte order mark it may start with.
ENCODINGS: dict[str, bytes] = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "cp1252": b"",
    "latin-1": b"",
}
DELIMITERS = (",", ";", "\t", "|")
CHUNK = 64 * 1024
# csv's own limit on a field (128 Ki characters) is above what any column keeps (long text: 100,000);
# a longer field, or a line longer than this many bytes, ends the reading with a clear reason.
MAX_LINE_BYTES = 4 * 1024 * 1024


class Unreadable(ValueError):
    """The file cannot be read as CSV with this encoding and separator (the message says why, for people)."""


@dataclass(frozen=True)
class Dialect:
    encoding: str
    delimiter: str


def detect(sample: bytes) -> Dialect:
    """The encoding and separator of a file that starts with ``sample``."""
    encoding = detect_encoding(sample)
    text = _decode(sample, encoding, 0)
    return Dialect(encoding, detect_delimiter(text))


def detect_encoding(sample: bytes) -> str:
    for name, bom in ENCODINGS.items():
        if bom and sample.startswith(bom):
            return name
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":  # the sample cut its last character in two
            return "utf-8"
    best = from_bytes(sample, cp_isolation=["utf_16_le", "utf_16_be", "cp1252", "latin_1"]).best()
    guessed = (best.encoding if best else "").replace("_", "-")
    if guessed in ENCODINGS:
        return guessed
    try:
        sample.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"  # decodes every byte


def detect_delimiter(text: str) -> str:
    lines = text.splitlines()[:50]
    if len(lines) > 1:
        lines = lines[:-1]  # the sample may end inside the last line
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        counts = {d: lines[0].count(d) for d in DELIMITERS} if lines else {}
        best = max(counts, key=lambda d: counts[d], default=",")
        return best if counts.get(best) else ","


def rows(handle: IO[bytes], offset: int, dialect: Dialect) -> Iterator[tuple[list[str], int]]:
    """The CSV rows of ``handle`` (positioned at byte ``offset`` of the file), each with the offset just after it.

    Raises ``Unreadable`` (with the line) where the file is not CSV: a field too long, a quote never closed."""
    if dialect.encoding not in ENCODINGS or dialect.delimiter not in DELIMITERS:
        raise Unreadable("Choose one of the offered encodings and separators.")
    position = offset
    line_number = 0

    def lines() -> Iterator[str]:
        nonlocal position, line_number
        for raw in _raw_lines(handle, dialect.encoding):
            text = _decode(raw, dialect.encoding, position)
            position += len(raw)
            line_number += 1
            yield text

    reader = csv.reader(lines(), delimiter=dialect.delimiter)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise Unreadable(f"Line {line_number} cannot be read as CSV: {exc}.") from None
        yield row, position


def _decode(raw: bytes, encoding: str, position: int) -> str:
    bom = ENCODINGS.get(encoding, b"")
    if position == 0 and bom and raw.startswith(bom):
        raw = raw[len(bom) :]
    return raw.decode(encoding, errors="replace")


def _raw_lines(handle: IO[bytes], encoding: str) -> Iterator[bytes]:
    """The bytes of each line, newline included; a newline counts only on a character boundary."""
    newline = "\n".encode(encoding)
    unit = len(newline)
    pending = b""
    while True:
        chunk = handle.read(CHUNK)
        if not chunk:
            break
        pending += chunk
        start = 0
        while (found := _find(pending, newline, start, unit)) >= 0:
            yield pending[start : found + unit]
            start = found + unit
        pending = pending[start:]
        if len(pending) > MAX_LINE_BYTES:
            raise Unreadable("A line of this file is too long to be a row of a table.")
    if pending:
        yield pending


def _find(data: bytes, newline: bytes, start: int, unit: int) -> int:
    """The next newline in ``data`` from ``start`` that begins on a character boundary, or -1."""
    found = data.find(newline, start)
    while found >= 0 and (found - start) % unit:
        found = data.find(newline, found + 1)
    return found
