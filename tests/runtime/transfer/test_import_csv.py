"""CSV import as people have the files: their encoding, separator, locale and local times; every row
checked before anything is written; the refused rows to download."""

from __future__ import annotations

import csv
import dataclasses
import io
from typing import Any

import pytest

from core.jobs.models import JobStatus
from tests.factories import create_blueprint, create_tenant, drain_job, signed_in_user

COLUMNS = [
    {"key": "type", "label": "Type", "type": "choice", "required": True, "options": ["BOX", "PALLET", "KISTE"]},
    {"key": "space", "label": "Space", "type": "text"},
    {"key": "weight", "label": "Weight", "type": "decimal", "rules": {"min": 0}},
    {"key": "qty", "label": "Quantity", "type": "integer"},
    {"key": "due", "label": "Due", "type": "date"},
    {"key": "timestamp", "label": "Timestamp", "type": "datetime"},
]
SLUG = "x-stock"


@pytest.fixture()
def stock(client, app, tmp_path):
    settings = app.config["LOOM"]
    app.config["LOOM"] = dataclasses.replace(settings, storage_dir=str(tmp_path))
    _, headers = signed_in_user(client)
    create_tenant(client, headers, SLUG)  # Europe/Berlin
    create_blueprint(client, headers, SLUG, columns=COLUMNS)
    yield headers
    app.config["LOOM"] = settings


def upload(client, headers, content: bytes, name: str = "stock.csv") -> Any:
    return client.post(
        f"/api/tenants/{SLUG}/imports",
        data={"blueprint": "stock_item", "file": (io.BytesIO(content), name)},
        headers=headers,
        content_type="multipart/form-data",
    )


def run(app, client, headers, info: dict[str, Any], action: str, **options: Any) -> dict[str, Any]:
    body = {"blueprint": "stock_item", "rows": info["rows"], "mapping": info["mapping"], **options}
    started = client.post(f"/api/tenants/{SLUG}/imports/{info['file_id']}/{action}", json=body, headers=headers)
    assert started.status_code == 202, started.get_json()
    assert drain_job(app, started.get_json()["id"]) == JobStatus.DONE
    job: dict[str, Any] = client.get(f"/api/tenants/{SLUG}/jobs/{started.get_json()['id']}", headers=headers).get_json()
    return job["result"]


def records(client, headers) -> list[dict[str, Any]]:
    listed = client.get(f"/api/tenants/{SLUG}/entities", query_string={"blueprint": "stock_item"}, headers=headers)
    return [e["data"] for e in listed.get_json()["items"]]


def test_local_times_are_read_in_the_workspace_timezone_a_skipped_one_refused_a_repeated_one_first(app, client, stock):
    content = (
        "Type,Space,Timestamp\n"
        "BOX,gap,2026-03-29 02:30\n"  # Berlin's clocks jump from 02:00 to 03:00
        "BOX,twice,2026-10-25 02:30\n"  # Berlin's clocks show 02:00 to 03:00 twice
        "BOX,plain,2026-11-01 09:00\n"
        "BOX,offset,2026-11-01T09:00:00+00:00\n"
    )
    info = upload(client, stock, content.encode()).get_json()
    checked = run(app, client, stock, info, "check")
    assert checked["valid"] == 3 and checked["failed"] == 1
    [refused] = checked["errors"]
    assert refused["line"] == 2
    assert "2026-03-29 02:30 does not exist in Europe/Berlin" in refused["errors"]["timestamp"][0]
    assert records(client, stock) == []

    result = run(app, client, stock, info, "start")
    assert result["created"] == 3 and result["failed"] == 1
    moments = {r["space"]: r["timestamp"] for r in records(client, stock)}
    assert moments == {
        "twice": "2026-10-25T00:30:00.000000Z",  # the first 02:30, still summer time (+02:00)
        "plain": "2026-11-01T08:00:00.000000Z",
        "offset": "2026-11-01T09:00:00.000000Z",
    }


