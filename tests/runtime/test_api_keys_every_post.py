"""Every POST of the tenant API honours Idempotency-Key: walked from the role matrix, so a new
endpoint is covered as soon as it has its row there.

Each endpoint is called by an admin API key where keys may call it (the owner otherwise), with a
fresh Idempotency-Key, then again with the same request: the second answer is the first one,
marked replayed, and no table changed in between (nothing was done twice, no job queued again).
"""

from __future__ import annotations

import dataclasses
import uuid

import pytest

from tests.runtime.test_role_matrix import (  # noqa: F401 - module_transaction and workspace are fixtures
    MATRIX,
    PARAMETER,
    SLUG,
    Call,
    Workspace,
    allowed,
    csv_upload,
    fingerprint,
    module_transaction,
    workspace,
)

POSTS = sorted(endpoint for endpoint in MATRIX if endpoint.startswith("POST "))


def _post(w: Workspace, role: str, rule: str, call: Call, key: str):
    """The matrix's call, sent with an Idempotency-Key."""
    path = PARAMETER.sub(lambda m: str({"slug": SLUG, **call.params}[m.group(1)]), rule)
    kwargs = {"query_string": call.query, "headers": {**w.headers[role], "Idempotency-Key": key}}
    if call.form is not None:
        kwargs.update(data=call.form, content_type="multipart/form-data")
    elif call.json is not None:
        kwargs["json"] = call.json
    return w.client.post(path, **kwargs)


@pytest.mark.parametrize("endpoint", POSTS)
def test_the_same_post_again_is_answered_from_the_first_and_changes_nothing(workspace, endpoint):  # noqa: F811
    _, rule = endpoint.split(" ", 1)
    rule = f"/api/tenants{rule}"
    role = "key_admin" if "key_admin" in allowed(endpoint) else "owner"
    call = MATRIX[endpoint].make(workspace, role)
    key = str(uuid.uuid4())
    first = _post(workspace, role, rule, call, key)
    assert 200 <= first.status_code < 300, (role, first.get_json(silent=True))
    before = fingerprint()
    repeat = dataclasses.replace(call, form=csv_upload()) if call.form is not None else call  # a new upload body
    again = _post(workspace, role, rule, repeat, key)
    changed = sorted(table for table, digest in fingerprint().items() if before.get(table) != digest)
    assert (again.status_code, again.headers.get("Idempotent-Replayed")) == (first.status_code, "true"), again.get_json(
        silent=True
    )
    assert again.get_data() == first.get_data() or "secret" in (first.get_json(silent=True) or {})
    assert changed == [], f"{endpoint}: the repeated request changed these tables"
