"""Request and response bodies of the messages API and of the flows' inbound hooks (marshmallow).

A message's ``correlation`` and ``values`` are JSON objects whose members become record fields,
so they are checked here, at the API's edge, before anything is kept: names are field names,
numbers are finite and whole numbers lie within what a browser shows exactly, and values nest at
most LOOM_MESSAGE_VALUES_MAX_DEPTH levels. Each refusal names the member (``values.amount``).
"""

from __future__ import annotations

import math
import re
from typing import Any

from flask import current_app
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.pagination import PageArgs, PageSchema
from engine.schema.bounds import SAFE_INTEGER

NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")
PATH = re.compile(r"^[A-Za-z0-9_-]{1,100}(\.[A-Za-z0-9_-]{1,100}){0,7}$")
MAX_MEMBERS = 100
MAX_MAPPED = 20


def _named(value: str) -> None:
    if not value.strip() or len(value) > 200:
        raise ValidationError("Give the message's name as the diagram names it (1 to 200 characters).")


MESSAGE_NAME = _named
NAME_HELP = "a letter or _, then letters, digits or _ (at most 63)"
STATUSES = ("pending", "delivered", "unmatched", "ambiguous", "failed")


def _problem_in(value: Any, depth: int, limit: int) -> tuple[str, str] | None:
    """The path (relative, dotted) and reason of the first value that cannot travel, or None."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return None
    if isinstance(value, int):
        return (
            None
            if -SAFE_INTEGER <= value <= SAFE_INTEGER
            else ("", f"Must lie between -{SAFE_INTEGER} and {SAFE_INTEGER}.")
        )
    if isinstance(value, float):
        return None if math.isfinite(value) else ("", "Must be a finite number.")
    if depth >= limit:
        return "", f"Nested too deeply: at most {limit} levels of lists and objects."
    children = value.items() if isinstance(value, dict) else enumerate(value)
    for key, child in children:
        found = _problem_in(child, depth + 1, limit)
        if found is not None:
            return f"{key}.{found[0]}".rstrip("."), found[1]
    return None


def member_errors(field: str, value: dict[str, Any]) -> dict[str, list[str]]:
    """Why members of ``value`` cannot travel, by dotted path (``values.amount``); see the module's docstring."""
    if len(value) > MAX_MEMBERS:
        return {field: [f"At most {MAX_MEMBERS} members."]}
    limit = int(current_app.config["LOOM"].message_values_max_depth)
    errors: dict[str, list[str]] = {}
    for key, child in value.items():
        if not NAME.match(key):
            errors[f"{field}.{key}"] = [f"Not a field name: use {NAME_HELP}."]
            continue
        found = _problem_in(child, 1, limit)
        if found is not None:
            errors[f"{field}.{key}.{found[0]}".rstrip(".")] = [found[1]]
    return errors


def mapping_errors(field: str, value: dict[str, Any] | None) -> dict[str, list[str]]:
    """Field name -> dotted path of a member of the request body (``order.id``): what is wrong, by entry."""
    if value is None:
        return {}
    if len(value) > MAX_MAPPED:
        return {field: [f"At most {MAX_MAPPED} entries."]}
    errors: dict[str, list[str]] = {}
    for key, path in value.items():
        if not NAME.match(key):
            errors[f"{field}.{key}"] = [f"Not a field name: use {NAME_HELP}."]
        elif not isinstance(path, str) or not PATH.match(path):
            errors[f"{field}.{key}"] = [
                "Name a member of the body: names of letters, digits, _ or -, joined by dots (order.id)."
            ]
    return errors


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


class MessageIn(Schema):
    name = fields.String(
        required=True, validate=MESSAGE_NAME, metadata={"description": "The message's name in the flows."}
    )
    correlation = fields.Dict(
        keys=fields.String(),
        load_default=dict,
        metadata={"description": "Record field -> value: the message reaches the record waiting with these values."},
    )
    values = fields.Dict(
        keys=fields.String(), load_default=dict, metadata={"description": "Field -> value carried to the record."}
    )

    @validates_schema(skip_on_field_errors=False)
    def _members(self, data: dict[str, Any], **_: Any) -> None:
        _raise(
            {
                **member_errors("correlation", data.get("correlation") or {}),
                **member_errors("values", data.get("values") or {}),
            }
        )


class SignalIn(Schema):
    name = fields.String(
        required=True, validate=MESSAGE_NAME, metadata={"description": "The signal's name in the flows."}
    )
    values = fields.Dict(
        keys=fields.String(), load_default=dict, metadata={"description": "Field -> value carried to each record."}
    )

    @validates_schema(skip_on_field_errors=False)
    def _members(self, data: dict[str, Any], **_: Any) -> None:
        _raise(member_errors("values", data.get("values") or {}))


class PublishOut(Schema):
    id = fields.UUID(required=True)
    status = fields.String(required=True, metadata={"description": "pending (to be delivered) or unmatched (kept)."})
    matched = fields.List(fields.UUID(), required=True, metadata={"description": "The records it is to reach."})


class MessageListArgs(PageArgs):
    status = fields.String(load_default=None, validate=validate.OneOf(STATUSES))
    flow = fields.String(
        load_default=None,
        validate=validate.Length(min=1, max=63),
        metadata={"description": "A flow's key: only the messages its published diagram waits for, by name."},
    )


class MessageOut(Schema):
    id = fields.UUID()
    kind = fields.String()
    name = fields.String()
    correlation = fields.Dict()
    values = fields.Dict()
    source = fields.String()
    status = fields.String()
    matched = fields.List(fields.String())
    error = fields.String(allow_none=True)
    created_at = fields.DateTime()
    expires_at = fields.DateTime()
    delivered_at = fields.DateTime(allow_none=True)


class MessagePage(PageSchema):
    items = fields.List(fields.Nested(MessageOut))


class _HookFields(Schema):
    message_name = fields.String(validate=MESSAGE_NAME, metadata={"description": "The message each request makes."})
    correlation = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        metadata={"description": "Correlation key -> dotted path of a body member (order.id)."},
    )
    values = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        allow_none=True,
        metadata={"description": "Value name -> dotted path of a body member; null: every top-level member."},
    )

    @validates_schema(skip_on_field_errors=False)
    def _mappings(self, data: dict[str, Any], **_: Any) -> None:
        _raise(
            {**mapping_errors("correlation", data.get("correlation")), **mapping_errors("values", data.get("values"))}
        )


class InboundHookCreate(_HookFields):
    message_name = fields.String(required=True, validate=MESSAGE_NAME)
    correlation = fields.Dict(keys=fields.String(), values=fields.String(), load_default=dict)
    values = fields.Dict(keys=fields.String(), values=fields.String(), allow_none=True, load_default=None)


class InboundHookUpdate(_HookFields):
    pass


class InboundHookOut(Schema):
    url = fields.String(metadata={"description": "Where senders POST signed requests."})
    message_name = fields.String()
    correlation = fields.Dict()
    values = fields.Dict(allow_none=True)
    created_at = fields.DateTime()
    rotated_at = fields.DateTime(allow_none=True)


class InboundHookCreated(InboundHookOut):
    secret = fields.String(
        allow_none=True, metadata={"description": "The signing secret (whsec_...), shown this once."}
    )


class InboundSecretOut(Schema):
    secret = fields.String(allow_none=True, metadata={"description": "The new signing secret, shown this once."})
