"""Job responses."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, post_dump

# Parameters kept for the worker only: a bulk move's record ids (up to 10,000, polled every second)
# and the form values it presses its buttons with (people's data, not for every admin's eyes).
WORKER_ONLY = frozenset({"ids", "data"})


def shown_params(params: dict[str, Any] | None) -> dict[str, Any]:
    """A job's parameters as the API shows them: worker-only ones left out, a list of ids counted."""
    given = params or {}
    shown = {k: v for k, v in given.items() if k not in WORKER_ONLY}
    ids = given.get("ids")
    if isinstance(ids, list):
        shown["count"] = len(ids)
    return shown


class JobOut(Schema):
    id = fields.UUID()
    kind = fields.String()
    status = fields.String()
    done = fields.Integer()
    total = fields.Integer()
    result = fields.Dict()
    error = fields.String(allow_none=True)
    params = fields.Dict()
    created_at = fields.DateTime()
    finished_at = fields.DateTime(allow_none=True)

    @post_dump
    def _worker_only_out(self, data: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
        if "params" in data:
            data["params"] = shown_params(data["params"])
        return data
