"""Messages and signals from outside (runtime/messages, docs/bpmn.md)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class MessageSettings:
    # A request body to an inbound hook URL in bytes (routes.py, inbound.py), and how deeply a
    # message's values may nest.
    inbound_hook_max_bytes: int = 64 * 1024
    message_values_max_depth: int = 8
    # An unmatched message is kept this long for a record that starts waiting for it; a
    # message's values and correlation in bytes.
    message_retention_hours: int = 72
    message_max_bytes: int = 64 * 1024
