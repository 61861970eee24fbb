"""The hourly purge of expired files: bytes and rows go, live and busy files stay, one failure stays with its file."""

from __future__ import annotations

import io
import uuid
from datetime import timedelta

from sqlalchemy import select, text, update

from core import clock, db
from core.celery import BEAT_SCHEDULE, QUEUE_MAINTENANCE
from core.files.models import StoredFile
from core.files.storage import Storage
from core.files.tasks import purge_expired_files
from core.jobs.models import Job, JobStatus
from tests.factories import create_tenant, signed_in_user


def _stored(files: Storage, tenant_id: str, *, expires_in: timedelta) -> uuid.UUID:
    row = StoredFile(
        tenant_id=uuid.UUID(tenant_id),
        name="stock.csv",
        content_type="text/csv",
        purpose="export",
        expires_at=clock.now() + expires_in,
    )
    db.session.add(row)
    db.session.flush()
    files.write(row.id, io.BytesIO(b"id\n1\n"), "text/csv")
    return row.id


def _rows_left(ids: list[uuid.UUID]) -> set[uuid.UUID]:
    query = select(StoredFile.id).where(StoredFile.id.in_(ids)).execution_options(all_tenants=True)
    return set(db.session.scalars(query))


def test_expired_files_go_live_and_busy_ones_stay_and_a_failing_one_waits_for_the_next_round(client, files):
    _, headers = signed_in_user(client)
    first = create_tenant(client, headers, "x-first")["id"]
    second = create_tenant(client, headers, "x-second")["id"]
    expired = _stored(files, first, expires_in=timedelta(hours=-1))
    elsewhere = _stored(files, second, expires_in=timedelta(days=-3))
    broken = _stored(files, first, expires_in=timedelta(hours=-2))
    live = _stored(files, second, expires_in=timedelta(days=6))
    busy = _stored(files, first, expires_in=timedelta(minutes=-5))
    job = Job(tenant_id=uuid.UUID(first), kind="entities.import", status=JobStatus.RUNNING)
    job.params = {"file_id": str(busy)}
    db.session.add(job)
    db.session.flush()
    job_id = job.id
    # The database refuses to delete one file's row (as a lock timeout or a bad row would).
    db.session.execute(
        text(
            "CREATE FUNCTION test_refuse_file() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'refused'; END $$"
        )
    )
    db.session.execute(
        text(
            "CREATE TRIGGER test_refuse_file BEFORE DELETE ON files FOR EACH ROW "
            f"WHEN (OLD.id = '{broken}') EXECUTE FUNCTION test_refuse_file()"
        )
    )
    db.session.commit()
    everything = [expired, elsewhere, broken, live, busy]

    assert purge_expired_files() == 2
    assert _rows_left(everything) == {broken, live, busy}
    assert files.size(expired) is None and files.size(elsewhere) is None
    assert files.size(live) == 5 and files.size(busy) == 5

    db.session.execute(text("DROP TRIGGER test_refuse_file ON files"))
    db.session.execute(update(Job).where(Job.id == job_id).values(status=JobStatus.DONE))
    db.session.commit()
    assert purge_expired_files() == 2  # the next round: the file that failed, and the one its job no longer holds
    assert _rows_left(everything) == {live}
    assert files.size(live) == 5


def test_beat_runs_the_purge_hourly_on_the_maintenance_queue(app):
    entry = BEAT_SCHEDULE["purge-expired-files"]
    assert entry["task"] == purge_expired_files.name == "files.purge_expired"
    assert entry["schedule"] == timedelta(hours=1) and entry["options"]["queue"] == QUEUE_MAINTENANCE
    assert "files.purge_expired" in app.extensions["celery"].tasks  # the worker knows it
