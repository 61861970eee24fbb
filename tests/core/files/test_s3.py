"""S3 specifics, against the local S3 API: every object encrypted, presigned links that name the file."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from flask import Flask

from core.files import storage
from core.files.s3 import S3Storage
from tests.core.files.fixtures import BUCKET, s3_client, s3_settings

MIB = 1024 * 1024


@pytest.fixture()
def on_s3(app: Flask, s3_endpoint: str) -> Iterator[S3Storage]:
    settings = app.config["LOOM"]
    app.config["LOOM"] = s3_settings(settings, s3_endpoint, storage_link_seconds=120)
    with app.app_context():
        found = storage.current()
        assert isinstance(found, S3Storage)
        yield found
    app.config["LOOM"] = settings


def _head(files: S3Storage, key: str) -> dict:
    return files.client.head_object(Bucket=BUCKET, Key=key)


def test_uploads_exports_and_their_pending_parts_are_encrypted(on_s3: S3Storage):
    upload, export = uuid.uuid4(), uuid.uuid4()
    on_s3.write(upload, io.BytesIO(b"x" * (6 * MIB)), "text/csv")  # a multipart upload
    assert _head(on_s3, on_s3.key(upload))["ServerSideEncryption"] == "AES256"
    state = on_s3.append(export, b"a" * MIB, None, content_type="text/csv")
    assert _head(on_s3, f"{on_s3.key(export)}.pending/00000001")["ServerSideEncryption"] == "AES256"
    state = on_s3.append(export, b"b" * (5 * MIB), state, content_type="text/csv")
    on_s3.append(export, b"c", state, content_type="text/csv", last=True)
    head = _head(on_s3, on_s3.key(export))
    assert head["ServerSideEncryption"] == "AES256" and head["ContentLength"] == 6 * MIB + 1
    assert head["ContentType"] == "text/csv"
    assert on_s3.key(export).startswith("files/")  # the prefix the bucket's expiry rule applies to


def test_a_kms_key_encrypts_every_object_when_set(app: Flask, s3_endpoint: str):
    key_id = s3_client(s3_endpoint, "kms").create_key()["KeyMetadata"]["KeyId"]
    settings = app.config["LOOM"]
    app.config["LOOM"] = s3_settings(settings, s3_endpoint, storage_s3_kms_key_id=key_id)
    try:
        with app.app_context():
            files = storage.current()
            assert isinstance(files, S3Storage)
            whole, parts = uuid.uuid4(), uuid.uuid4()
            files.write(whole, io.BytesIO(b"id\n1\n"), "text/csv")
            state = files.append(parts, b"x" * (5 * MIB), None, content_type="text/csv")
            files.append(parts, b"y", state, content_type="text/csv", last=True)
            for file_id in (whole, parts):
                head = _head(files, files.key(file_id))
                assert head["ServerSideEncryption"] == "aws:kms"
                assert head["SSEKMSKeyId"].endswith(key_id)
    finally:
        app.config["LOOM"] = settings


def test_a_presigned_link_downloads_the_bytes_under_the_files_name_for_a_short_while(app, on_s3: S3Storage):
    file_id = uuid.uuid4()
    on_s3.write(file_id, io.BytesIO("id,name\n1,Zoë\n".encode()), "text/csv")
    with app.test_request_context():
        response = on_s3.send(file_id, name='Bestände "März".csv', content_type="text/csv")
    link = response.headers["Location"]
    assert parse_qs(urlsplit(link).query)["X-Amz-Expires"] == ["120"]
    fetched = requests.get(link, timeout=30)
    assert fetched.status_code == 200 and fetched.content == "id,name\n1,Zoë\n".encode()
    assert fetched.headers["Content-Type"] == "text/csv"
    assert fetched.headers["Content-Disposition"] == (
        "attachment; filename=\"Bestande Marz.csv\"; filename*=UTF-8''Best%C3%A4nde%20%22M%C3%A4rz%22.csv"
    )
