"""CSV export of a filtered list, as a background job that ends with a download link."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from core import clock
from core.files import storage
from core.files.models import StoredFile
from core.jobs.models import Job
from core.jobs.operations import start_job
from designer.blueprints.models import Blueprint
from engine.schema import Schema
from runtime.entities.queries import list_entities
from runtime.transfer.links import download_path

KIND = "entities.export"
PAGE = 2000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
    stamp = clock.now().strftime("%Y%m%d-%H%M")
    stored = StoredFile(
        tenant_id=blueprint.tenant_id,
        name=f"{blueprint.key}-{stamp}.csv",
        content_type="text/csv",
        purpose="export",
        created_by=user_id,
        expires_at=clock.now() + timedelta(days=7),
    )
    db_session.add(stored)
    db_session.flush()
    params = {
        "blueprint_id": str(blueprint.id),
        "file_id": str(stored.id),
        "filter": args.get("filter"),
        "sort": args.get("sort"),
        "q": args.get("q"),
    }
    return start_job(
        db_session, KIND, tenant_id=blueprint.tenant_id, params=params, total=check["count"]["value"], user_id=user_id
    )


def export_step(db_session: Session, job: Job) -> bool:
    blueprint = db_session.get(Blueprint, uuid.UUID(job.params["blueprint_id"]))
    file_id = uuid.UUID(job.params["file_id"])
    assert blueprint is not None and blueprint.current_version is not None
    keys = list(Schema.parse(blueprint.current_version.columns).keys())
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
    writer = csv.writer(buffer)
    if first:
        writer.writerow(["id", "created_at", "updated_at", *keys])
    for entity in page["items"]:
        row = [str(entity.id), entity.created_at.isoformat(), entity.updated_at.isoformat()]
        writer.writerow(row + [cell(entity.data.get(key)) for key in keys])
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
