"""The public catalogue of hook events: one JSON Schema (draft 2020-12) per event type.

The types are ``core.events.EVENT_TYPES`` plus ``hook.test`` (the "send test event" button).
docs/hooks.md shows these schemas; ``render_markdown`` writes that section and a test checks that
the file holds exactly what it renders, so the documentation cannot drift from the code. Schemas
list what receivers may rely on; objects allow more properties, which Loom may add without a new
envelope version (removing or renaming one would be a new version).
"""

from __future__ import annotations

import json
from typing import Any

from core.events import EVENT_TYPES

ENVELOPE_VERSION = 1
TEST_EVENT = "hook.test"
Schema = dict[str, Any]


def _object(properties: dict[str, Schema], required: list[str] | None = None, **extra: Any) -> Schema:
    return {"type": "object", "properties": properties, "required": required or list(properties), **extra}


_ID = {"type": "string", "format": "uuid"}
_TIME = {"type": "string", "format": "date-time"}
_TEXT_OR_NULL = {"type": ["string", "null"]}
_RECORD_REF = _object(
    {"id": _ID, "blueprint": _TEXT_OR_NULL, "blueprint_id": _ID},
    description="The record: its id and its blueprint's key and id.",
)
_RECORD = _object(
    {
        "id": _ID,
        "blueprint": {"type": "string", "description": "The blueprint's key."},
        "blueprint_id": _ID,
        "blueprint_version": {"type": ["integer", "null"], "description": "The blueprint version it follows."},
        "version": {"type": "integer", "description": "The record's version number (it grows with each change)."},
        "data": {"type": "object", "description": "Column key to value, in the stored form (docs/api)."},
        "created_at": _TIME,
        "updated_at": _TIME,
    }
)
_CHANGES = {
    "type": "array",
    "description": "Each changed column with its value before and after.",
    "items": _object({"field": {"type": "string"}, "before": {}, "after": {}}),
}
_FLOW = _object(
    {"id": _ID, "key": _TEXT_OR_NULL, "name": _TEXT_OR_NULL, "instance_id": _ID},
    description="The flow and the record's running instance of it.",
)
_BLUEPRINT = _object({"id": _ID, "key": {"type": "string"}, "name": {"type": "string"}})
_TASK = _object(
    {
        "id": _ID,
        "element": {"type": "string", "description": "The BPMN user task's id."},
        "label": _TEXT_OR_NULL,
        "role": _TEXT_OR_NULL,
        "assignee_id": {"type": ["integer", "null"]},
        "due_at": {"type": ["string", "null"], "format": "date-time"},
        "outcome": {
            "enum": ["done", "withdrawn"],
            "description": "task.completed only: done by a person, or withdrawn by the flow (a timer, a move).",
        },
    },
    required=["id", "element", "label"],
)
_TASK_EVENT = _object(
    {"task": _TASK, "record": _RECORD_REF, "flow": _object({"id": _ID, "instance_id": _ID})},
)
_MEMBER = _object({"user_id": {"type": "integer"}, "email": _TEXT_OR_NULL, "role": {"type": "string"}})

DATA_SCHEMAS: dict[str, Schema] = {
    "record.created": _object({"record": _RECORD}),
    "record.updated": _object({"record": _RECORD, "changes": _CHANGES}),
    "record.deleted": _object({"record": _RECORD}),
    "record.restored": _object({"record": _RECORD}),
    "transition.completed": _object(
        {
            "record": _RECORD_REF,
            "flow": _FLOW,
            "transition": _object({"element": _TEXT_OR_NULL, "label": _TEXT_OR_NULL}),
            "changes": _CHANGES,
        }
    ),
    "flow.completed": _object({"record": _RECORD_REF, "flow": _FLOW}),
    "flow.stopped": _object(
        {
            "record": _RECORD_REF,
            "flow": _FLOW,
            "error": _object(
                {"message": {"type": "string"}, "element": _TEXT_OR_NULL, "name": _TEXT_OR_NULL, "at": _TIME},
                required=["message"],
                description="What stopped the flow, and the BPMN element it happened at.",
            ),
        }
    ),
    "task.created": _TASK_EVENT,
    "task.claimed": _TASK_EVENT,
    "task.completed": _TASK_EVENT,
    "blueprint.published": _object(
        {"blueprint": _BLUEPRINT, "version": {"type": "integer"}, "columns": {"type": "array"}}
    ),
    "flow.published": _object(
        {
            "flow": _BLUEPRINT,
            "blueprint": _object({"id": _ID, "key": {"type": "string"}}),
            "version": {"type": "integer"},
        }
    ),
    "import.finished": _object(
        {
            "job_id": _ID,
            "blueprint": _TEXT_OR_NULL,
            "status": {"type": "string"},
            "created": {"type": "integer"},
            "failed": {"type": "integer"},
            "error": _TEXT_OR_NULL,
        }
    ),
    "migration.finished": _object(
        {
            "blueprint": _TEXT_OR_NULL,
            "from_version": {"type": "integer"},
            "to_version": {"type": "integer"},
            "job_id": {"type": ["string", "null"], "format": "uuid"},
            "status": {"type": "string"},
            "migrated": {"type": "integer", "description": "Records now on the new version."},
            "lossy": {"type": "integer", "description": "Of those, records with values kept aside."},
            "failed": {"type": "integer", "description": "Records that stayed on the old version."},
        },
    ),
    "member.joined": _object({"member": _MEMBER, "via": {"type": "string"}}, required=["member"]),
    "member.left": _object(
        {"member": _MEMBER, "reason": {"type": "string", "enum": ["left", "removed", "account_deleted"]}},
        required=["member"],
    ),
    TEST_EVENT: _object({"message": {"type": "string"}, "endpoint_id": _ID}),
}

DESCRIPTIONS: dict[str, str] = {**EVENT_TYPES, TEST_EVENT: "Sent by the “send test event” button, to one endpoint."}


def envelope_schema(event_type: str) -> Schema:
    """The whole body of a call for ``event_type``."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": event_type,
        "description": DESCRIPTIONS[event_type],
        **_object(
            {
                "type": {"const": event_type},
                "version": {"const": ENVELOPE_VERSION},
                "timestamp": _TIME,
                "tenant": _object({"id": _ID, "slug": {"type": "string"}}),
                "actor": _object(
                    {
                        "type": {"enum": ["member", "api_key", "admin", "shell", "system"]},
                        "user_id": {"type": ["integer", "null"]},
                    },
                    required=["type"],
                ),
                "data": DATA_SCHEMAS[event_type],
            }
        ),
    }


def catalogue() -> list[dict[str, Any]]:
    """Every event type with its description and schema (the API's event picker reads this)."""
    return [{"type": name, "description": DESCRIPTIONS[name], "schema": envelope_schema(name)} for name in DESCRIPTIONS]


BEGIN = "<!-- catalogue:begin (generated from runtime/hooks/catalogue.py; tests check it) -->"
END = "<!-- catalogue:end -->"


def render_markdown() -> str:
    """The event catalogue section of docs/hooks.md, between its markers."""
    parts = [BEGIN]
    for entry in catalogue():
        schema = json.dumps(DATA_SCHEMAS[entry["type"]], indent=2, ensure_ascii=False)
        parts.append(f"\n### `{entry['type']}`\n\n{entry['description']}\n\n`data`:\n\n```json\n{schema}\n```")
    parts.append(END)
    return "\n".join(parts)
