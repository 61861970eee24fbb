"""Background work is shared fairly between workspaces, and nothing started is ever lost.

The jobs run as the Celery worker runs them: their steps are taken from the real broker's queue
in order and run by the real tasks, each committing on its own.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from core import clock, db
from core.jobs import fairness
from core.jobs.models import Job, JobStatus
from core.jobs.operations import split_job, start_job
from core.jobs.tasks import STEPS, register_step, run_one_step, run_step, sweep
from tests.factories import create_blueprint, create_entity, create_tenant, signed_in_user

KIND = "test.counting"  # split into params["parts"] parts, or params["steps"] steps long


def _count(db_session: Any, job: Job) -> bool:
    if job.params.get("parts") and job.parent_id is None:
        split_job(db_session, job, [{"part": i} for i in range(job.params["parts"])])
        return False
    if job.params.get("fail"):
        raise ValueError("bad \x00 value \ud800")  # as a value read from a file might read
    job.done += 1
    return bool(job.done >= job.params.get("steps", 1))


@pytest.fixture()
def counting() -> Iterator[None]:
    register_step(KIND, _count)
    yield
    STEPS.pop(KIND)


class Broker:
    """The broker's default queue, worked through in order as a worker process would."""

    def __init__(self, app: Any) -> None:
        self.connection = app.extensions["celery"].connection_for_write()
        self.channel = self.connection.default_channel
        self.channel.queue_purge("default")

    def take(self) -> list[Any] | None:
        """The arguments of the next job step on the queue (other tasks are passed over)."""
        while (message := self.channel.basic_get("default", no_ack=True)) is not None:
            if message.headers["task"] == "jobs.run_step":
                args: list[Any] = message.decode()[0]
                return args
        return None

    def run_next(self) -> bool:
        args = self.take()
        if args is None:
            return False
        run_step(*args)
        return True

    def drain(self, limit: int = 500) -> None:
        for _ in range(limit):
            if not self.run_next():
                return
        raise AssertionError("the queue never emptied")

    def close(self) -> None:
        self.connection.release()


@pytest.fixture()
def broker(app: Any, db_session: Any, counting: None) -> Iterator[Broker]:
    queue = Broker(app)
    yield queue
    queue.close()


@pytest.fixture()
def workspaces(client: Any, app: Any, tmp_path: Any) -> Iterator[dict[str, Any]]:
    settings = app.config["LOOM"]
    app.config["LOOM"] = dataclasses.replace(settings, storage_dir=str(tmp_path))
    _, headers = signed_in_user(client)
    found = {"headers": headers}
    for slug in ("x-big", "x-small"):
        found[slug] = uuid.UUID(create_tenant(client, headers, slug)["id"])
    yield found
    app.config["LOOM"] = settings


def _job(job_id: Any) -> Job:
    db.session.remove()
    job = db.session.get(Job, uuid.UUID(str(job_id)))
    assert job is not None
    return job


def _parts(parent_id: uuid.UUID) -> list[Job]:
    db.session.remove()
    return list(db.session.scalars(select(Job).where(Job.parent_id == parent_id).order_by(Job.id)))


def _admitted(tenant_id: uuid.UUID) -> int:
    db.session.remove()
    query = select(Job).where(
        Job.tenant_id == tenant_id, Job.status.in_(fairness.ACTIVE), Job.heartbeat_at.is_not(None)
    )
    return sum(1 for job in db.session.scalars(query) if not job.state.get("parts"))


def _start(tenant_id: uuid.UUID | None, **params: Any) -> uuid.UUID:
    job = start_job(db.session(), KIND, tenant_id=tenant_id, params=params, total=1, user_id=None)
    db.session.commit()
    return job.id


def test_a_big_split_job_never_makes_another_workspace_wait_behind_all_its_parts(client, broker, workspaces):
    big = workspaces["x-big"]
    headers = workspaces["headers"]
    share = fairness.per_tenant()
    big_job = _start(big, parts=12)
    assert broker.run_next()  # its first step splits it into 12 parts
    assert len(_parts(big_job)) == 12

    create_blueprint(client, headers, "x-small")
    create_entity(client, headers, "x-small", "stock_item", type="BOX", qty=1)
    started = client.post("/api/tenants/x-small/exports", json={"blueprint": "stock_item"}, headers=headers)
    assert started.status_code == 202, started.get_json()
    export = started.get_json()["id"]

    while _job(export).status != JobStatus.DONE:
        assert _admitted(big) <= share
        assert broker.run_next(), "the small export never ran"
    big_parts_done = sum(part.status == JobStatus.DONE for part in _parts(big_job))
    assert big_parts_done <= share, "the small export waited behind the big job's parts"
    body = client.get(f"/api/tenants/x-small/jobs/{export}", headers=headers).get_json()
    assert body["result"]["rows"] == 1 and body["result"]["download_url"]

    broker.drain()  # then the big job goes on to the end, none of its parts lost
    finished = _job(big_job)
    assert (finished.status, finished.done) == (JobStatus.DONE, 12)


