"""Request and response bodies of the hooks API (marshmallow; flask-smorest documents them)."""

from __future__ import annotations

import re
from datetime import UTC
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates

from core.delivery import DeliveryStatus
from core.events import EVENT_TYPES
from core.instants import Instant
from core.pagination import PageArgs, PageSchema
from runtime.hooks.catalogue import TEST_EVENT

HEADER_NAME = re.compile(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$")
RESERVED_HEADERS = {"host", "content-length", "content-type", "transfer-encoding", "connection", "te", "upgrade"}
MAX_HEADERS = 20
EVENT_CHOICE = validate.OneOf(sorted(EVENT_TYPES))
STATUS_CHOICE = validate.OneOf([status.value for status in DeliveryStatus])
URL_LENGTH = validate.Length(min=1, max=2000)
URL_HELP = {"description": "https:// address of the receiver."}


def check_headers(value: dict[str, Any] | None) -> None:
    """Custom headers: valid names, no header Loom sets itself, one-line values."""
    if not value:
        return
    if len(value) > MAX_HEADERS:
        raise ValidationError(f"At most {MAX_HEADERS} headers.")
    for name, text in value.items():
        if not isinstance(name, str) or not HEADER_NAME.match(name):
            raise ValidationError(f"{name!r} is not a valid header name.")
        if name.lower() in RESERVED_HEADERS or name.lower().startswith("webhook-"):
            raise ValidationError(f"Loom sets {name} itself.")
        if not isinstance(text, str) or len(text) > 2000 or "\r" in text or "\n" in text or "\0" in text:
            raise ValidationError(f"The value of {name} must be one line of at most 2000 characters.")


class _EndpointFields(Schema):
    description = fields.String(validate=validate.Length(max=500), allow_none=True)
    event_types = fields.List(
        fields.String(validate=EVENT_CHOICE),
        validate=validate.Length(min=1, max=len(EVENT_TYPES)),
        metadata={"description": "Event types to send (GET .../hooks/events lists them)."},
    )
    blueprints = fields.List(
        fields.String(validate=validate.Length(min=1, max=63)),
        allow_none=True,
        validate=validate.Length(max=100),
        metadata={"description": "Blueprint keys: only events about these blueprints' records. null: all."},
    )
    changed_fields = fields.List(
        fields.String(validate=validate.Length(min=1, max=63)),
        data_key="fields",
        allow_none=True,
        validate=validate.Length(max=100),
        metadata={"description": "Column keys: record.updated only when one of these changed. null: any change."},
    )
    headers = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        allow_none=True,
        metadata={"description": "Extra headers sent with every call (stored encrypted; never shown again)."},
    )
    enabled = fields.Boolean()

    @validates("headers")
    def _headers(self, value: dict[str, Any] | None, **_: Any) -> None:
        check_headers(value)


class HookEndpointCreate(_EndpointFields):
    url = fields.String(required=True, validate=URL_LENGTH, metadata=URL_HELP)
    event_types = fields.List(fields.String(validate=EVENT_CHOICE), required=True, validate=validate.Length(min=1))


class HookEndpointUpdate(_EndpointFields):
    url = fields.String(validate=URL_LENGTH, metadata=URL_HELP)


class HookHealth(Schema):
    last_attempt_at = fields.DateTime(allow_none=True)
    last_success_at = fields.DateTime(allow_none=True)
    last_status_code = fields.Integer(allow_none=True)
    failure_streak = fields.Integer(metadata={"description": "Failed attempts since the last success."})
    failing_since = fields.DateTime(allow_none=True)


class HookEndpointOut(Schema):
    id = fields.UUID()
    url = fields.String()
    description = fields.String()
    event_types = fields.List(fields.String())
    blueprints = fields.List(fields.String(), allow_none=True, metadata={"description": "Blueprint keys, or null."})
    changed_fields = fields.List(fields.String(), data_key="fields", allow_none=True)
    enabled = fields.Boolean()
    disabled_reason = fields.String(allow_none=True)
    disabled_at = fields.DateTime(allow_none=True)
    header_names = fields.List(fields.String())
    source = fields.String(metadata={"description": "app, or subscription (made through the REST Hooks API)."})
    previous_secret_until = fields.DateTime(
        allow_none=True, metadata={"description": "While set, the previous secret signs too."}
    )
    health = fields.Nested(HookHealth)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    tenant = fields.String(metadata={"description": "The workspace's slug (back office lists)."})


class HookEndpointCreated(HookEndpointOut):
    secret = fields.String(metadata={"description": "The signing secret (whsec_...), shown this once."})


