"""What every storage backend does, checked on the folder and on S3 alike."""

from __future__ import annotations

import io
import uuid

import pytest
import requests
from werkzeug.http import parse_options_header

from core.files.storage import Storage
from tests.core.files.fixtures import everything_stored

MIB = 1024 * 1024


class OneWayStream(io.RawIOBase):
    """An upload that can be read once, front to back, in small chunks."""

    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self.data[self.at : self.at + min(len(buffer), 64 * 1024)]
        buffer[: len(chunk)] = chunk
        self.at += len(chunk)
        return len(chunk)


def lines_of(count: int, width: int = 99) -> bytes:
    return b"".join(f"{n:0{width}d}\n".encode() for n in range(count))


def test_a_whole_upload_is_written_from_a_stream_and_read_back_from_any_offset(files: Storage):
    data = lines_of(70_000)  # 7 MB: more than one part for S3
    file_id = uuid.uuid4()
    assert files.write(file_id, OneWayStream(data), "text/csv") == len(data)
    assert files.size(file_id) == len(data)
    with files.open(file_id) as handle:
        assert handle.readline() == data[:100]
        assert handle.read() == data[100:]
    with files.open(file_id, 6_000_000) as handle:
        assert handle.read() == data[6_000_000:]
    with files.open(file_id, len(data)) as handle:  # at the very end: nothing more
        assert handle.read() == b""


def test_appended_steps_make_one_file_even_when_each_step_runs_twice(app, backend, files: Storage):
    # 3, 3, 1.5, 0.1 and 2 MB: on S3 the first two make a part (5 MiB at least), the rest the last one.
    steps = [lines_of(30_000), lines_of(30_000), lines_of(30_000, 49), lines_of(1000), lines_of(20_000)]
    file_id = uuid.uuid4()
    state, before = None, everything_stored(app)
    for number, data in enumerate(steps):
        last = number == len(steps) - 1
        # A first run whose job never committed, then the run that counts, from the same state.
        files.append(file_id, data, state, content_type="text/csv", last=last)
        state = files.append(file_id, data, state, content_type="text/csv", last=last)
    expected = b"".join(steps)
    assert state["size"] == len(expected) == files.size(file_id)
    if backend == "s3":
        assert [number for number, _etag in state["parts"]] == [1]  # the last part goes with the completion
    assert len(everything_stored(app) - before) == 1  # the file alone: no pending part is left
    with files.open(file_id) as handle:
        assert handle.read() == expected


def test_a_file_smaller_than_a_part_takes_one_step(files: Storage):
    file_id = uuid.uuid4()
    state = files.append(file_id, b"id,name\n1,Ann\n", None, content_type="text/csv", last=True)
    assert state["size"] == 14 == files.size(file_id)
    with files.open(file_id) as handle:
        assert handle.read() == b"id,name\n1,Ann\n"


def test_delete_removes_a_file_and_what_an_unfinished_export_left(app, files: Storage):
    before = everything_stored(app)
    done, unfinished = uuid.uuid4(), uuid.uuid4()
    files.write(done, io.BytesIO(b"a,b\n"), "text/csv")
    state = files.append(unfinished, lines_of(1000), None, content_type="text/csv")
    files.append(unfinished, lines_of(1000), state, content_type="text/csv")
    assert everything_stored(app) != before
    files.delete(done)
    files.delete(unfinished)
    assert everything_stored(app) == before
    assert files.size(done) is None
    files.delete(done)  # nothing there: no error


def test_a_missing_file_has_no_size_and_cannot_be_opened(files: Storage):
    missing = uuid.uuid4()
    assert files.size(missing) is None
    with pytest.raises(FileNotFoundError):
        files.open(missing)


def test_the_download_names_the_file_and_its_type(app, backend, files: Storage):
    file_id = uuid.uuid4()
    files.write(file_id, io.BytesIO(b"id\n1\n"), "text/csv")
    with app.test_request_context():
        response = files.send(file_id, name="stock-2025.csv", content_type="text/csv")
        if backend == "s3":  # a short-lived link straight to the bucket
            assert response.status_code == 302 and response.headers["Cache-Control"] == "no-store"
            fetched = requests.get(response.headers["Location"], timeout=30)
            headers, body = fetched.headers, fetched.content
        else:
            response.direct_passthrough = False
            headers, body = response.headers, response.get_data()
            response.close()
    assert body == b"id\n1\n"
    assert headers["Content-Type"].startswith("text/csv")
    assert parse_options_header(headers["Content-Disposition"]) == ("attachment", {"filename": "stock-2025.csv"})
