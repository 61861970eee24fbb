"""CSV import: upload, map CSV headers to columns, then validate and create records in a background job.

Each step reads the next rows from the byte offset the previous step stopped at, so a crash
resumes where it was, and progress shows as rows are done. Invalid rows are reported by row
number with their field errors and nothing is written for them.
"""

from __future__ import annotations

import codecs
import csv
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import IO, Any

from sqlalchemy.orm import Session

from core import clock
from core.errors import Invalid
from core.events import emit
from core.files import storage
from core.files.models import StoredFile
from core.jobs.models import Job
from core.jobs.operations import start_job
from designer.blueprints.models import Blueprint
from engine.schema import Schema
from runtime.entities.writer import create_records

KIND = "entities.import"
ROWS_PER_STEP = 2000
MAX_REPORTED = 1000
MAX_COLUMNS = 300


def _rows(handle: IO[bytes], offset: int) -> Iterator[tuple[list[str], int]]:
    """CSV rows of ``handle``, which starts at byte ``offset`` of the file, each with the offset just after it."""
    decoder = codecs.getincrementaldecoder("utf-8-sig" if offset == 0 else "utf-8")(errors="replace")
    position = offset

    def lines() -> Iterator[str]:
        nonlocal position
        while line := handle.readline():
            position += len(line)
            yield decoder.decode(line)

    for row in csv.reader(lines()):
        yield row, position


def receive_upload(
    db_session: Session, tenant_id: uuid.UUID, upload: Any, user_id: int
) -> tuple[StoredFile, dict[str, Any]]:
    """Describe the uploaded CSV (headers, a sample, the number of rows), then keep it.

    The upload is read where the request left it (a temporary file past a small size), so a file
    that is refused is never stored, and a stored one is streamed to the storage, not held in memory.
    """
    stream = _seekable(upload.stream)
    rows = _rows(stream, 0)
    try:
        headers = next(rows)[0]
    except StopIteration:
        raise Invalid({"file": ["The file is empty."]}) from None
    sample: list[list[str]] = []
    count = 0
    for row, _ in rows:
        count += 1
        if len(sample) < 5:
            sample.append(row)
    if not headers or len(headers) > MAX_COLUMNS or len(set(headers)) != len(headers):
        raise Invalid({"file": ["The first line must name each column once (at most 300)."]})
    stored = StoredFile(
        tenant_id=tenant_id,
        name=(upload.filename or "import.csv")[:255],
        content_type="text/csv",
        purpose="import",
        created_by=user_id,
        expires_at=clock.now() + timedelta(days=2),
    )
    db_session.add(stored)
    db_session.flush()
    stream.seek(0)
    stored.size = storage.current().write(stored.id, stream, stored.content_type)
    return stored, {"headers": headers, "sample": sample, "rows": count}


def _seekable(stream: IO[bytes]) -> IO[bytes]:
    """The stream itself, or a temporary copy of it when it cannot be read twice."""
    if stream.seekable():
        stream.seek(0)
        return stream
    copy = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)  # noqa: SIM115 - lives as long as the request
    shutil.copyfileobj(stream, copy)
    copy.seek(0)
    return copy


def suggest_mapping(schema: Schema, headers: list[str]) -> dict[str, str | None]:
    """Match CSV headers to columns by key or label, ignoring case and spaces."""

    def norm(text: str) -> str:
        return "".join(ch for ch in text.lower() if ch.isalnum())

    by_name = {norm(c.key): c.key for c in schema.columns} | {norm(c.label): c.key for c in schema.columns}
    return {header: by_name.get(norm(header)) for header in headers}


def start_import(
    db_session: Session,
    blueprint: Blueprint,
    stored: StoredFile,
    mapping: dict[str, str | None],
    rows: int,
    user_id: int,
) -> Job:
    if blueprint.current_version is None:
        raise Invalid({"blueprint": [f"Publish {blueprint.name} before importing records."]})
    schema = Schema.parse(blueprint.current_version.columns)
    errors = {
        f"mapping.{h}": [f"No column '{k}' in {blueprint.name}."]
        for h, k in mapping.items()
        if k and not schema.column(k)
    }
    targets = [k for k in mapping.values() if k]
    if len(targets) != len(set(targets)):
        errors["mapping"] = ["Each column can be filled from one CSV column only."]
    if not targets:
        errors["mapping"] = ["Map at least one CSV column to a column of the blueprint."]
    if errors:
        raise Invalid(errors)
    params = {"blueprint_id": str(blueprint.id), "file_id": str(stored.id), "mapping": mapping}
    return start_job(db_session, KIND, tenant_id=blueprint.tenant_id, params=params, total=rows, user_id=user_id)


def import_step(db_session: Session, job: Job) -> bool:
    blueprint = db_session.get(Blueprint, uuid.UUID(job.params["blueprint_id"]))
    assert blueprint is not None and blueprint.current_version is not None
    version = blueprint.current_version
    mapping: dict[str, str | None] = job.params["mapping"]
    result = {"created": 0, "failed": 0, "errors": [], **(job.result or {})}
    offset, line = job.state.get("offset", 0), job.state.get("line", 1)
    rows: list[dict[str, Any]] = []
    lines: list[int] = []
    finished = True
    with storage.current().open(uuid.UUID(job.params["file_id"]), offset) as handle:
        csv_rows = _rows(handle, offset)
        headers = job.state.get("headers")
        if headers is None:
            headers, offset = next(csv_rows)
        for row, position in csv_rows:
            line += 1
            offset = position
            rows.append({key: v for h, v in zip(headers, row, strict=False) if (key := mapping.get(h))})
            lines.append(line)
            if line - job.state.get("line", 1) >= ROWS_PER_STEP:
                finished = False
                break
    # The record writer's batch form validates each row, inserts the valid ones and announces
    # each (their flows start then); rows it refuses are reported by line.
    created, failures = create_records(db_session, blueprint, version, rows, job.created_by)
    result["created"] += len(created)
    refused = {f.index for f in failures if "record" not in f.errors}
    result["failed"] += len(refused)
    for failure in failures:
        if len(result["errors"]) < MAX_REPORTED:
            result["errors"].append({"line": lines[failure.index], "errors": failure.errors})
    job.done = result["created"] + result["failed"]
    job.state = {"offset": offset, "line": line, "headers": headers}
    job.result = result
    return finished


def on_finished(db_session: Session, job: Job) -> None:
    """The whole import is done (or failed): ``import.finished`` with its counts."""
    blueprint = db_session.get(Blueprint, uuid.UUID(job.params["blueprint_id"]))
    result = job.result or {}
    data = {
        "job_id": str(job.id),
        "blueprint": blueprint.key if blueprint else None,
        "status": job.status.value,
        "created": result.get("created", 0),
        "failed": result.get("failed", 0),
        "error": job.error,
    }
    assert job.tenant_id is not None
    blueprint_id = blueprint.id if blueprint else None
    emit(db_session, "import.finished", job.tenant_id, data, user_id=job.created_by, blueprint_id=blueprint_id)
