"""CSV import and export through the real routes and jobs, on the folder and on S3 alike."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator

import pytest
import requests
from flask.testing import FlaskClient
from werkzeug.http import parse_options_header

from core import db
from core.files import storage
from core.jobs.models import Job, JobStatus
from core.jobs.tasks import run_one_step
from runtime.transfer import export, importing
from tests.core.files.fixtures import everything_stored
from tests.factories import create_blueprint, create_entity, create_tenant, drain_job, signed_in_user


@pytest.fixture()
def stock(client: FlaskClient, backend: str) -> Iterator[dict[str, str]]:
    _, headers = signed_in_user(client)
    create_tenant(client, headers, "x-stock")
    create_blueprint(client, headers, "x-stock")
    yield headers


def _download(client: FlaskClient, url: str) -> tuple[bytes, str]:
    """The bytes and the file name, as a browser following the link gets them."""
    answer = client.get(url)
    if answer.status_code == 302:  # S3: the browser follows the redirect to the bucket
        fetched = requests.get(answer.headers["Location"], timeout=30)
        assert fetched.status_code == 200
        body, disposition = fetched.content, fetched.headers["Content-Disposition"]
    else:
        assert answer.status_code == 200
        body, disposition = answer.data, answer.headers["Content-Disposition"]
    return body, parse_options_header(disposition)[1]["filename"]


def _export(client: FlaskClient, stock: dict[str, str]) -> str:
    started = client.post("/api/tenants/x-stock/exports", json={"blueprint": "stock_item"}, headers=stock)
    assert started.status_code == 202, started.get_json()
    return str(started.get_json()["id"])


def test_an_export_over_several_steps_downloads_every_row_once(app, client, stock, monkeypatch):
    monkeypatch.setattr(export, "PAGE", 2)  # five records: three steps
    for qty in range(5):
        create_entity(client, stock, "x-stock", "stock_item", type="BOX", qty=qty, space=f"A-{qty}")
    job_id = _export(client, stock)
    assert drain_job(app, job_id) == JobStatus.DONE
    result = client.get(f"/api/tenants/x-stock/jobs/{job_id}", headers=stock).get_json()["result"]
    body, name = _download(client, result["download_url"])
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert sorted(r["space"] for r in rows) == ["A-0", "A-1", "A-2", "A-3", "A-4"] and result["rows"] == 5
    assert name == result["name"] and name.startswith("stock_item-")


def test_a_step_that_runs_again_after_its_commit_failed_adds_no_row_twice(app, client, stock, monkeypatch):
    monkeypatch.setattr(export, "PAGE", 2)
    for qty in range(5):
        create_entity(client, stock, "x-stock", "stock_item", type="BOX", qty=qty, space=f"A-{qty}")
    job_id = uuid.UUID(_export(client, stock))
    with app.app_context():
        run_one_step(db.session(), job_id)  # the first step, committed
        db.session.commit()
        db.session.begin_nested()
        run_one_step(db.session(), job_id)  # the second step: its bytes are written, its commit is lost
        db.session.rollback()
        assert db.session.get(Job, job_id).done == 2
    assert drain_job(app, job_id) == JobStatus.DONE  # the second step runs again, then the third
    result = client.get(f"/api/tenants/x-stock/jobs/{job_id}", headers=stock).get_json()["result"]
    rows = list(csv.DictReader(io.StringIO(_download(client, result["download_url"])[0].decode())))
    assert sorted(r["space"] for r in rows) == ["A-0", "A-1", "A-2", "A-3", "A-4"]


def test_an_import_reads_its_upload_over_several_steps(app, client, stock, monkeypatch):
    monkeypatch.setattr(importing, "ROWS_PER_STEP", 2)  # each step reads on from where the last stopped
    content = "\ufeffType,Space,Quantity\n" + "".join(f'BOX,"Ä-{n}, north",{n}\n' for n in range(5)) + "SACK,B,1\n"
    uploaded = client.post(
        "/api/tenants/x-stock/imports",
        data={"blueprint": "stock_item", "file": (io.BytesIO(content.encode()), "stock.csv")},
        headers=stock,
        content_type="multipart/form-data",
    )
    assert uploaded.status_code == 201, uploaded.get_json()
    info = uploaded.get_json()
    assert info["rows"] == 6 and info["headers"] == ["Type", "Space", "Quantity"]
    started = client.post(
        f"/api/tenants/x-stock/imports/{info['file_id']}/start",
        json={"blueprint": "stock_item", "rows": info["rows"], "mapping": info["mapping"]},
        headers=stock,
    )
    assert drain_job(app, started.get_json()["id"]) == JobStatus.DONE
    job = client.get(f"/api/tenants/x-stock/jobs/{started.get_json()['id']}", headers=stock).get_json()
    assert job["result"]["created"] == 5 and [e["line"] for e in job["result"]["errors"]] == [7]
    listed = client.get("/api/tenants/x-stock/entities", query_string={"blueprint": "stock_item"}, headers=stock)
    assert sorted(e["data"]["space"] for e in listed.get_json()["items"]) == [f"Ä-{n}, north" for n in range(5)]


def test_a_refused_upload_is_not_stored(app, client, stock):
    before = everything_stored(app)
    refused = client.post(
        "/api/tenants/x-stock/imports",
        data={"blueprint": "stock_item", "file": (io.BytesIO(b"a,a\n1,2\n"), "twice.csv")},
        headers=stock,
        content_type="multipart/form-data",
    )
    assert refused.status_code == 422 and "file" in refused.get_json()["errors"]
    assert everything_stored(app) == before


def test_a_download_whose_file_is_gone_says_so(app, client, stock):
    job_id = _export(client, stock)
    assert drain_job(app, job_id) == JobStatus.DONE
    result = client.get(f"/api/tenants/x-stock/jobs/{job_id}", headers=stock).get_json()["result"]
    with app.app_context():
        storage.current().delete(uuid.UUID(result["file_id"]))
    gone = client.get(result["download_url"])
    assert gone.status_code == 404 and gone.mimetype == "application/problem+json"
