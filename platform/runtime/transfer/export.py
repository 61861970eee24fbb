"""CSV export of a filtered list, as a background job that ends with a download link.

Moments (created, updated, date-and-time columns) are written in the workspace's timezone as
``2026-11-01 09:00:00``, without offset or fractions of a second: what spreadsheets read as a
date and time, and what an import reads back in the same timezone. The "Excel-friendly" form
starts with a UTF-8 byte order mark and, in a German workspace, separates cells with ``;`` and
writes decimal numbers with a decimal comma, as German Excel expects. Lines end with CRLF.
"""

from __future__ import annotations

import csv
import io
import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from core import clock
from core.files import storage
from core.files.models import StoredFile
from core.identity.models import Tenant
from core.jobs.models import Job
from core.jobs.operations import start_job
from designer.blueprints.models import Blueprint
from engine.schema import Schema
from engine.schema.columns import ColumnType
from runtime.entities.queries import list_entities
from runtime.transfer.files import new_csv_file
from runtime.transfer.links import download_path

KIND = "entities.export"
PAGE = 2000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MOMENT = "%Y-%m-%d %H:%M:%S"


def local_time(value: datetime | str, zone: ZoneInfo) -> str:
    """A moment (or its stored form) as the workspace's clocks showed it, to the second."""
    moment = datetime.fromisoformat(value.replace("Z", "+00:00")) if isinstance(value, str) else value
    return moment.astimezone(zone).strftime(MOMENT)


def cell(value: Any) -> str:
    """A CSV cell; text that a spreadsheet would run as a formula is quoted with a leading '."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def start_export(db_session: Session, blueprint: Blueprint, args: dict[str, Any], user_id: int) -> Job:
    check = list_entities(db_session, blueprint, {**args, "limit": 1, "cursor": None})  # 422 on bad filters now
    tenant = db_session.get(Tenant, blueprint.tenant_id)
    assert tenant is not None
    excel = bool(args.get("excel"))
    stamp = clock.now().astimezone(ZoneInfo(tenant.timezone)).strftime("%Y%m%d-%H%M")
    stored = new_csv_file(db_session, blueprint.tenant_id, f"{blueprint.key}-{stamp}.csv", "export", user_id, 7)
    params = {
        "blueprint_id": str(blueprint.id),
        "file_id": str(stored.id),
        "filter": args.get("filter"),
        "sort": args.get("sort"),
        "q": args.get("q"),
        "zone": tenant.timezone,
        "excel": excel,
        "delimiter": ";" if excel and tenant.language == "de" else ",",
    }
    return start_job(
        db_session, KIND, tenant_id=blueprint.tenant_id, params=params, total=check["count"]["value"], user_id=user_id
    )


def export_step(db_session: Session, job: Job) -> bool:
    blueprint = db_session.get(Blueprint, uuid.UUID(job.params["blueprint_id"]))
    file_id = uuid.UUID(job.params["file_id"])
    assert blueprint is not None and blueprint.current_version is not None
    schema = Schema.parse(blueprint.current_version.columns)
    keys = list(schema.keys())
    kinds = {column.key: column.type for column in schema.columns}
    zone = ZoneInfo(job.params.get("zone", "UTC"))
    delimiter = job.params.get("delimiter", ",")
    decimal_comma = delimiter == ";"
    first = "cursor" not in job.state
    args = {
        "filter": job.params["filter"],
        "sort": job.params["sort"],
        "q": job.params["q"],
        "limit": PAGE,
        "cursor": job.state.get("cursor"),
    }
    if not first and "upload" not in job.state:
        raise RuntimeError("This export began before an upgrade of Loom; export again.")
    page = list_entities(db_session, blueprint, args, count=False, bounded=False)  # every record, in order
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    if first:
        if job.params.get("excel"):
            buffer.write("\ufeff")
        writer.writerow(["id", "created_at", "updated_at", *keys])
    for entity in page["items"]:
        row = [str(entity.id), local_time(entity.created_at, zone), local_time(entity.updated_at, zone)]
        for key in keys:
            value = entity.data.get(key)
            if value is None:
                row.append("")
            elif kinds[key] == ColumnType.DATETIME:
                row.append(local_time(value, zone))
            elif kinds[key] in (ColumnType.INTEGER, ColumnType.DECIMAL):  # a number, never a formula
                row.append(str(value).replace(".", ",") if decimal_comma else str(value))
            else:
                row.append(cell(value))
        writer.writerow(row)
    last = not page["next_cursor"]
    # Written where the committed state says the file ends: a step run again replaces its own rows.
    upload = storage.current().append(
        file_id, buffer.getvalue().encode(), job.state.get("upload"), content_type="text/csv", last=last
    )
    job.done += len(page["items"])
    job.state = {"cursor": page["next_cursor"], "upload": upload}
    if not last:
        return False
    stored = db_session.get(StoredFile, file_id)
    assert stored is not None
    stored.size = upload["size"]
    job.result = {
        "file_id": str(file_id),
        "name": stored.name,
        "rows": job.done,
        "download_url": download_path(stored.tenant_id, file_id),
    }
    return True
