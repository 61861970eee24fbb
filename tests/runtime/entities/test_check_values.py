"""``loom check-values`` lists stored values the boundary now refuses, in every workspace, changing nothing."""

from __future__ import annotations

from click.testing import CliRunner
from sqlalchemy import select, update

from core import db
from runtime.entities.models import Entity
from runtime.entities.value_check import refused_values
from tests.factories import create_blueprint, create_entity, create_tenant, signed_in_user


def _store(entity_id, data):
    """Write ``data`` as a record held it before the bounds tightened (past the writer)."""
    db.session.execute(
        update(Entity).where(Entity.id == entity_id).values(data=data).execution_options(all_tenants=True)
    )
    db.session.commit()


def _stored(entity_id):
    return db.session.scalars(
        select(Entity.data).where(Entity.id == entity_id).execution_options(all_tenants=True)
    ).one()


def _two_workspaces(client):
    records = {}
    for slug in ("x-check-a", "x-check-b"):
        _, headers = signed_in_user(client)
        create_tenant(client, headers, slug)
        create_blueprint(client, headers, slug)
        records[slug] = create_entity(client, headers, slug, "stock_item", type="BOX")["id"]
    _store(records["x-check-a"], {"type": "BOX", "qty": 2**60})
    _store(records["x-check-b"], {"type": "BOX", "qty": 5, "weight": "1E+999999999"})
    return records


def test_values_from_before_are_listed_with_workspace_blueprint_record_and_field(client):
    records = _two_workspaces(client)
    found = {(r.tenant, r.blueprint, str(r.record), r.field) for r in refused_values(db.session(), batch=1)}
    assert ("x-check-a", "stock_item", records["x-check-a"], "qty") in found
    assert ("x-check-b", "stock_item", records["x-check-b"], "weight") in found
    assert not any(f[2] == records["x-check-b"] and f[3] == "qty" for f in found)
    assert _stored(records["x-check-a"])["qty"] == 2**60  # listed, never changed


def test_the_command_prints_one_line_per_value(app, client, monkeypatch):
    import runtime.app
    from runtime.cli import main

    records = _two_workspaces(client)
    monkeypatch.setattr(runtime.app, "create_app", lambda: app)  # the test database's app and connection
    result = CliRunner().invoke(main, ["check-values"])
    assert result.exit_code == 0, result.output
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert ["x-check-a", "stock_item", records["x-check-a"], "qty"] in [line[:4] for line in lines]
    assert _stored(records["x-check-b"])["weight"] == "1E+999999999"
