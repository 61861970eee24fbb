"""Records are written to JSON by plain functions (runtime.entities.views.entity_json, items_json,
listing_json),
not by marshmallow; what they write must be what the schemas (EntityOut, EntityPage) dump, which
the OpenAPI document describes, for a value of every column type and for empty values."""

from __future__ import annotations

import json

from core import db
from core.db import scope_to_tenant
from core.identity.models import Tenant
from engine.schema.columns import ColumnType
from runtime.entities import queries, views
from runtime.entities.schemas import EntityOut, EntityPage
from tests.factories import create_blueprint, create_entity, create_tenant, signed_in_user

SLUG = "json-every-type"
EXTRA = {
    ColumnType.CHOICE: {"options": ["A", "B"]},
    ColumnType.CHOICES: {"options": ["A", "B"]},
    ColumnType.REFERENCE: {"reference": "site"},
}


def _values(site_id: str, user_id: int) -> dict[str, object]:
    return {
        ColumnType.TEXT: "Box 7",
        ColumnType.LONG_TEXT: "Two\nlines é ✓",
        ColumnType.INTEGER: 42,
        ColumnType.DECIMAL: "1234.50",
        ColumnType.BOOLEAN: True,
        ColumnType.DATE: "2026-02-03",
        ColumnType.DATETIME: "2026-02-03T04:05:06Z",
        ColumnType.CHOICE: "A",
        ColumnType.CHOICES: ["A", "B"],
        ColumnType.EMAIL: "someone@example.com",
        ColumnType.URL: "https://example.com/a?b=c",
        ColumnType.PHONE: "+49 30 1234567",
        ColumnType.REFERENCE: site_id,
        ColumnType.USER: user_id,
    }


def _old_way(app, dumped_by_schema):
    """What flask-smorest answered with the schema's dump: the same JSON encoder, the same keys."""
    return json.loads(app.json.dumps(dumped_by_schema))


def test_records_of_every_column_type_are_written_as_the_schema_dumps_them(app, client):
    _, owner = signed_in_user(client, "json-owner")
    create_tenant(client, owner, SLUG)
    create_blueprint(client, owner, SLUG, name="Site", columns=[{"key": "name", "label": "Name", "type": "text"}])
    site = create_entity(client, owner, SLUG, "site", name="Depot")
    columns = [{"key": f"c_{t.value}", "label": t.value, "type": t.value, **EXTRA.get(t, {})} for t in ColumnType]
    create_blueprint(client, owner, SLUG, name="Everything", columns=columns)
    user_id = client.get("/api/auth/me", headers=owner).get_json()["id"]
    values = _values(site["id"], user_id)
    assert set(values) == set(ColumnType)  # a new column type needs a value here
    full = create_entity(client, owner, SLUG, "everything", **{f"c_{t.value}": v for t, v in values.items()})
    create_entity(client, owner, SLUG, "everything")  # every value empty

    page = client.get(f"/api/tenants/{SLUG}/entities", query_string={"blueprint": "everything"}, headers=owner)
    one = client.get(f"/api/tenants/{SLUG}/entities/{full['id']}", headers=owner)
    assert page.status_code == 200 and one.status_code == 200
    assert len(page.get_json()["items"]) == 2

    with app.test_request_context():
        session = db.session()
        tenant = session.query(Tenant).filter_by(slug=SLUG).one()
        with scope_to_tenant(session, tenant.id):
            listed = views.listing(session, {"blueprint": "everything", "limit": 50})
            assert page.get_json() == _old_way(app, EntityPage().dump(listed))
            assert views.listing_json(session, {"blueprint": "everything", "limit": 50}) == EntityPage().dump(listed)
            record = views.entity_views([queries.get_entity(session, full["id"])])[0]
            assert one.get_json() == _old_way(app, EntityOut().dump(record))
            assert views.entity_json(record) == EntityOut().dump(record)
    compared = {item["id"]: item for item in page.get_json()["items"]}
    assert set(compared[full["id"]]["data"]) == {f"c_{t.value}" for t in ColumnType}  # every type was compared
