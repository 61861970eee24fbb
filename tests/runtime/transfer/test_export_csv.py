"""CSV exports in the workspace's time, to the second, and an Excel-friendly form."""

from __future__ import annotations

import csv
import dataclasses
import io
from typing import Any

import pytest

from core.jobs.models import JobStatus
from tests.factories import create_blueprint, create_entity, create_tenant, drain_job, signed_in_user

COLUMNS = [
    {"key": "type", "label": "Type", "type": "text", "required": True},
    {"key": "weight", "label": "Weight", "type": "decimal"},
    {"key": "qty", "label": "Quantity", "type": "integer"},
    {"key": "timestamp", "label": "Timestamp", "type": "datetime"},
]


@pytest.fixture()
def files(app, tmp_path):
    settings = app.config["LOOM"]
    app.config["LOOM"] = dataclasses.replace(settings, storage_dir=str(tmp_path))
    yield
    app.config["LOOM"] = settings


def export(app, client, headers, slug: str, **options: Any) -> bytes:
    started = client.post(f"/api/tenants/{slug}/exports", json={"blueprint": "stock_item", **options}, headers=headers)
    assert started.status_code == 202, started.get_json()
    assert drain_job(app, started.get_json()["id"]) == JobStatus.DONE
    job = client.get(f"/api/tenants/{slug}/jobs/{started.get_json()['id']}", headers=headers).get_json()
    download = client.get(job["result"]["download_url"])
    assert download.status_code == 200
    data: bytes = download.data
    return data


def stocked(client, slug: str, language: str) -> dict[str, str]:
    _, headers = signed_in_user(client, slug)
    create_tenant(client, headers, slug, language=language)  # Europe/Berlin
    create_blueprint(client, headers, slug, columns=COLUMNS)
    create_entity(
        client, headers, slug, "stock_item", type="BOX", weight="1234.5", qty=-3, timestamp="2026-11-01T08:00:00Z"
    )
    return headers


def test_an_export_gives_the_workspaces_time_to_the_second(app, client, files):
    headers = stocked(client, "x-stock", "en")
    data = export(app, client, headers, "x-stock")
    assert not data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    [row] = list(csv.DictReader(io.StringIO(data.decode())))
    assert row["timestamp"] == "2026-11-01 09:00:00"  # 08:00 UTC is 09:00 in Berlin, in winter
    assert len(row["created_at"]) == 19 and "." not in row["created_at"] and "+" not in row["created_at"]
    assert (row["weight"], row["qty"]) == ("1234.5", "-3")  # numbers are never quoted as formulas


def test_the_excel_friendly_export_of_a_german_workspace(app, client, files):
    headers = stocked(client, "x-lager", "de")
    data = export(app, client, headers, "x-lager", excel=True)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte order mark
    text = data.decode("utf-8-sig")
    assert text.count("\r\n") == 2 and "\n" not in text.replace("\r\n", "")
    [header, row] = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert header == ["id", "created_at", "updated_at", "type", "weight", "qty", "timestamp"]
    assert row[3:] == ["BOX", "1234,5", "-3", "2026-11-01 09:00:00"]


def test_the_excel_friendly_export_of_an_english_workspace_keeps_commas(app, client, files):
    headers = stocked(client, "x-stock", "en")
    text = export(app, client, headers, "x-stock", excel=True).decode("utf-8-sig")
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert (row["weight"], row["timestamp"]) == ("1234.5", "2026-11-01 09:00:00")