class HookEndpointPage(PageSchema):
    items = fields.List(fields.Nested(HookEndpointOut))


class HookEndpointListArgs(PageArgs):
    enabled = fields.Boolean(load_default=None)


class HookAdminEndpointArgs(HookEndpointListArgs):
    tenant = fields.String(load_default=None, metadata={"description": "A workspace's slug."})


class HookSecretOut(Schema):
    secret = fields.String(metadata={"description": "The new signing secret, shown this once."})
    previous_secret_until = fields.DateTime(metadata={"description": "Until then the old secret signs too."})


class HookDeliveryListArgs(PageArgs):
    endpoint_id = fields.UUID(load_default=None)
    message_id = fields.UUID(load_default=None)
    status = fields.String(load_default=None, validate=STATUS_CHOICE)
    event_type = fields.String(load_default=None, validate=validate.OneOf([*sorted(EVENT_TYPES), TEST_EVENT]))
    since = Instant(load_default=None, default_timezone=UTC)


class HookAdminDeliveryArgs(HookDeliveryListArgs):
    tenant = fields.String(load_default=None, metadata={"description": "A workspace's slug."})


class HookDeliveryOut(Schema):
    id = fields.UUID()
    message_id = fields.UUID()
    endpoint_id = fields.UUID()
    event_type = fields.String()
    status = fields.String(metadata={"description": "pending, delivering, succeeded or failed (dead letter)."})
    attempts = fields.Integer()
    next_attempt_at = fields.DateTime(allow_none=True)
    last_attempt_at = fields.DateTime(allow_none=True)
    finished_at = fields.DateTime(allow_none=True)
    last_status_code = fields.Integer(allow_none=True)
    last_error = fields.String(allow_none=True)
    created_at = fields.DateTime()
    tenant = fields.String(metadata={"description": "The workspace's slug (back office lists)."})


class HookDeliveryPage(PageSchema):
    items = fields.List(fields.Nested(HookDeliveryOut))


class HookAttemptListArgs(PageArgs):
    endpoint_id = fields.UUID(load_default=None)
    delivery_id = fields.UUID(load_default=None)
    succeeded = fields.Boolean(load_default=None)
    since = Instant(load_default=None, default_timezone=UTC)


class HookAttemptOut(Schema):
    id = fields.UUID()
    delivery_id = fields.UUID()
    endpoint_id = fields.UUID()
    number = fields.Integer(metadata={"description": "1 for the first attempt of the delivery."})
    attempted_at = fields.DateTime()
    duration_ms = fields.Integer()
    status_code = fields.Integer(allow_none=True)
    response_body = fields.String(allow_none=True, metadata={"description": "The first 2 KiB of the answer."})
    error = fields.String(allow_none=True)
    succeeded = fields.Boolean()


class HookAttemptPage(PageSchema):
    items = fields.List(fields.Nested(HookAttemptOut))


class HookMessageOut(Schema):
    id = fields.UUID()
    webhook_id = fields.String(metadata={"description": "The webhook-id header receivers see."})
    event_type = fields.String()
    occurred_at = fields.DateTime()
    created_at = fields.DateTime()
    payload = fields.Dict(metadata={"description": "The body as sent."})
    deliveries = fields.List(fields.Nested(HookDeliveryOut))


class HookReplayMessageIn(Schema):
    endpoint_id = fields.UUID(load_default=None, metadata={"description": "Only to this endpoint (any enabled one)."})


class HookReplaySinceIn(Schema):
    since = Instant(required=True, default_timezone=UTC)
    endpoint_id = fields.UUID(load_default=None)


class HookReplayOut(Schema):
    replayed = fields.Integer(metadata={"description": "Deliveries that start again."})
    more = fields.Boolean(metadata={"description": "True when more remain (call again)."})


class HookTestOut(Schema):
    message_id = fields.UUID()
    webhook_id = fields.String()


class HookEventTypeOut(Schema):
    type = fields.String()
    description = fields.String()
    schema = fields.Dict(metadata={"description": "JSON Schema of the whole body."})


class HookSubscriptionIn(Schema):
    """REST Hooks (Zapier, Make, n8n): subscribe ``target_url`` to one event."""

    target_url = fields.String(required=True, validate=URL_LENGTH, metadata=URL_HELP)
    event = fields.String(required=True, validate=EVENT_CHOICE)


class HookSubscriptionOut(Schema):
    id = fields.UUID()
    target_url = fields.String()
    event = fields.String()
    secret = fields.String(metadata={"description": "Signing secret (Standard Webhooks), shown this once."})