def test_a_workspace_that_starts_many_jobs_runs_its_share_at_a_time_in_order(broker, workspaces):
    big = workspaces["x-big"]
    share = fairness.per_tenant()
    jobs = [_start(big, steps=2) for _ in range(share + 3)]
    waiting = [job_id for job_id in jobs if _job(job_id).heartbeat_at is None]
    assert waiting == jobs[share:]  # the rest wait, status queued
    assert {_job(job_id).status for job_id in waiting} == {JobStatus.QUEUED}

    first_seen: list[uuid.UUID] = []
    while (args := broker.take()) is not None:
        assert _admitted(big) <= share
        if uuid.UUID(args[0]) not in first_seen:
            first_seen.append(uuid.UUID(args[0]))
        run_step(*args)
    assert first_seen == jobs  # they start in the order they were started
    assert {(_job(job_id).status, _job(job_id).done) for job_id in jobs} == {(JobStatus.DONE, 2)}


def test_work_outside_any_workspace_has_a_share_of_its_own(broker, workspaces):
    share = fairness.per_tenant()
    jobs = [_start(None) for _ in range(share + 1)]
    assert [_job(job_id).heartbeat_at is None for job_id in jobs] == [False] * share + [True]
    broker.drain()
    assert {_job(job_id).status for job_id in jobs} == {JobStatus.DONE}


def test_a_part_whose_worker_died_and_parts_whose_steps_were_lost_are_resumed_by_the_sweep(broker, workspaces):
    big = workspaces["x-big"]
    big_job = _start(big, parts=5)
    assert broker.run_next()  # split: the first parts are admitted, the rest wait
    # A worker takes the first part's step and dies before its transaction commits.
    args = broker.take()
    assert args is not None
    run_one_step(db.session(), uuid.UUID(args[0]), args[1])
    db.session.rollback()
    db.session.remove()
    broker.channel.queue_purge("default")  # and the broker loses the second part's step
    assert _job(big_job).status != JobStatus.DONE

    clock.travel(timedelta(minutes=6))
    assert sweep() == 2  # both resumed where they were; the other parts still wait their turn
    broker.drain()
    finished = _job(big_job)
    assert (finished.status, finished.done) == (JobStatus.DONE, 5)


def test_parts_left_waiting_with_room_are_admitted_by_the_sweep(broker, workspaces):
    big = workspaces["x-big"]
    big_job = _start(big, parts=4)
    assert broker.run_next()
    # Room without an admission (say the admitting transaction failed): the parts stay queued.
    for part in _parts(big_job):
        part.heartbeat_at = None
    db.session.commit()
    broker.channel.queue_purge("default")
    assert sweep() == fairness.per_tenant()  # no clock travel needed: they were never admitted
    broker.drain()
    assert (_job(big_job).status, _job(big_job).done) == (JobStatus.DONE, 4)


def test_a_step_sent_again_by_the_sweep_runs_once_and_the_late_copy_does_nothing(broker, workspaces):
    job_id = _start(workspaces["x-big"], steps=3)
    late = broker.take()  # delayed, not lost
    assert late is not None
    clock.travel(timedelta(minutes=6))
    assert sweep() == 1
    run_step(*late)
    assert _job(job_id).done == 0  # the copy the sweep replaced does nothing
    steps = []
    while (args := broker.take()) is not None:
        steps.append(args[0])
        run_step(*args)
    assert steps == [str(job_id)] * 3  # one chain of steps, not two
    assert (_job(job_id).status, _job(job_id).done) == (JobStatus.DONE, 3)


def test_a_step_whose_error_cannot_be_stored_fails_only_its_own_job(broker, workspaces):
    broken = _start(workspaces["x-big"], fail=True)
    fine = _start(workspaces["x-small"], steps=2)
    broker.drain()
    failed = _job(broken)
    assert failed.status == JobStatus.FAILED and failed.error == "ValueError: bad  value ?"
    assert (_job(fine).status, _job(fine).done) == (JobStatus.DONE, 2)
