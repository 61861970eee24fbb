"""CSV import: upload, map CSV headers to columns, check every row, then create records in a background job.

An upload is described (its encoding and separator found, headers, a sample, the number of rows)
and kept. An import runs twice over the file, each time as a job of this kind: first a check
(``check``: every row read and validated, nothing written; the result lists each refused row by
number, column and reason), then, when the person chooses to import the valid rows, the import
itself, which writes every valid row through the record writer and keeps the refused ones, with a
``reason`` column, as a file to download.

Each step reads the next rows from the byte offset the previous step stopped at, so a crash
resumes where it was (the step's rows, offset and rejected-rows file are committed together), and
progress shows as rows are done.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
import unicodedata
import uuid
from typing import IO, Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from core.errors import Invalid
from core.events import emit
from core.files import storage
from core.files.models import StoredFile
from core.identity.models import Tenant
from core.jobs.models import Job
from core.jobs.operations import start_job
from designer.blueprints.models import Blueprint
from engine.schema import Schema
from runtime.entities.writer import check_records, create_records
from runtime.settings import app_settings
from runtime.transfer import csvfile
from runtime.transfer.csvfile import Dialect, Unreadable
from runtime.transfer.files import new_csv_file
from runtime.transfer.links import download_path
from runtime.transfer.written import LOCALES, read_cell

KIND = "entities.import"
ROWS_PER_STEP = 2000
MAX_COLUMNS = 300
SAMPLE_ROWS = 5


def _blank(row: list[str]) -> bool:
    return not any(cell.strip() for cell in row)


def describe(stream: IO[bytes], dialect: Dialect) -> dict[str, Any]:
    """Headers, the first rows and the number of rows (blank ones left out) of a CSV read as ``dialect``."""
    try:
        rows = csvfile.rows(stream, 0, dialect)
        headers = next(rows, ([], 0))[0]
        sample: list[list[str]] = []
        count = 0
        for row, _ in rows:
            if _blank(row):
                continue
            count += 1
            if len(sample) < SAMPLE_ROWS:
                sample.append(row)
    except Unreadable as exc:
        raise Invalid({"file": [str(exc)]}) from None
    if not headers or _blank(headers):
        raise Invalid({"file": ["The file is empty: its first line must name the columns."]})
    if any(_unprintable(header) for header in headers):
        raise Invalid({"file": [f"The first line is not readable text in {dialect.encoding}: is this a CSV file?"]})
    if len(headers) > MAX_COLUMNS or len(set(headers)) != len(headers):
        raise Invalid({"file": [f"The first line must name each column once (at most {MAX_COLUMNS})."]})
    return {
        "headers": headers,
        "sample": sample,
        "rows": count,
        "encoding": dialect.encoding,
        "delimiter": dialect.delimiter,
    }


def _unprintable(text: str) -> bool:
    return any(ch != "\t" and unicodedata.category(ch) == "Cc" for ch in text)


def receive_upload(
    db_session: Session, tenant_id: uuid.UUID, upload: Any, user_id: int
) -> tuple[StoredFile, dict[str, Any]]:
    """Describe the uploaded CSV (its encoding and separator found), then keep it.

    The upload is read where the request left it (a temporary file past a small size), so a file
    that is refused is never stored, and a stored one is streamed to the storage, not held in memory.
    """
    stream = _seekable(upload.stream)
    dialect = csvfile.detect(stream.read(app_settings().import_sample_bytes))
    stream.seek(0)
    info = describe(stream, dialect)
    stored = new_csv_file(db_session, tenant_id, (upload.filename or "import.csv")[:255], "import", user_id, 2)
    stream.seek(0)
    stored.size = storage.current().write(stored.id, stream, stored.content_type)
    return stored, info


def reread(stored: StoredFile, dialect: Dialect) -> dict[str, Any]:
    """An upload described again with the encoding and separator the person chose."""
    with storage.current().open(stored.id) as handle:
        return describe(handle, dialect)


def detected(stored: StoredFile) -> Dialect:
    """The encoding and separator of a kept upload, found as when it came."""
    with storage.current().open(stored.id) as handle:
        return csvfile.detect(handle.read(app_settings().import_sample_bytes))


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
    options: dict[str, Any],
    user_id: int,
    *,
    check: bool,
) -> Job:
    """A check of every row (``check``) or the import of the valid ones, as a job.

    ``options``: mapping, rows (the total shown as progress), encoding, delimiter and locale."""
    if blueprint.current_version is None:
        raise Invalid({"blueprint": [f"Publish {blueprint.name} before importing records."]})
    schema = Schema.parse(blueprint.current_version.columns)
    mapping: dict[str, str | None] = options["mapping"]
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
    if options["encoding"] not in csvfile.ENCODINGS:
        errors["encoding"] = ["Choose one of: " + ", ".join(csvfile.ENCODINGS) + "."]
    if options["delimiter"] not in csvfile.DELIMITERS:
        errors["delimiter"] = ["Choose a comma, a semicolon, a tab or a vertical bar."]
    if options["locale"] not in LOCALES:
        errors["locale"] = ["Choose one of: " + ", ".join(LOCALES) + "."]
    if errors:
        raise Invalid(errors)
    tenant = db_session.get(Tenant, blueprint.tenant_id)
    assert tenant is not None
    params = {
        "blueprint_id": str(blueprint.id),
        "file_id": str(stored.id),
        "mapping": mapping,
        "encoding": options["encoding"],
        "delimiter": options["delimiter"],
        "locale": options["locale"],
        "zone": tenant.timezone,
        "check": check,
    }
    return start_job(
        db_session, KIND, tenant_id=blueprint.tenant_id, params=params, total=options["rows"], user_id=user_id
    )


class _Batch:
    """The next rows of an import's file: each row's cells, its line, and what it fills."""

    def __init__(self) -> None:
        self.cells: list[list[str]] = []
        self.lines: list[int] = []
        self.values: list[dict[str, Any]] = []
        self.unread: dict[int, dict[str, list[str]]] = {}  # index -> cells the locale could not read
        self.finished = True


def _read_batch(job: Job, schema: Schema) -> tuple[_Batch, dict[str, Any]]:
    params = job.params
    mapping: dict[str, str | None] = params["mapping"]
    dialect = Dialect(params.get("encoding", "utf-8"), params.get("delimiter", ","))
    locale, zone = params.get("locale", "en"), ZoneInfo(params.get("zone", "UTC"))
    state = dict(job.state)
    offset, line = state.get("offset", 0), state.get("line", 1)
    batch = _Batch()
    with storage.current().open(uuid.UUID(params["file_id"]), offset) as handle:
        rows = csvfile.rows(handle, offset, dialect)
        headers: list[str] | None = state.get("headers")
        if headers is None:
            headers, offset = next(rows)
        for row, position in rows:
            line += 1
            offset = position
            if not _blank(row):
                _add(batch, schema, headers, mapping, row, line, locale, zone)
            if line - state.get("line", 1) >= ROWS_PER_STEP:
                batch.finished = False
                break
    state.update(offset=offset, line=line, headers=headers)
    return batch, state


def _add(
    batch: _Batch,
    schema: Schema,
    headers: list[str],
    mapping: dict[str, str | None],
    row: list[str],
    line: int,
    locale: str,
    zone: ZoneInfo,
) -> None:
    values: dict[str, Any] = {}
    unread: dict[str, list[str]] = {}
    for header, cell in zip(headers, row, strict=False):
        key = mapping.get(header)
        column = schema.column(key) if key else None
        if key is None or column is None:
            continue
        try:
            values[key] = read_cell(column, cell, locale, zone)
        except ValueError as exc:
            unread[key] = [str(exc)]
    if unread:
        batch.unread[len(batch.values)] = unread
    batch.cells.append(row)
    batch.lines.append(line)
    batch.values.append(values)


def import_step(db_session: Session, job: Job) -> bool:
    blueprint = db_session.get(Blueprint, uuid.UUID(job.params["blueprint_id"]))
    assert blueprint is not None and blueprint.current_version is not None
    version = blueprint.current_version
    schema = Schema.parse(version.columns)
    batch, state = _read_batch(job, schema)
    readable = [i for i in range(len(batch.values)) if i not in batch.unread]
    refused: dict[int, dict[str, list[str]]] = dict(batch.unread)
    check = bool(job.params.get("check"))
    rows = [batch.values[i] for i in readable]
    if check:
        failures = check_records(db_session, version, rows)
    else:
        # The record writer validates each row, inserts the valid ones and announces each (their
        # flows start then); a row refused only by a reaction (a flow that cannot start) is created.
        failures = create_records(db_session, blueprint, version, rows, job.created_by)[1]
    reported = {readable[f.index]: f.errors for f in failures}
    refused.update({i: e for i, e in reported.items() if "record" not in e})  # "record": created, a reaction failed
    result = _result(job, check)
    result["valid" if check else "created"] += len(batch.values) - len(refused)
    result["failed"] += len(refused)
    limit = app_settings().import_max_reported_rows
    for index in sorted(reported.keys() | refused.keys()):
        if len(result["errors"]) < limit:
            result["errors"].append(
                {"line": batch.lines[index], "errors": {**refused.get(index, {}), **reported.get(index, {})}}
            )
    if not check and (refused or (batch.finished and "rejected_file" in state)):
        rejected = [(batch.cells[i], refused[i]) for i in sorted(refused)]
        _keep_rejected(db_session, job, schema, state, rejected, last=batch.finished)
    job.done = result["failed"] + result["valid" if check else "created"]
    job.state = state
    if batch.finished and "rejected_file" in state:
        file_id = uuid.UUID(state["rejected_file"])
        result["rejected_url"] = download_path(blueprint.tenant_id, file_id)
    job.result = result
    return batch.finished


def _result(job: Job, check: bool) -> dict[str, Any]:
    empty: dict[str, Any] = {"valid": 0} if check else {"created": 0}
    return {**empty, "failed": 0, "errors": [], **(job.result or {})}


def _keep_rejected(
    db_session: Session,
    job: Job,
    schema: Schema,
    state: dict[str, Any],
    rows: list[tuple[list[str], dict[str, list[str]]]],
    *,
    last: bool,
) -> None:
    """Append this step's refused rows, as they were in the file and with a ``reason``, to the rejected-rows file."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=job.params.get("delimiter", ","), lineterminator="\r\n")
    if "rejected_file" not in state:
        assert job.tenant_id is not None  # an import is always a workspace's
        stored = new_csv_file(db_session, job.tenant_id, "rejected-rows.csv", "rejected", job.created_by, 2)
        state["rejected_file"] = str(stored.id)
        buffer.write("\ufeff")  # UTF-8 with a byte order mark: spreadsheets then read it as UTF-8
        writer.writerow([*state["headers"], "reason"])
    for cells, errors in rows:
        writer.writerow([*cells, reason(schema, errors)])
    file_id = uuid.UUID(state["rejected_file"])
    state["rejected_upload"] = storage.current().append(
        file_id, buffer.getvalue().encode(), state.get("rejected_upload"), content_type="text/csv", last=last
    )
    if last:
        stored_file = db_session.get(StoredFile, file_id)
        assert stored_file is not None
        stored_file.size = state["rejected_upload"]["size"]


def reason(schema: Schema, errors: dict[str, list[str]]) -> str:
    """One line for a refused row: "Qty: Must be a whole number. · Type: Choose one of: BOX."."""
    parts = []
    for key, messages in errors.items():
        column = schema.column(key)
        text = " ".join(messages) if isinstance(messages, list) else str(messages)
        parts.append(f"{column.label}: {text}" if column else text)
    return " · ".join(parts)


def on_finished(db_session: Session, job: Job) -> None:
    """The whole import is done (or failed): ``import.finished`` with its counts. A check announces nothing."""
    if job.params.get("check"):
        return
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
