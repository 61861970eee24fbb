"""Publishing the readings to CloudWatch (namespace ``LOOM_METRICS_NAMESPACE``, dimension
``Stage``), once a minute from beat. Off while the namespace is empty (development, tests)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

import boto3
from redis import Redis, RedisError
from sqlalchemy.orm import Session

from core import clock
from core.config import Settings
from runtime.metrics.gauges import Reading, all_readings

log = logging.getLogger(__name__)
# Where the last publication's window ended, so that counts cover every moment exactly once.
LAST_KEY = "loom:metrics:published-until"
# A first run, or one after a long outage, counts at most this far back.
LONGEST_WINDOW = timedelta(minutes=15)


def metric_data(readings: list[Reading], stage: str, at: datetime) -> list[dict[str, Any]]:
    data = []
    for reading in readings:
        dimensions = [{"Name": "Stage", "Value": stage}]
        if reading.queue is not None:
            dimensions.append({"Name": "Queue", "Value": reading.queue})
        data.append(
            {
                "MetricName": reading.name,
                "Dimensions": dimensions,
                "Timestamp": at,
                "Value": reading.value,
                "Unit": reading.unit,
            }
        )
    return data


def cloudwatch(settings: Settings) -> Any:
    return boto3.client(
        "cloudwatch",
        region_name=settings.metrics_region or None,
        endpoint_url=settings.metrics_endpoint_url or None,
    )


def publish(db_session: Session, broker: Redis, settings: Settings, client: Any | None = None) -> int:
    """Read and send every metric; returns how many were sent (0 when publishing is off)."""
    if not settings.metrics_namespace:
        return 0
    now = clock.now()
    since = max(now - LONGEST_WINDOW, _last_end(broker) or now - LONGEST_WINDOW)
    readings = all_readings(db_session, broker, since)
    data = metric_data(readings, settings.metrics_stage or settings.env, now)
    client = client or cloudwatch(settings)
    for start in range(0, len(data), 20):  # PutMetricData takes at most 20 data points per call
        client.put_metric_data(Namespace=settings.metrics_namespace, MetricData=data[start : start + 20])
    try:
        broker.set(LAST_KEY, now.isoformat())
    except RedisError:
        log.warning("metrics: could not keep the end of the window", exc_info=True)
    return len(data)


def _last_end(broker: Redis) -> datetime | None:
    try:
        raw = broker.get(LAST_KEY)
        return datetime.fromisoformat(raw.decode() if isinstance(raw, bytes) else str(raw)) if raw else None
    except (RedisError, ValueError):
        log.warning("metrics: no end of the last window; counting the longest one", exc_info=True)
        return None
