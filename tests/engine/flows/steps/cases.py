"""Blueprints and steps tables the tests share."""

from __future__ import annotations

from typing import Any

from engine.schema import Schema
from tests.factories import delivery_steps  # noqa: F401 - the Delivery story, shared with the API tests

DELIVERY = Schema.parse(
    [
        {"key": "cargo", "label": "Cargo", "type": "text"},
        {"key": "qty", "label": "Quantity", "type": "integer"},
        {"key": "price", "label": "Price", "type": "decimal"},
        {"key": "total", "label": "Total", "type": "decimal"},
        {"key": "note", "label": "Note", "type": "long_text"},
        {"key": "code", "label": "Code", "type": "text", "required": True},
        {
            "key": "status",
            "label": "Status",
            "type": "choice",
            "options": ["PENDING", "IN_PROGRESS", "DELIVERED", "CANCELLED"],
        },
        {"key": "started_at", "label": "Started at", "type": "datetime"},
        {"key": "delivered_at", "label": "Delivered at", "type": "datetime"},
        {"key": "due_on", "label": "Due on", "type": "date"},
        {"key": "driver", "label": "Driver", "type": "user"},
        {"key": "handled_by", "label": "Handled by", "type": "user"},
        {"key": "urgent", "label": "Urgent", "type": "boolean"},
        {"key": "tags", "label": "Tags", "type": "choices", "options": ["fragile", "cold"]},
        {"key": "email", "label": "Email", "type": "email"},
    ]
)
COLUMNS = list(DELIVERY.columns)


def busy_steps() -> dict[str, Any]:
    """Two buttons in PENDING (one with a condition, a calculation and a join), and a timer."""
    return {
        "version": 1,
        "state": "status",
        "initial": "PENDING",
        "transitions": [
            {
                "id": "start",
                "label": "Start",
                "from": ["PENDING"],
                "to": "IN_PROGRESS",
                "who": {"kind": "field", "field": "driver"},
                "form": ["qty", "price"],
                "updates": [
                    {
                        "field": "total",
                        "value": {
                            "kind": "calc",
                            "left": {"kind": "field", "field": "qty"},
                            "op": "*",
                            "right": {"kind": "field", "field": "price"},
                        },
                    },
                    {
                        "field": "note",
                        "value": {
                            "kind": "join",
                            "parts": [
                                {"kind": "field", "field": "cargo"},
                                {"kind": "text", "value": " x "},
                                {"kind": "field", "field": "qty"},
                            ],
                        },
                    },
                    {"field": "handled_by", "value": {"kind": "actor"}},
                    {
                        "field": "due_on",
                        "value": {
                            "kind": "calc",
                            "left": {"kind": "literal", "value": "2026-12-01"},
                            "op": "+",
                            "right": {"kind": "duration", "days": 3, "hours": 0, "minutes": 0},
                        },
                    },
                ],
                "condition": {
                    "and": [
                        {"column": "qty", "op": "gt", "value": 0},
                        {
                            "or": [
                                {"column": "cargo", "op": "contains", "value": "tea"},
                                {"column": "urgent", "op": "eq", "value": True},
                            ]
                        },
                    ]
                },
            },
            {
                "id": "cancel",
                "label": "Cancel",
                "from": ["PENDING", "IN_PROGRESS"],
                "to": "CANCELLED",
                "who": {"kind": "member", "email": "ada@example.com"},
                "form": [],
                "updates": [{"field": "note", "value": {"kind": "literal", "value": "Cancelled by hand"}}],
                "condition": None,
            },
        ],
        "timers": [
            {
                "id": "auto_cancel",
                "state": "PENDING",
                "after": {"days": 2, "hours": 3, "minutes": 0},
                "to": "CANCELLED",
                "updates": [{"field": "note", "value": {"kind": "literal", "value": "Timed out"}}],
            }
        ],
    }
