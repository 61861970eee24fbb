"""What Loom tells its operators: logs, Logstash, Sentry and CloudWatch metrics."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.settings.env import env, env_int, env_str


@dataclass(frozen=True, kw_only=True)
class ObservabilitySettings:
    sentry_dsn: str | None
    webapp_sentry_dsn: str | None
    logstash_host: str | None
    logstash_port: int
    log_level: str
    # Logstash shipping (core/log_shipping.py): records queued per process, then dropped; TLS.
    logstash_queue_size: int = 10000
    logstash_tls: bool = False
    logstash_ca_file: str | None = None
    # The release Sentry events of the backend and the webapp carry (default: Loom's version).
    sentry_release: str = ""
    # Operations metrics to CloudWatch (runtime/metrics): off while the namespace is empty; the
    # Stage dimension (default LOOM_ENV), the region and an endpoint (tests: a local CloudWatch API).
    metrics_namespace: str = ""
    metrics_stage: str = ""
    metrics_region: str = ""
    metrics_endpoint_url: str = ""


def read_observability() -> dict[str, Any]:
    return dict(
        sentry_dsn=env("SENTRY_DSN"),
        webapp_sentry_dsn=env("WEBAPP_SENTRY_DSN"),
        logstash_host=env("LOGSTASH_HOST"),
        logstash_port=env_int("LOGSTASH_PORT", 5959),
        # INFO in development too: DEBUG buries `make run`'s own lines under library chatter.
        log_level=env_str("LOG_LEVEL", "INFO").upper(),
    )
