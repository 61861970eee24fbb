"""What people read about connector calls, and the workspace's connector signing secret."""

from __future__ import annotations

from marshmallow import Schema, fields


class ConnectorCallOut(Schema):
    """One connector step a record's flow reached and what became of it. Never the request itself
    (its headers may carry a receiver's credentials) nor the answer's body."""

    id = fields.UUID()
    instance_id = fields.UUID()
    flow = fields.String(metadata={"description": "The flow's name."})
    element = fields.String(metadata={"description": "The service task's BPMN id."})
    name = fields.String(allow_none=True, metadata={"description": "The service task's name in the diagram."})
    kind = fields.String(metadata={"description": "http or email."})
    status = fields.String(
        metadata={
            "description": "pending, delivering, succeeded, failed (every attempt failed), or closed "
            "(the flow no longer waits for the step: it went elsewhere, stopped, or the record is in the Trash)."
        }
    )
    attempts = fields.Integer()
    last_error = fields.String(allow_none=True)
    response_status = fields.Integer(
        allow_none=True, metadata={"description": "The HTTP status of the last answer, when there was one."}
    )
    created_at = fields.DateTime()
    last_attempt_at = fields.DateTime(allow_none=True)
    next_attempt_at = fields.DateTime(allow_none=True, metadata={"description": "When it is tried next, if open."})
    finished_at = fields.DateTime(allow_none=True)


class ConnectorCallList(Schema):
    items = fields.List(fields.Nested(ConnectorCallOut))


class ConnectorSecretOut(Schema):
    secret = fields.String(
        metadata={"description": "The Standard Webhooks secret (whsec_…) the workspace's HTTP connectors sign with."}
    )
