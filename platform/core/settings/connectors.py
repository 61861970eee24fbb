"""Flow connectors (runtime/connectors, docs/bpmn.md)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class ConnectorSettings:
    # Attempts per call (Svix's schedule cut short), the wall time of one HTTP attempt, the part
    # of an answer read, and the key each workspace's signing secret is derived from (derived
    # from secret_key when unset).
    connectors_max_attempts: int = 5
    connectors_timeout_seconds: int = 15
    connectors_max_response_bytes: int = 64 * 1024
    connectors_signing_key: str = ""
    connector_calls_keep_days: int = 30  # finished connector calls are deleted after this (connectors.purge)
