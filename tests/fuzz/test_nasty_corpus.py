"""Bad input to every write endpoint: never a server error, and nothing is written.

Each POST, PUT, PATCH and DELETE of the OpenAPI document is called with the workspace's real
ids in its path, and in turn:

- whole bodies that are not an object, or nested far too deep;
- each field of its body, on an otherwise sensible body, replaced by values it must refuse
  (NUL, a lone surrogate, deep nesting, 1e999999999, a 5,000-digit integer, years outside
  1-9999 after the zone offset, and JSON of the wrong type);
- each value of a record (``data``), per column type;
- each query and path parameter replaced by such values.

A digest of every table is taken before and after an operation's calls: it must not change.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from typing import Any

import pytest
from sqlalchemy import text

from core import db
from tests.factories import PASSWORD, drawn_delivery
from tests.fuzz.conftest import EVERY_TYPE, FuzzWorkspace, openapi_document

pytestmark = pytest.mark.fuzz

DOCUMENT = openapi_document()
WRITES = ("post", "put", "patch", "delete")

# Raw JSON, put into a body in place of a marker string (json.dumps cannot write them).
HUGE_EXPONENT = "1e999999999"
LONG_INTEGER = "9" * 5000
DEEP_LIST = "[" * 5000 + "]" * 5000
DEEP_OBJECT = '{"a":' * 5000 + "1" + "}" * 5000
RAW = {"@exp@": HUGE_EXPONENT, "@long@": LONG_INTEGER, "@deep-list@": DEEP_LIST, "@deep-object@": DEEP_OBJECT}

NUL = "a\x00b"
SURROGATE = "a\ud800b"
TEXT_NASTIES = [NUL, SURROGATE, "@deep-list@", "@deep-object@"]
WRONG_TYPES: dict[str, list[Any]] = {
    "array": [[None, None]],
    "string": ["x"],
    "integer": [1, "@exp@", "@long@"],
    "number": [1, "@exp@", "@long@"],
    "boolean": [False],
    "object": [{}],
    "null": [None],
}
CALENDAR_EDGES = ["0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-05:00"]
WHOLE_BODIES = ["[null,null]", '"x"', "1", "false", "null", DEEP_LIST, DEEP_OBJECT, '{"\\u0000": 1}', '{"\\ud800": 1}']
PATH_NASTIES = ["a%00b", "%ED%A0%80", "468715328569", "9" * 5000, "-1"]
QUERY_NASTIES = ["a%00b", "%ED%A0%80", "9" * 5000, HUGE_EXPONENT, "x", "[null,null]"]

# Values each record column type must refuse (the record writer's value boundary).
COLUMN_NASTIES: dict[str, list[Any]] = {
    "text": [NUL, SURROGATE, {}, [None, None]],
    "long_text": [NUL, SURROGATE, {}, [None, None]],
    "email": [NUL, SURROGATE, "x", {}],
    "url": [NUL, SURROGATE, {}],
    "phone": [NUL, SURROGATE, {}],
    "integer": ["@exp@", "@long@", HUGE_EXPONENT, LONG_INTEGER, 2**53 + 1, -(2**63) - 1, "x", {}, [None, None]],
    "decimal": ["@exp@", "@long@", HUGE_EXPONENT, "-1e999999999", "NaN", "Infinity", "x", {}, [None, None]],
    "boolean": ["x", {}, [None, None], "@long@"],
    "date": ["0000-01-01", "10000-01-01", "2026-02-30", "x", {}],
    "datetime": [*CALENDAR_EDGES, "0000-01-01T00:00:00Z", "x", {}, "@exp@"],
    "choice": ["C", NUL, SURROGATE, {}],
    "choices": [["C"], [NUL], [{}], {}],
    "reference": [str(uuid.uuid4()), "x", NUL, {}],
    "user": [99999999999, 2**53 + 1, "x", NUL, {}],
}


@dataclasses.dataclass
class Call:
    label: str
    path: str
    body: str | None = None
    query: str | None = None


def dump(value: Any) -> str:
    """JSON text of ``value``, with the raw markers (huge numbers, deep nesting) put in."""
    encoded = json.dumps(value)
    for marker, raw in RAW.items():
        encoded = encoded.replace(json.dumps(marker), raw)
    return encoded


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = DOCUMENT["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def body_properties(operation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if not content:
        return {}
    schema = content["schema"]
    schema = resolve({"$ref": f"#/components/schemas/{schema}"} if isinstance(schema, str) else schema)
    return {name: resolve(prop) for name, prop in schema.get("properties", {}).items()}


def field_nasties(prop: dict[str, Any]) -> list[Any]:
    """Values a field of this schema must refuse: bad text, and every JSON type but its own."""
    kind = prop.get("type")
    values: list[Any] = list(TEXT_NASTIES)
    for other, wrong in WRONG_TYPES.items():
        if other == kind or (other == "integer" and kind == "number"):
            continue
        if other == "null" and prop.get("nullable"):
            continue
        if other == "string" and kind is None:
            continue
        if {other, kind} <= {"boolean", "integer", "number"}:
            continue  # 1 for true and false for 0 are taken, as the document's readers would expect
        values.extend(wrong)
    if prop.get("format") in ("date-time", "date"):
        values.extend(CALENDAR_EDGES)
    if kind is None:  # anything goes (a JSON value): only what no value may hold
        values = list(TEXT_NASTIES)
    return list({json.dumps(value): value for value in values}.values())


def base_bodies(w: FuzzWorkspace) -> dict[str, dict[str, Any]]:
    """A sensible body per operation, so one bad field is the only thing wrong with it."""
    new_password = "another long password 99"
    record = w.everything["version"]
    return {
        "POST /api/auth/register": {"email": "nasty@example.com", "password": new_password},
        "POST /api/auth/login": {"email": w.email, "password": PASSWORD},
        "POST /api/auth/change": {"password": PASSWORD, "new_password": new_password},
        "POST /api/auth/reset": {"email": w.email},
        "POST /api/auth/reset/{token}": {"password": new_password},
        "POST /api/auth/confirm": {"email": w.email},
        "POST /api/tenants": {"name": "Nasty", "slug": "nasty", "timezone": "Europe/Berlin", "language": "en"},
        "PATCH /api/tenants/{slug}/members/{user_id}": {"role": "editor"},
        "POST /api/tenants/{slug}/invitations": {"email": "invitee@example.com", "role": "editor"},
        "POST /api/tenants/{slug}/api-keys": {"name": "Nasty", "role": "viewer", "password": PASSWORD},
        "PATCH /api/admin/tenants/{slug}/entities/{entity_id}": {"version": record, "data": {}},
        "POST /api/tenants/{slug}/blueprints": {"name": "Nasty", "columns": []},
        "PATCH /api/tenants/{slug}/blueprints/{key}": {"lock_version": w.ids["blueprint_lock"]},
        "POST /api/tenants/{slug}/flows": {
            "name": "Nasty",
            "blueprint": "delivery",
            "xml": drawn_delivery(writes_status=False),  # the Delivery flow owns status
        },
        "PATCH /api/tenants/{slug}/flows/{key}": {"lock_version": w.ids["flow_lock"]},
        "POST /api/tenants/{slug}/entities": {"blueprint": "everything", "data": {"text": "Hello"}},
        "PATCH /api/tenants/{slug}/entities/{entity_id}": {"version": record, "data": {}},
        "POST /api/tenants/{slug}/entities/{entity_id}/flows": {"flow": "delivery"},
        "POST /api/tenants/{slug}/inbox/{item_id}/complete": {"data": {}},
        "POST /api/tenants/{slug}/views": {"blueprint": "delivery", "name": "Nasty", "config": {}},
        "POST /api/tenants/{slug}/blueprints/{key}/migrations/preview": {"from_version": 1, "to_version": 1},
        "POST /api/tenants/{slug}/blueprints/{key}/migrations": {"from_version": 1, "to_version": 1},
        "POST /api/tenants/{slug}/entities/{entity_id}/migrate": {"version": record, "to_version": 1},
        "POST /api/tenants/{slug}/exports": {"blueprint": "delivery"},
        "POST /api/tenants/{slug}/imports/{file_id}/start": {
            "blueprint": "delivery",
            "rows": 1,
            "mapping": {"deliver_from": "deliver_from"},
        },
        "POST /api/tenants/{slug}/trash/{blueprint_id}/restore": {"mode": "undelete"},
        "POST /api/support/contact": {"message": "Hello"},
        "POST /api/tenants/{slug}/hooks/endpoints": {
            "url": "https://93.184.215.14/hook",
            "event_types": ["record.created"],
        },
        "POST /api/tenants/{slug}/hooks/replay": {"since": "2026-01-01T00:00:00Z"},
        "POST /api/tenants/{slug}/hooks/subscriptions": {
            "target_url": "https://93.184.215.14/zap",
            "event": "record.created",
        },
        "PATCH /api/admin/hooks/endpoints/{endpoint_id}": {"enabled": True},
    }


# Where ``data`` holds a record's values (of the record with a column of each type).
RECORD_BODIES = {
    "POST /api/tenants/{slug}/entities",
    "PATCH /api/tenants/{slug}/entities/{entity_id}",
    "PATCH /api/admin/tenants/{slug}/entities/{entity_id}",
}


def fill(path: str, values: dict[str, Any]) -> str:
    for name, value in values.items():
        path = path.replace("{" + name + "}", str(value))
    return path


def calls_for(endpoint: str, operation: dict[str, Any], w: FuzzWorkspace) -> list[Call]:
    template = endpoint.split(" ", 1)[1]
    values = w.path_values(template)
    path = fill(template, values)
    calls = [Call(f"body {raw[:20]}", path, body=raw) for raw in WHOLE_BODIES]
    base = base_bodies(w).get(endpoint, {})
    for name, prop in body_properties(operation).items():
        for value in field_nasties(prop):
            calls.append(Call(f"{name}={str(value)[:30]!r}", path, body=dump({**base, name: value})))
    if endpoint in RECORD_BODIES:
        for column in EVERY_TYPE:
            for value in COLUMN_NASTIES[column["type"]]:
                data = {**base.get("data", {}), column["key"]: value}
                calls.append(Call(f"data.{column['key']}={str(value)[:30]!r}", path, body=dump({**base, "data": data})))
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "query":
            for value in QUERY_NASTIES:
                calls.append(Call(f"?{parameter['name']}={value[:30]}", path, query=f"{parameter['name']}={value}"))
    for name in values:
        if "{" + name + "}" in template:
            for value in PATH_NASTIES:
                calls.append(Call(f"path {name}={value[:30]}", fill(template, {**values, name: value})))
    return calls


def fingerprint() -> dict[str, str]:
    """A digest of every table's rows."""
    with db.session_factory() as session:
        tables = session.scalars(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'")
        ).all()
        digest = "md5(coalesce(string_agg(md5(t::text), ',' ORDER BY md5(t::text)), ''))"
        query = " UNION ALL ".join(f"SELECT '{name}', {digest} FROM \"{name}\" t" for name in tables)
        return {name: digest for name, digest in session.execute(text(query))}