def test_the_records_api_still_asks_for_the_offset(client, stock):
    response = client.post(
        f"/api/tenants/{SLUG}/entities",
        json={"blueprint": "stock_item", "data": {"type": "BOX", "timestamp": "2026-11-01 09:00"}},
        headers=stock,
    )
    assert response.status_code == 422 and "data.timestamp" in response.get_json()["errors"]


def test_a_german_excel_file_is_detected_and_imported_whole(app, client, stock):
    content = (
        "Art;Lagerplatz;Gewicht;Menge;Fällig;Zeitpunkt\r\n"
        "KISTE;Süd-1;1.234,5;3;01.11.2026;01.11.2026 09:00\r\n"
        "BOX;Nord-2;0,75;12;24.12.2026;24.12.2026 18:30\r\n"
        ";;;;;\r\n"  # Excel's empty line at the end
    ).encode("cp1252")
    info = upload(client, stock, content).get_json()
    assert (info["encoding"], info["delimiter"], info["rows"]) == ("cp1252", ";", 2)
    assert info["headers"][4] == "Fällig" and info["sample"][0][1] == "Süd-1"
    info["mapping"] = {"Art": "type", "Lagerplatz": "space", "Gewicht": "weight", "Menge": "qty", "Fällig": "due",
                       "Zeitpunkt": "timestamp"}  # fmt: skip
    checked = run(app, client, stock, info, "check", locale="de", encoding="cp1252", delimiter=";")
    assert (checked["valid"], checked["failed"]) == (2, 0)

    result = run(app, client, stock, info, "start", locale="de", encoding="cp1252", delimiter=";")
    assert (result["created"], result["failed"]) == (2, 0) and "rejected_url" not in result
    by_space = {r["space"]: r for r in records(client, stock)}
    assert by_space["Süd-1"] == {
        "type": "KISTE",
        "space": "Süd-1",
        "weight": "1234.5",
        "qty": 3,
        "due": "2026-11-01",
        "timestamp": "2026-11-01T08:00:00.000000Z",
    }
    assert by_space["Nord-2"]["weight"] == "0.75" and by_space["Nord-2"]["timestamp"] == "2026-12-24T17:30:00.000000Z"


def test_english_numbers_and_dates_are_read_as_english_ones(app, client, stock):
    content = b'Type,Weight,Due,Timestamp\nBOX,"1,234.5",11/01/2026,11/01/2026 09:00\nBOX,"1.234,5",01.11.2026,x\n'
    info = upload(client, stock, content).get_json()
    result = run(app, client, stock, info, "start", locale="en")
    assert (result["created"], result["failed"]) == (1, 1)
    assert sorted(result["errors"][0]["errors"]) == ["due", "timestamp", "weight"]
    [record] = records(client, stock)
    assert (record["weight"], record["due"]) == ("1234.5", "2026-11-01")
    assert record["timestamp"] == "2026-11-01T08:00:00.000000Z"


def test_every_row_is_checked_before_anything_is_written_and_the_refused_ones_can_be_downloaded(app, client, stock):
    content = 'Type;Space;Quantity\nBOX;A-1;3\nSACK;A-2;1\nPALLET;"B; north";seven\nKISTE;C-3;\n'.encode("utf-8-sig")
    info = upload(client, stock, content).get_json()
    assert (info["encoding"], info["delimiter"]) == ("utf-8", ";")
    checked = run(app, client, stock, info, "check")
    assert (checked["valid"], checked["failed"]) == (2, 2)
    assert [(e["line"], sorted(e["errors"])) for e in checked["errors"]] == [(3, ["type"]), (4, ["qty"])]
    assert records(client, stock) == []  # the check wrote nothing

    result = run(app, client, stock, info, "start")
    assert (result["created"], result["failed"]) == (2, 2)
    assert sorted(r["type"] for r in records(client, stock)) == ["BOX", "KISTE"]
    download = client.get(result["rejected_url"])  # a signed link, like an export's
    assert download.status_code == 200 and download.mimetype == "text/csv"
    text = download.data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Type", "Space", "Quantity", "reason"]
    assert rows[1][:3] == ["SACK", "A-2", "1"] and rows[1][3].startswith("Type: Choose one of")
    assert rows[2][:3] == ["PALLET", "B; north", "seven"] and rows[2][3].startswith("Quantity: ")


