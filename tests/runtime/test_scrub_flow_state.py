"""A deleted user's id leaves a flow instance's stored state wherever the engine keeps it: in a
task's data, in a task's changes against its parent (``delta.updates``), and behind a reference
into the state's pool of long texts (engine.flows.stored_data), where the same text may stand
for another variable that keeps it."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

from sqlalchemy import text

from core import db
from core.db import scope_to_tenant
from engine.flows import run, stored_data
from engine.flows.parser import parse
from engine.flows.sandbox import Sandbox
from runtime.account import scrub_records
from runtime.account.scrub import Scope, Target, UserColumns
from tests.engine.flows.test_lean_state import MI_SUBPROCESS, old_format
from tests.factories import create_entity, delivery_tenant

NOW = datetime(2026, 11, 23, tzinfo=UTC)
ANN = 10**17 + 7  # an id whose text is long enough to be pooled
BOB = 42


def _state(old: bool = False, reviewer: int = ANN, pressed_by: int | None = None) -> dict:
    """An instance of a multi-instance sub-process holding ``reviewer`` in "reviewer" (a user
    column) and Ann's id as a plain number in "quantity", which must stay; with ``pressed_by``, the
    first waiting step was completed with that reviewer (a change against its parent task)."""
    sandbox = Sandbox()
    try:
        data = {"lines": [{"qty": 1}, {"qty": 2}], "reviewer": reviewer, "handler": BOB, "quantity": ANN}
        workflow = run.start(parse(MI_SUBPROCESS), data, sandbox=sandbox, now=NOW, zone="UTC", record=dict(data))
        if pressed_by is not None:
            task = run.waiting(workflow)[0]
            run.complete(workflow, task.id, {"reviewer": pressed_by}, sandbox=sandbox, now=NOW, zone="UTC")
    finally:
        sandbox.close()
    return json.loads(json.dumps(old_format(workflow) if old else run.serialize(workflow)))


def _held(state: dict, name: str) -> list[object]:
    """The variable ``name`` in every task of the restored state, sub-processes included."""
    workflow = run.restore(state)
    tasks = [t for part in [workflow, *workflow.subprocesses.values()] for t in part.tasks.values()]
    return [t.data[name] for t in tasks if name in t.data]


def _scrubbed(client, state: dict) -> dict:
    """``state`` put in a real instance of a workspace, and what the instances scrubber leaves of it."""
    slug = f"x-scrub-{uuid.uuid4().hex[:8]}"
    entity = create_entity(client, delivery_tenant(client, slug), slug, "delivery", deliver_from="Berlin")
    [(instance_id, tenant_id, blueprint_id)] = db.session.execute(
        text(
            "SELECT i.id, i.tenant_id, e.blueprint_id FROM flow_instances i JOIN entities e ON e.id = i.entity_id"
            " WHERE e.id = :e"
        ),
        {"e": entity["id"]},
    ).all()
    db.session.execute(
        text("UPDATE flow_instances SET state = CAST(:s AS jsonb) WHERE id = :i"),
        {"s": json.dumps(state), "i": instance_id},
    )
    columns = UserColumns(by_version={}, by_blueprint={blueprint_id: {"reviewer", "handler"}})
    with scope_to_tenant(db.session, tenant_id):
        scope = Scope(Target(ANN, "ann@example.com"), columns, tenant_id)
        assert scrub_records.instances(db.session, scope, None) is None
    [(kept, version)] = db.session.execute(
        text("SELECT state, version FROM flow_instances WHERE id = :i"), {"i": instance_id}
    ).all()
    assert version > 1  # changed, so an editor holding the old state gets a 409
    return kept


def test_a_pooled_user_id_is_nulled_in_the_users_columns_and_kept_in_the_others(client):
    state = _state()
    assert state[run.DATA_FORMAT] == run.POOLED_TEXT and str(ANN) in state[stored_data.POOL]
    assert json.dumps(state).count(str(ANN)) == 1  # held once, referred to from every task that holds it
    scrubbed = _scrubbed(client, state)
    assert set(_held(scrubbed, "reviewer")) == {None}
    assert set(_held(scrubbed, "handler")) == {BOB}
    assert set(_held(scrubbed, "quantity")) == {ANN}
    assert len(_held(scrubbed, "reviewer")) == len(_held(state, "reviewer")) > 2  # in the sub-processes too


def test_states_stored_before_pooling_lose_the_user_in_data_and_in_changes(client):
    state = _state(old=True, reviewer=BOB, pressed_by=ANN)
    changes = [
        task["delta"]["updates"]
        for part in [state, *state["subprocesses"].values()]
        for task in part["tasks"].values()
        if "v:reviewer" in (task.get("delta") or {}).get("updates", {})
    ]
    assert json.dumps(str(ANN)) in json.dumps(changes)  # Ann pressed: a change against the step before
    assert ANN in _held(state, "reviewer")
    scrubbed = _scrubbed(client, state)
    assert set(_held(scrubbed, "reviewer")) == {None, BOB}
    assert set(_held(scrubbed, "quantity")) == {ANN}
