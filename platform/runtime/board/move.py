"""Moving a record to a state: the one waiting button whose transition leads there, pressed like
the inbox presses it; none or several are refused in plain words."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from core.errors import Conflict, Forbidden, Invalid
from core.identity.models import Membership, User
from engine.schema import Schema
from runtime.board.targets import buttons, steps_of
from runtime.definitions import schema_of
from runtime.entities.models import Entity
from runtime.flows import operations
from runtime.flows.access import refusal
from runtime.flows.models import InboxItem
from runtime.flows.operations import published_flows
from runtime.flows.queries import AtWork


def move_record(
    db_session: Session, membership: Membership, user: User, entity: Entity, to: str, data: dict[str, Any] | None
) -> tuple[AtWork, list[InboxItem]]:
    """Press the one button taking ``entity`` to ``to`` with its form's ``data``, if ``user`` may.

    The one way a record is moved to a state, alone or with others (runtime.board.bulk): the same
    refusals, 422 no button / 409 several / 403 not this person's step; ``data`` None asks for the
    button's form first (ask_form). Returns the step's rows (keep them while the views are built)
    and the instance's items waiting afterwards.
    """
    item = button_to(db_session, entity, to)
    work = operations.item_to_complete(db_session, item.id)  # its instance held for the step
    schema = schema_of(db_session, work.entity.blueprint_version_id)
    named = schema.column(work.item.field or "")
    reason = refusal(work.item, membership, user, work.entity.data, named.label if named else None)
    if reason is not None:
        raise Forbidden(reason)
    if data is None:
        ask_form(schema, work.item)
    return work, operations.complete_item(db_session, work.item, data or {}, user.id, held=True)


def button_to(db_session: Session, entity: Entity, to: str) -> InboxItem:
    """The waiting inbox item whose transition takes ``entity`` to the state ``to``.

    422 on ``to`` when no button leads there (naming the states), 409 when several do (naming them).
    """
    found = buttons(db_session, entity.id)
    matching = [b for b in found if b.transition.to == to]
    if len(matching) == 1:
        return matching[0].item
    schema = schema_of(db_session, entity.blueprint_version_id)
    if matching:
        labels = ", ".join(f"“{b.item.label}”" for b in matching)
        raise Conflict(
            f"Several buttons move this record there: {labels}. Press the one you mean.",
            extra={"buttons": [{"id": str(b.item.id), "label": b.item.label} for b in matching]},
        )
    states = [b.state for b in found] or _state_columns(db_session, entity)
    message = _nowhere(schema, entity, states[0] if states else None, to)
    raise Invalid({"to": [message]}, message)


def ask_form(schema: Schema, item: InboxItem) -> None:
    """A move sent without values for a button that has a form: 422 on ``data`` with the button and
    its form's fields (as the inbox shows them), so a board can ask them before pressing."""
    form = [column for key in item.fields if (column := schema.column(key)) is not None]
    if not form:
        return
    names = ", ".join(column.label for column in form)
    button: dict[str, Any] = {"id": str(item.id), "label": item.label, "fields": [c.to_dict() for c in form]}
    raise Invalid({"data": [f"“{item.label}” asks for {names}."]}, extra={"button": button})


def _state_columns(db_session: Session, entity: Entity) -> list[str]:
    """The state columns the blueprint's published steps-based flows move."""
    found = []
    for flow in published_flows(db_session, entity.blueprint_id):
        steps = steps_of(db_session, flow.current_version_id) if flow.current_version_id else None
        if steps is not None:
            found.append(steps.state)
    return found


def _nowhere(schema: Schema, entity: Entity, state: str | None, to: str) -> str:
    column = schema.column(state) if state is not None else None
    if column is None:
        return f"No button moves this record to {to}."
    labels = {option.value: option.label for option in column.options}
    if to not in labels:
        return f"{to} is not a value of {column.label}."
    current = entity.data.get(column.key)
    if current is None:
        return f"No button moves this record from an empty {column.label} to {labels[to]}."
    return f"No button moves this record from {labels.get(str(current), str(current))} to {labels[to]}."
