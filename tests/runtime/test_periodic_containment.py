"""A periodic task's round goes on when one of its items fails: the failure stays with that item."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, text

from core import clock, db
from core.mail import tasks as mail_tasks
from core.mail.delivery import pending_ids
from runtime.entities.models import Entity
from runtime.trash.tasks import purge_expired_records
from tests.factories import create_blueprint, create_entity, create_tenant, signed_in_user


def _kept(ids: list[str]) -> set[str]:
    query = select(Entity.id).where(Entity.id.in_(ids)).execution_options(all_tenants=True, include_trashed=True)
    return {str(i) for i in db.session.scalars(query)}


def test_a_workspace_whose_trash_purge_fails_does_not_stop_the_others(client):
    _, headers = signed_in_user(client)
    trashed: dict[str, str] = {}
    tenants: dict[str, str] = {}
    for slug in ("x-first", "x-broken", "x-last"):
        tenants[slug] = create_tenant(client, headers, slug)["id"]
        create_blueprint(client, headers, slug)
        record = create_entity(client, headers, slug, "stock_item", type="BOX", qty=1)
        assert client.delete(f"/api/tenants/{slug}/entities/{record['id']}", headers=headers).status_code == 204
        trashed[slug] = record["id"]
    clock.travel(timedelta(days=31))
    # The database refuses to delete x-broken's records (as a lock timeout or a bad row would).
    db.session.execute(
        text(
            "CREATE FUNCTION test_refuse_purge() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'refused'; END $$"
        )
    )
    db.session.execute(
        text(
            "CREATE TRIGGER test_refuse_purge BEFORE DELETE ON entities FOR EACH ROW "
            f"WHEN (OLD.tenant_id = '{tenants['x-broken']}') EXECUTE FUNCTION test_refuse_purge()"
        )
    )
    db.session.commit()

    assert purge_expired_records() == 2
    assert _kept(list(trashed.values())) == {trashed["x-broken"]}

    db.session.execute(text("DROP TRIGGER test_refuse_purge ON entities"))
    db.session.commit()
    assert purge_expired_records() == 1  # the next round purges it
    assert _kept(list(trashed.values())) == set()


def test_an_outbox_message_the_broker_refuses_does_not_stop_the_sweep(client, app, monkeypatch):
    signed_in_user(client)
    signed_in_user(client)  # two welcome mails (the test stage captures them only when delivered)
    clock.travel(timedelta(minutes=5))
    pending = [str(i) for i in pending_ids(db.session(), older_than_seconds=60)]
    assert len(pending) >= 2

    send = mail_tasks.deliver_outbox_message.apply_async
    tried: list[str] = []

    def broker_refuses_the_first(args: list[str], **options: object) -> object:
        tried.append(args[0])
        if len(tried) == 1:
            raise ConnectionError("broker refused")
        return send(args=args, **options)

    monkeypatch.setattr(mail_tasks.deliver_outbox_message, "apply_async", broker_refuses_the_first)
    assert mail_tasks.sweep_outbox() == len(pending) - 1
    assert tried == pending  # every one was tried, the ones after the refused one included
