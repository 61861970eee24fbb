"""CSV export and import as background jobs, through the API."""

from __future__ import annotations

import csv
import io
import json

import pytest

from core.jobs.models import JobStatus
from tests.factories import create_blueprint, create_entity, create_flow, create_tenant, drain_job, signed_in_user


@pytest.fixture()
def stock(client, app, tmp_path):
    settings = app.config["LOOM"]
    import dataclasses

    app.config["LOOM"] = dataclasses.replace(settings, storage_dir=str(tmp_path))
    _, headers = signed_in_user(client)
    create_tenant(client, headers, "x-stock")
    create_blueprint(client, headers, "x-stock")
    yield headers
    app.config["LOOM"] = settings


def test_export_of_a_filtered_list_ends_with_a_download_link(app, client, stock):
    for qty, kind in [(1, "BOX"), (5, "BOX"), (9, "PALLET")]:
        create_entity(client, stock, "x-stock", "stock_item", type=kind, qty=qty, space="=cmd|' /C calc'!A0")
    body = {
        "blueprint": "stock_item",
        "filter": json.dumps({"column": "type", "op": "eq", "value": "BOX"}),
        "sort": json.dumps([{"column": "qty", "direction": "desc"}]),
    }
    started = client.post("/api/tenants/x-stock/exports", json=body, headers=stock)
    assert started.status_code == 202, started.get_json()
    job_id = started.get_json()["id"]
    assert drain_job(app, job_id) == JobStatus.DONE
    job = client.get(f"/api/tenants/x-stock/jobs/{job_id}", headers=stock).get_json()
    assert job["result"]["rows"] == 2
    download = client.get(job["result"]["download_url"])  # no sign-in needed: the link is signed
    assert download.status_code == 200 and download.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(download.data.decode())))
    assert [r["qty"] for r in rows] == ["5", "1"]
    assert rows[0]["space"].startswith("'=")  # no formula runs when opened in a spreadsheet
    assert client.get("/api/downloads/forged-token").status_code == 404


def test_export_with_a_bad_filter_is_refused_at_once(client, stock):
    body = {"blueprint": "stock_item", "filter": json.dumps({"column": "nope", "op": "eq", "value": 1})}
    response = client.post("/api/tenants/x-stock/exports", json=body, headers=stock)
    assert response.status_code == 422 and "filter.0.column" in response.get_json()["errors"]


def test_import_maps_columns_reports_bad_rows_and_creates_the_good_ones(app, client, stock):
    content = 'Type,Space,Quantity,Ignored\nBOX,A-1,3,x\nSACK,A-2,1,y\nPALLET,"B, north",seven,z\nCRATE,C-3,,w\n'
    uploaded = client.post(
        "/api/tenants/x-stock/imports",
        data={"blueprint": "stock_item", "file": (io.BytesIO(content.encode()), "stock.csv")},
        headers=stock,
        content_type="multipart/form-data",
    )
    assert uploaded.status_code == 201, uploaded.get_json()
    info = uploaded.get_json()
    assert info["rows"] == 4 and info["headers"] == ["Type", "Space", "Quantity", "Ignored"]
    assert info["mapping"] == {"Type": "type", "Space": "space", "Quantity": "qty", "Ignored": None}
    started = client.post(
        f"/api/tenants/x-stock/imports/{info['file_id']}/start",
        json={"blueprint": "stock_item", "rows": info["rows"], "mapping": info["mapping"]},
        headers=stock,
    )
    assert started.status_code == 202, started.get_json()
    assert drain_job(app, started.get_json()["id"]) == JobStatus.DONE
    job = client.get(f"/api/tenants/x-stock/jobs/{started.get_json()['id']}", headers=stock).get_json()
    assert job["result"]["created"] == 2 and job["result"]["failed"] == 2
    assert [(e["line"], sorted(e["errors"])) for e in job["result"]["errors"]] == [(3, ["type"]), (4, ["qty"])]
    listed = client.get("/api/tenants/x-stock/entities", query_string={"blueprint": "stock_item"}, headers=stock)
    assert sorted(e["data"]["type"] for e in listed.get_json()["items"]) == ["BOX", "CRATE"]


def test_import_mapping_to_an_unknown_column_is_refused(client, stock):
    uploaded = client.post(
        "/api/tenants/x-stock/imports",
        data={"blueprint": "stock_item", "file": (io.BytesIO(b"a,b\n1,2\n"), "x.csv")},
        headers=stock,
        content_type="multipart/form-data",
    ).get_json()
    response = client.post(
        f"/api/tenants/x-stock/imports/{uploaded['file_id']}/start",
        json={"blueprint": "stock_item", "rows": 1, "mapping": {"a": "colour", "b": None}},
        headers=stock,
    )
    assert response.status_code == 422 and "mapping.a" in response.get_json()["errors"]


def test_my_jobs_are_listed_newest_first_so_an_export_link_can_be_found_again(client, stock):
    first = client.post("/api/tenants/x-stock/exports", json={"blueprint": "stock_item"}, headers=stock).get_json()
    second = client.post("/api/tenants/x-stock/exports", json={"blueprint": "stock_item"}, headers=stock).get_json()
    listed = client.get("/api/tenants/x-stock/jobs", query_string={"limit": 1}, headers=stock).get_json()
    rest = client.get("/api/tenants/x-stock/jobs", query_string={"cursor": listed["next_cursor"]}, headers=stock)
    # Both were made in this test's one transaction (same created_at), so only the paging is checked.
    paged = [j["id"] for j in listed["items"]] + [j["id"] for j in rest.get_json()["items"]]
    assert sorted(paged) == sorted([first["id"], second["id"]])
    active = client.get("/api/tenants/x-stock/jobs", query_string={"active": "true"}, headers=stock).get_json()
    assert len(active["items"]) == 2
    _, other = signed_in_user(client, "other")
    assert client.get("/api/tenants/x-stock/jobs", headers=other).status_code == 404


def test_imported_records_start_in_the_blueprints_published_flows(app, client, stock):
    create_flow(client, stock, "x-stock", "stock_item", name="Stock", template="stock")
    content = "Type,Space\nBOX,A-1\nPALLET,A-2\n"
    info = client.post(
        "/api/tenants/x-stock/imports",
        data={"blueprint": "stock_item", "file": (io.BytesIO(content.encode()), "stock.csv")},
        headers=stock,
        content_type="multipart/form-data",
    ).get_json()
    started = client.post(
        f"/api/tenants/x-stock/imports/{info['file_id']}/start",
        json={"blueprint": "stock_item", "rows": info["rows"], "mapping": info["mapping"]},
        headers=stock,
    )
    assert drain_job(app, started.get_json()["id"]) == JobStatus.DONE
    inbox = client.get("/api/tenants/x-stock/inbox", headers=stock).get_json()["items"]
    assert sorted((i["label"], i["entity"]["data"]["space"]) for i in inbox) == [  # each starts In stock
        ("Mark out", "A-1"),
        ("Mark out", "A-2"),
        ("Reserve", "A-1"),
        ("Reserve", "A-2"),
    ]
