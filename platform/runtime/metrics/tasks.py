"""The beat task that publishes the operations metrics (runtime.metrics.publish)."""

from __future__ import annotations

from typing import Any

from flask import current_app
from redis import Redis

from core import db
from core.celery import task
from runtime.metrics.publish import publish


@task(name="metrics.publish", ignore_result=True)
def publish_metrics() -> Any:
    settings = current_app.config["LOOM"]
    if not settings.metrics_namespace:
        return 0
    broker = Redis.from_url(settings.redis_url, socket_timeout=10)
    try:
        return publish(db.session(), broker, settings)
    finally:
        broker.close()
