"""Schemathesis over the whole OpenAPI document, as the owner of a workspace with real objects
(and its super admin under /api/admin; signed out where the operation needs no token).

Every operation gets Schemathesis's boundary cases and a few generated requests, valid and
invalid ones, with the workspace's slug and, mostly, real ids in the path and real blueprint
keys and versions in the body (otherwise the generated value, so bad ones are tried too). No
answer may be a server error, and every answer must match the document: a status code the
operation declares, and a body of the declared schema.

The run is bounded (EXAMPLES_PER_OPERATION, no shrinking; about 100 s of CPU for the whole
document) and derandomized: every run sends the same requests.
"""

from __future__ import annotations

import zlib
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from tests.fuzz.conftest import FuzzWorkspace, openapi_document

pytestmark = pytest.mark.fuzz

CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]
EXAMPLES_PER_OPERATION = 30


schema = schemathesis.openapi.from_dict(openapi_document())


def mostly(generated: Any) -> bool:
    """Whether to put a real value in place of ``generated``: three times in four, the same each run."""
    return zlib.crc32(repr(generated).encode()) % 4 != 0


def real_values(case: Any, workspace: FuzzWorkspace) -> None:
    """Put the workspace's slug and, mostly, real ids into the path, and real blueprint keys and
    versions into the query and body, so that calls reach past the lookups into the handlers."""
    real = workspace.path_values(case.operation.path)
    for name, generated in list((case.path_parameters or {}).items()):
        if name in real and (name == "slug" or mostly(generated)):
            case.path_parameters[name] = real[name]
    body_values = workspace.body_values(case.operation.path)
    for values, names in ((case.query, ("blueprint",)), (case.body, tuple(body_values))):
        if not isinstance(values, dict):
            continue
        for name in names:
            if name in values and mostly(values[name]):
                values[name] = body_values[name]


def credentials(case: Any, workspace: FuzzWorkspace) -> dict[str, str]:
    """The owner's token (the admin's under /api/admin) where the operation asks for one; none
    where it is for signed-out people (signing up, signing in, reset links), as a client would."""
    secured = bool(case.operation.definition.raw.get("security"))
    # Schemathesis asks for gzip like a browser but reads a WSGI answer without undoing it; the
    # compression itself is tested in tests/runtime/test_compression.py.
    return {**workspace.headers_for(case.operation.path, secured), "Accept-Encoding": "identity"}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_no_server_errors_and_answers_match_the_document(case: Any, app: Flask, fuzz_workspace: FuzzWorkspace) -> None:
    real_values(case, fuzz_workspace)
    with fuzz_workspace.rolled_back():
        case.call_and_validate(app=app, headers=credentials(case, fuzz_workspace), checks=CHECKS)
