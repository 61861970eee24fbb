"""A task logs under the id of the request that queued it (core.celery): the id travels in the
message's headers, is the task's while it runs (log lines and Sentry's scope), and the caller's
own id comes back after; a task nobody's request queued goes by its own task id."""

from __future__ import annotations

import uuid

from celery import shared_task

from core.logging import new_request_id, request_id_var

QUEUE = "loom-test-request-ids"
seen: list[str | None] = []


@shared_task(name="tests.request_id_probe")
def probe() -> None:
    seen.append(request_id_var.get())


def test_the_request_id_travels_in_the_queued_message(app):
    celery = app.extensions["celery"]
    with app.test_request_context():
        rid = new_request_id("req-" + uuid.uuid4().hex[:8])
        probe.apply_async(queue=QUEUE)
    with celery.connection_for_read() as conn:
        queue = conn.SimpleQueue(QUEUE)
        try:
            message = queue.get(timeout=10)
            message.ack()
            assert message.headers["loom_request_id"] == rid
            assert message.headers["task"] == "tests.request_id_probe"
        finally:
            queue.clear()
            queue.close()


def test_a_running_task_logs_under_its_queuers_id_then_gives_the_callers_back(app):
    seen.clear()
    with app.test_request_context():
        outer = new_request_id("outer-request")
        probe.apply(headers={"loom_request_id": "queued-by-request"})
        assert request_id_var.get() == outer  # the caller's id is back
        task_id = str(uuid.uuid4())
        probe.apply(task_id=task_id)  # queued by no request
        probe.apply(headers={"loom_request_id": "bad\nid"}, task_id=task_id)  # not a sane id: the task's own
    assert seen == ["queued-by-request", task_id, task_id]