def test_the_rejected_rows_file_belongs_to_its_workspace(app, client, stock):
    from core import db
    from core.files.models import StoredFile
    from runtime.transfer.links import file_key_from

    info = upload(client, stock, b"Type\nBOX\nSACK\n").get_json()
    result = run(app, client, stock, info, "start")
    token = result["rejected_url"].rsplit("/", 1)[1]
    with app.test_request_context():
        tenant_id, file_id = file_key_from(token)
        stored = db.session.get(StoredFile, file_id, execution_options={"all_tenants": True})
        assert stored is not None and stored.tenant_id == tenant_id and stored.purpose == "rejected"
    _, other = signed_in_user(client, "other")
    create_tenant(client, other, "y-stock")
    assert client.get(f"/api/tenants/{SLUG}/jobs", headers=other).status_code == 404


def test_a_person_can_read_the_file_again_with_another_separator_and_encoding(client, stock):
    info = upload(client, stock, "Type|Space\nBOX|Straße\n".encode("cp1252")).get_json()
    assert (info["encoding"], info["delimiter"], info["headers"]) == ("cp1252", "|", ["Type", "Space"])
    again = client.post(
        f"/api/tenants/{SLUG}/imports/{info['file_id']}/read",
        json={"blueprint": "stock_item", "encoding": "latin-1", "delimiter": ","},
        headers=stock,
    )
    assert again.status_code == 200, again.get_json()
    assert again.get_json()["headers"] == ["Type|Space"] and again.get_json()["delimiter"] == ","
    wrong = client.post(
        f"/api/tenants/{SLUG}/imports/{info['file_id']}/read",
        json={"blueprint": "stock_item", "encoding": "ebcdic", "delimiter": ":"},
        headers=stock,
    )
    assert wrong.status_code == 422 and {"encoding", "delimiter"} <= set(wrong.get_json()["errors"])


def test_utf16_from_excel_unicode_text_is_read(app, client, stock):
    content = "Type\tSpace\r\nBOX\tÜber\r\n".encode("utf-16")
    info = upload(client, stock, content).get_json()
    assert (info["encoding"], info["delimiter"], info["rows"]) == ("utf-16-le", "\t", 1)
    result = run(app, client, stock, info, "start")
    assert result["created"] == 1 and records(client, stock)[0]["space"] == "Über"


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\n\n",
        bytes(range(256)) * 40,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        b"Type,Space\nBOX,A\x00B\n",
        b"Type\nBOX\nPALLET\n",
        b'Type,Space\nBOX,"' + b"x" * 200_000 + b'"\n',
        b'Type,Space\nBOX,"never closed\n',
        b"Type,Type\n1,2\n",
        ("Type,Space\n" + "x" * 5_000_000).encode(),
        "Type,Space\nBOX,A\n".encode("utf-32"),
    ],
)
def test_no_file_makes_the_import_fail_with_a_server_error(app, client, stock, content):
    response = upload(client, stock, content)
    assert response.status_code in (201, 422), response.get_data()[:300]
    if response.status_code == 422:
        assert response.get_json()["errors"]["file"]
        return
    info = response.get_json()
    info["mapping"] = {header: ("type" if i == 0 else None) for i, header in enumerate(info["headers"])}
    body = {"blueprint": "stock_item", "rows": info["rows"], "mapping": info["mapping"]}
    started = client.post(f"/api/tenants/{SLUG}/imports/{info['file_id']}/check", json=body, headers=stock)
    assert started.status_code == 202
    assert drain_job(app, started.get_json()["id"]) in (JobStatus.DONE, JobStatus.FAILED)