def changed_tables(before: dict[str, str]) -> list[str]:
    after = fingerprint()
    return sorted(table for table, digest in after.items() if before.get(table) != digest)


def send(w: FuzzWorkspace, method: str, call: Call, secured: bool) -> Any:
    kwargs: dict[str, Any] = {"headers": w.headers_for(call.path, secured)}
    if call.body is not None:
        kwargs.update(data=call.body.encode("utf-8", "surrogatepass"), content_type="application/json")
    if call.query is not None:
        kwargs["query_string"] = call.query
    return w.client.open(call.path, method=method.upper(), **kwargs)


WRITE_ENDPOINTS = sorted(
    f"{method.upper()} {path}" for path, item in DOCUMENT["paths"].items() for method in item if method in WRITES
)


@pytest.mark.parametrize("endpoint", WRITE_ENDPOINTS)
def test_bad_input_gets_no_server_error_and_writes_nothing(fuzz_workspace: FuzzWorkspace, endpoint: str) -> None:
    method, template = endpoint.split(" ", 1)
    operation = DOCUMENT["paths"][template][method.lower()]
    secured = bool(operation.get("security"))
    calls = calls_for(endpoint, operation, fuzz_workspace)
    server_errors: list[tuple[str, int, Any]] = []
    accepted: list[tuple[str, int]] = []
    with fuzz_workspace.rolled_back():
        before = fingerprint()
        for call in calls:
            answer = send(fuzz_workspace, method, call, secured)
            if answer.status_code >= 500:
                server_errors.append((call.label, answer.status_code, answer.get_json(silent=True)))
            elif answer.status_code < 400:
                accepted.append((call.label, answer.status_code))
        changed = changed_tables(before)
    written: list[str] = []
    if changed:  # which calls wrote: each again, alone
        for call in calls:
            with fuzz_workspace.rolled_back():
                before = fingerprint()
                send(fuzz_workspace, method, call, secured)
                if tables := changed_tables(before):
                    written.append(f"{call.label} wrote {', '.join(tables)}")
        written = written or [f"the calls together wrote {', '.join(changed)} (accepted: {accepted})"]
    problems = [f"{label} -> {status}" for label, status, _ in server_errors] + written
    assert not problems, f"{endpoint}:\n" + "\n".join(problems)
