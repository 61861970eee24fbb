"""Instance counts per flow or per version, for the designer (registered at app creation).

"Running" counts every instance not completed, stopped ones (a failed timer step) included.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from runtime.flows.models import COMPLETED, FlowInstance


def instance_counts(db_session: Session, by: str, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, tuple[int, int]]:
    if not ids:
        return {}
    column = FlowInstance.flow_id if by == "flow" else FlowInstance.flow_version_id
    rows = db_session.execute(
        select(column, func.count(), func.count().filter(FlowInstance.status != COMPLETED))
        .where(column.in_(ids))
        .group_by(column)
    )
    return {row[0]: (int(row[1]), int(row[2])) for row in rows}
