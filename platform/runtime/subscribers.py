"""Every reaction to a domain event, connected in one place (``core.events``).

``create_app`` calls ``connect`` (the Celery worker builds its app with ``create_app`` too), so
a reader looking for what happens when a record is created, a step is done or a member leaves
finds it here and nowhere else.
"""

from __future__ import annotations

from core.events import subscribe

_connected = False


def connect() -> None:
    """Connect every receiver once per process."""
    global _connected
    if _connected:
        return
    _connected = True
    from runtime.audit.reactions import audit_record_event
    from runtime.flows.operations import forget_published, on_record_created

    # A new record starts in every published flow of its blueprint (entities never import flows).
    subscribe("record.created", on_record_created)
    subscribe("flow.published", forget_published)
    from runtime.entities.validation import guard_edits
    from runtime.flows.owned import refuse_hand_edits

    # The fields a published flow writes change only through its steps (unless the blueprint allows).
    guard_edits(refuse_hand_edits)
    # Deletes, restores and staff corrections of records go to the workspace's audit log.
    subscribe(["record.deleted", "record.restored", "record.updated"], audit_record_event)
    from runtime.flows.notify import tell_who_it_waits_for

    # The person a new task names gets an email (through the outbox), unless they turned it off.
    subscribe("task.created", tell_who_it_waits_for)
    from runtime.messages.sync import on_record_updated

    # What a record waits for (messages) correlates on its current values.
    subscribe("record.updated", on_record_updated)
    from runtime.connectors.reactions import on_flow_stopped, on_record_deleted, on_record_restored

    # A stopped flow, or a record in the Trash, sends nothing more; a restored record goes on sending.
    subscribe("flow.stopped", on_flow_stopped)
    subscribe("record.deleted", on_record_deleted)
    subscribe("record.restored", on_record_restored)
    from runtime.hooks.events import on_event as hooks_on_event

    # Every event an enabled hook endpoint of the workspace wants becomes a hook message (outbox).
    subscribe("*", hooks_on_event)
