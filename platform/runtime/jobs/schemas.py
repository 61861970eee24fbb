"""Job responses."""

from __future__ import annotations

import uuid
from typing import Any

from marshmallow import Schema, fields, post_dump

from core.jobs.models import Job
from runtime.transfer.links import download_path

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


class TenantJobOut(JobOut):
    """A job as the workspace's API shows it to the person who started it (or its owners and admins)."""

    @post_dump(pass_original=True)
    def _fresh_download_link(
        self, data: dict[str, Any], original: Job | dict[str, Any], **_kwargs: Any
    ) -> dict[str, Any]:
        result = data.get("result")
        tenant_id = original.get("tenant_id") if isinstance(original, dict) else original.tenant_id
        if isinstance(result, dict) and "download_url" in result and result.get("file_id") and tenant_id:
            # A signed link lasts an hour: each answer signs it again, so the file can be fetched
            # as long as it is kept, also from the list of background work days later.
            data["result"] = {
                **result,
                "download_url": download_path(uuid.UUID(str(tenant_id)), uuid.UUID(str(result["file_id"]))),
            }
        return data
