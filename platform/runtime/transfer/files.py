"""The CSV files of imports and exports: the upload, the export and the rejected rows."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy.orm import Session

from core import clock
from core.files.models import StoredFile


def new_csv_file(
    db_session: Session, tenant_id: uuid.UUID, name: str, purpose: str, user_id: int | None, keep_days: int
) -> StoredFile:
    """A CSV file's row, kept ``keep_days`` from now, flushed (its id is known); no bytes written yet."""
    stored = StoredFile(
        tenant_id=tenant_id,
        name=name,
        content_type="text/csv",
        purpose=purpose,
        created_by=user_id,
        expires_at=clock.now() + timedelta(days=keep_days),
    )
    db_session.add(stored)
    db_session.flush()
    return stored
