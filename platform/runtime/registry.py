"""What the composition root wires, by import: every model, every Celery task module, every kind of
job with its step, and the interfaces designer reaches runtime through.

core and designer may not import runtime (docs/architecture.md), so they keep only the mechanism
(``core.jobs.tasks.register_step``, ``designer.blueprints.usage.register``); this module fills it.
``create_app`` calls ``wire()``; the Celery worker is made by ``create_app`` too. A new model
module, task module or kind of job is added here, and only here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from sqlalchemy import MetaData
from sqlalchemy.orm import Session

import core.files.tasks
import core.jobs.tasks
import core.mail.tasks
import designer.blueprints.models
import designer.flows.models
import runtime.apikeys.models
import runtime.apikeys.tasks
import runtime.connectors.models
import runtime.connectors.tasks
import runtime.entities.models
import runtime.entities.tasks
import runtime.flows.models
import runtime.flows.tasks
import runtime.hooks.models
import runtime.hooks.tasks
import runtime.messages.inbound_models
import runtime.messages.models
import runtime.messages.tasks
import runtime.metrics.tasks
import runtime.trash.tasks
import runtime.views.models
from core.jobs.models import Job
from core.jobs.tasks import register_step
from core.models import metadata as core_metadata
from designer.blueprints.usage import register as register_usage
from designer.flows.usage import register as register_instance_counts
from runtime.account import deletion as account_deletion
from runtime.admin import workspace_deletion
from runtime.board import bulk as bulk_move
from runtime.entities.usage import EntityUsage
from runtime.flows import moves
from runtime.flows.usage import instance_counts
from runtime.transfer import export, importing
from runtime.trash import operations as trash
from runtime.version_changes import operations as version_changes

# The models of the packages above core (core.models imports core's own): Alembic's metadata
# holds the whole schema once this module is imported.
MODEL_MODULES: tuple[ModuleType, ...] = (
    designer.blueprints.models,
    designer.flows.models,
    runtime.apikeys.models,
    runtime.connectors.models,
    runtime.entities.models,
    runtime.flows.models,
    runtime.hooks.models,
    runtime.messages.inbound_models,
    runtime.messages.models,
    runtime.views.models,
)

# Every module that declares Celery tasks (``core.celery.task``), each domain's ``tasks.py``.
TASK_MODULES: tuple[ModuleType, ...] = (
    core.files.tasks,
    core.jobs.tasks,
    core.mail.tasks,
    runtime.apikeys.tasks,
    runtime.connectors.tasks,
    runtime.entities.tasks,
    runtime.flows.tasks,
    runtime.hooks.tasks,
    runtime.messages.tasks,
    runtime.metrics.tasks,
    runtime.trash.tasks,
)


@dataclass(frozen=True)
class JobKind:
    """A kind of background job: its step (True when the job is finished), what runs once when a
    whole job of the kind ends, and whether its steps get the long statement budget."""

    kind: str
    step: Callable[[Session, Job], bool]
    on_finish: Callable[[Session, Job], None] | None = None
    long: bool = False


JOB_KINDS: tuple[JobKind, ...] = (
    JobKind(version_changes.KIND, version_changes.version_change_step, version_changes.on_finished, long=True),
    JobKind(trash.PURGE_KIND, trash.purge_step, long=True),
    JobKind(export.KIND, export.export_step, long=True),
    JobKind(importing.KIND, importing.import_step, importing.on_finished, long=True),
    JobKind(moves.KIND, moves.move_step),
    JobKind(bulk_move.KIND, bulk_move.move_step),
    JobKind(account_deletion.KIND, account_deletion.deletion_step, long=True),
    JobKind(workspace_deletion.KIND, workspace_deletion.workspace_deletion_step, long=True),
)


def metadata() -> MetaData:
    """Every table of Loom (``MODEL_MODULES`` are imported with this module)."""
    return core_metadata


def wire() -> None:
    """Register every kind of job and the implementations designer counts through."""
    register_usage(EntityUsage())
    register_instance_counts(instance_counts)
    for job in JOB_KINDS:
        register_step(job.kind, job.step, job.on_finish, long=job.long)
