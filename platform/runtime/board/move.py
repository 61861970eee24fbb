"""Moving a record to a state: the one waiting button whose transition leads there, pressed like
the inbox presses it; none or several are refused in plain words."""

from __future__ import annotations

from sqlalchemy.orm import Session

from core.errors import Conflict, Invalid
from engine.schema import Schema
from runtime.board.targets import buttons, steps_of
from runtime.entities.models import Entity
from runtime.flows.engine import schema_of
from runtime.flows.models import InboxItem
from runtime.flows.operations import published_flows


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
