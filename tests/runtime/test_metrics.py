"""The operations metrics reach CloudWatch (a real CloudWatch API, moto's server, started locally):
queue depth and age from the broker, and failed jobs and dead letters counted once each."""

from __future__ import annotations

import dataclasses
import time
import uuid
from datetime import timedelta

import pytest
import redis
from celery import shared_task

from core import clock, db
from core.delivery import DeliveryStatus
from core.jobs.models import Job, JobStatus
from core.mail.models import OutboxMessage, OutboxStatus
from runtime.hooks.models import HookDelivery, HookEndpoint, HookMessage
from runtime.metrics.publish import LAST_KEY, publish
from runtime.metrics.tasks import publish_metrics
from tests.core.files.fixtures import REGION, s3_client, s3_endpoint  # noqa: F401 - the local AWS API
from tests.factories import create_tenant, signed_in_user

NAMESPACE = "LoomTest"


@shared_task(name="tests.metrics_waiting")
def waiting() -> None:
    """Never run here: its messages wait in the queue."""


@pytest.fixture()
def settings(app, s3_endpoint):  # noqa: F811 - the fixture
    stage = "stage-" + uuid.uuid4().hex[:8]
    return dataclasses.replace(
        app.config["LOOM"],
        metrics_namespace=NAMESPACE,
        metrics_stage=stage,
        metrics_region=REGION,
        metrics_endpoint_url=s3_endpoint,
    )


@pytest.fixture()
def broker(app):
    client = redis.Redis.from_url(app.config["LOOM"].redis_url)
    client.delete(LAST_KEY)
    yield client
    client.close()


def _values(endpoint: str, stage: str) -> dict[tuple[str, str | None], list[float]]:
    cloudwatch = s3_client(endpoint, "cloudwatch")
    found: dict[tuple[str, str | None], list[float]] = {}
    for metric in cloudwatch.list_metrics(Namespace=NAMESPACE)["Metrics"]:
        dims = {d["Name"]: d["Value"] for d in metric["Dimensions"]}
        if dims.get("Stage") != stage:
            continue
        stats = cloudwatch.get_metric_statistics(
            Namespace=NAMESPACE,
            MetricName=metric["MetricName"],
            Dimensions=metric["Dimensions"],
            StartTime=clock.now() - timedelta(hours=1),
            EndTime=clock.now() + timedelta(hours=1),
            Period=60,
            Statistics=["Sum", "Maximum"],
        )["Datapoints"]
        found[(metric["MetricName"], dims.get("Queue"))] = [point["Sum"] for point in stats]
    return found


def _ended_rows(client, app) -> None:
    """One failed job, one dead-lettered hook delivery and one dead-lettered mail, ended now."""
    _, headers = signed_in_user(client, "metrics")
    tenant = create_tenant(client, headers, "metrics-" + uuid.uuid4().hex[:6])
    tenant_id = uuid.UUID(tenant["id"])
    now = clock.now()
    session = db.session()
    session.add(Job(kind="export", status=JobStatus.FAILED, finished_at=now, tenant_id=tenant_id))
    with db.scope_to_tenant(session, tenant_id):
        endpoint = HookEndpoint(tenant_id=tenant_id, url="https://hooks.example/in", event_types=["*"], secret="s")
        session.add(endpoint)
        session.flush()
        message = HookMessage(
            tenant_id=tenant_id, event_type="record.created", occurred_at=now, body="{}", endpoint_ids=[endpoint.id]
        )
        session.add(message)
        session.flush()
        session.add(
            HookDelivery(
                tenant_id=tenant_id,
                message_id=message.id,
                endpoint_id=endpoint.id,
                event_type="record.created",
                status=DeliveryStatus.FAILED,
                finished_at=now,
            )
        )
        session.commit()
    session.add(
        OutboxMessage(
            recipient="ada@example.com",
            sender="loom@example.com",
            subject="s",
            text_body="b",
            status=OutboxStatus.FAILED,
            finished_at=now,
        )
    )
    session.commit()


def test_queue_depth_age_and_dead_letters_reach_cloudwatch_once(app, client, settings, broker, s3_endpoint):  # noqa: F811
    _ended_rows(client, app)
    broker.delete("mail")  # the sign-up's own mail
    with app.app_context():
        for _ in range(3):
            waiting.apply_async(queue="mail")
    time.sleep(0.05)  # the queued messages are a little older than the reading (never a wait on speed)

    with app.app_context():
        sent = publish(db.session(), broker, settings)
        assert sent >= 8
        again = publish(db.session(), broker, settings)  # the next minute: nothing new ended
        assert again == sent
    broker.delete("mail")

    values = _values(s3_endpoint, settings.metrics_stage)
    assert values[("QueueDepth", "mail")] == [3.0 + 3.0]  # two readings of 3 in the same minute
    assert ("QueueDepth", "default") in values
    assert values[("OldestQueuedSeconds", None)][0] > 0
    for name in ("FailedJobs", "DeadLetteredHooks", "DeadLetteredMails"):
        assert values[(name, None)] == [1.0], name  # counted in the first window only


def test_a_broken_broker_reading_leaves_the_counts(app, client, settings, broker, s3_endpoint):  # noqa: F811
    dead_broker = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=1)
    _ended_rows(client, app)
    with app.app_context():
        # The window's start is kept in the broker too: without it, the last 15 minutes count.
        assert publish(db.session(), dead_broker, settings) >= 3
    values = _values(s3_endpoint, settings.metrics_stage)
    assert ("QueueDepth", "mail") not in values
    assert values[("FailedJobs", None)][0] >= 1.0


def test_publishing_is_off_without_a_namespace(app):
    with app.app_context():
        assert publish_metrics.apply().get() == 0
