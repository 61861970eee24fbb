"""What the runtime needs from the flow engine: one sandbox per thread and parsed published versions.

A published version never changes, so its parsed diagram is kept per process by id; parsing on
every transition would cost more than the transition itself.
"""

from __future__ import annotations

import atexit
import threading
import uuid
from collections import OrderedDict

from sqlalchemy.orm import Session

from core.identity.models import Tenant
from designer.flows.models import FlowVersion
from engine.flows.parser import Flow, parse
from engine.flows.sandbox import Sandbox

PARSED_CACHE_SIZE = 256

_local = threading.local()
_sandboxes: list[Sandbox] = []
_parsed: OrderedDict[uuid.UUID, Flow] = OrderedDict()
_parsed_lock = threading.Lock()


def sandbox() -> Sandbox:
    """This thread's sandbox: its interpreter answers one script at a time."""
    found: Sandbox | None = getattr(_local, "sandbox", None)
    if found is None:
        found = _local.sandbox = Sandbox()
        _sandboxes.append(found)
    return found


@atexit.register
def _close_sandboxes() -> None:
    for box in _sandboxes:
        box.close()


def parsed(version: FlowVersion) -> Flow:
    """The version's diagram, parsed once per process."""
    with _parsed_lock:
        found = _parsed.get(version.id)
        if found is not None:
            _parsed.move_to_end(version.id)
            return found
    flow = parse(version.xml)
    with _parsed_lock:
        _parsed[version.id] = flow
        while len(_parsed) > PARSED_CACHE_SIZE:
            _parsed.popitem(last=False)
    return flow


def zone_of(db_session: Session, tenant_id: uuid.UUID) -> str:
    tenant = db_session.get(Tenant, tenant_id)
    return tenant.timezone if tenant is not None else "UTC"
