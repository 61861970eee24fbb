"""Tenant scoping by construction: queries on tenant-owned models only see the session's tenant."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import MetaData, String, Uuid, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from core import db
from core.db import TenantScoped, TenantScopeMissing, scope_to_tenant


class _ScratchBase(DeclarativeBase):
    metadata = MetaData()  # not Loom's metadata: this table exists only inside the test transaction


class Note(TenantScoped, _ScratchBase):
    __tablename__ = "scratch_notes"
    tenant_id: Mapped[uuid.UUID] = mapped_column(Uuid, nullable=False)  # no FK: tenants is not in this metadata
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(50))


@pytest.fixture()
def notes(db_session):
    session = db.session()
    _ScratchBase.metadata.create_all(session.connection())
    a, b = uuid.uuid4(), uuid.uuid4()
    session.add_all([Note(tenant_id=a, text="a1"), Note(tenant_id=a, text="a2"), Note(tenant_id=b, text="b1")])
    session.flush()
    return session, a, b


def test_queries_see_only_the_scoped_tenant(notes):
    session, a, b = notes
    with scope_to_tenant(session, a):
        assert sorted(n.text for n in session.scalars(select(Note))) == ["a1", "a2"]
        assert session.scalars(select(Note).where(Note.text == "b1")).first() is None
    with scope_to_tenant(session, b):
        assert [n.text for n in session.scalars(select(Note))] == ["b1"]


def test_bulk_updates_are_scoped_too(notes):
    session, a, b = notes
    with scope_to_tenant(session, a):
        session.execute(update(Note).values(text="changed"))
    with scope_to_tenant(session, b):
        assert [n.text for n in session.scalars(select(Note))] == ["b1"]


def test_unscoped_queries_are_refused(notes):
    session, _, _ = notes
    with pytest.raises(TenantScopeMissing):
        session.scalars(select(Note)).all()
    everything = session.scalars(select(Note).execution_options(all_tenants=True)).all()
    assert len(everything) == 3


def test_subqueries_are_scoped_and_guarded_too(notes):
    from sqlalchemy import func, literal

    session, a, _ = notes
    counted = select(literal(1)).select_from(Note).where(Note.text != "").subquery()
    inner = select(func.count()).select_from(counted).scalar_subquery()
    with pytest.raises(TenantScopeMissing):
        session.execute(select(inner.label("n"))).scalar()
    with scope_to_tenant(session, a):
        assert session.execute(select(inner.label("n"))).scalar() == 2


def test_rows_below_the_orm_carry_the_same_scope(notes):
    """The grid's page runs below the ORM (core.db.rows_below_orm): the criteria it writes out
    give exactly what the ORM's scoping gives, and no tenant scope is refused there too."""
    session, a, b = notes
    query = select(Note.__table__.c.text).where(*db.scope_criteria(Note)).order_by(Note.__table__.c.text)
    with pytest.raises(TenantScopeMissing):
        db.rows_below_orm(session, query)
    for tenant in (a, b):
        with scope_to_tenant(session, tenant):
            below = [row.text for row in db.rows_below_orm(session, query)]
            assert below == sorted(n.text for n in session.scalars(select(Note)))
    assert below == ["b1"]
