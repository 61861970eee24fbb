"""The storage backends under test: a folder, and S3 through a real S3 API (moto's server mode).

The S3 API runs in this process on a free local port, started once for the whole run however many
test folders ask for it. Tests reach a backend as the app does, through its settings
(``storage.current()``), so each test runs against both.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from flask import Flask
from moto.server import ThreadedMotoServer

from core.files import storage

BUCKET = "loom-test-files"
REGION = "eu-central-1"
_server: dict[str, Any] = {}


def s3_client(endpoint: str, service: str = "s3") -> Any:
    return boto3.session.Session().client(service, region_name=REGION, endpoint_url=endpoint)


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """The local S3 API's address, with the bucket made."""
    if "endpoint" not in _server:
        # Any credentials do for the local API; set so that boto3 never asks the machine for some.
        for name, value in (("AWS_ACCESS_KEY_ID", "test"), ("AWS_SECRET_ACCESS_KEY", "test")):
            os.environ.setdefault(name, value)
        os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        s3_client(endpoint).create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
        _server.update(server=server, endpoint=endpoint)
    yield _server["endpoint"]
    server = _server.pop("server", None)
    if server is not None:
        _server.clear()
        server.stop()


def s3_settings(settings: Any, endpoint: str, **more: Any) -> Any:
    """``settings`` with the S3 backend on the local API (5 MiB parts, the smallest S3 takes)."""
    return dataclasses.replace(
        settings,
        storage_backend="s3",
        storage_s3_bucket=BUCKET,
        storage_s3_region=REGION,
        storage_s3_endpoint_url=endpoint,
        storage_s3_part_mb=5,
        **more,
    )


@pytest.fixture(params=["folder", "s3"])
def backend(request: pytest.FixtureRequest, app: Flask, tmp_path: Path) -> Iterator[str]:
    """The app on each storage backend in turn (the folder in this test's own directory)."""
    settings = app.config["LOOM"]
    if request.param == "s3":
        app.config["LOOM"] = s3_settings(settings, request.getfixturevalue("s3_endpoint"))
    else:
        app.config["LOOM"] = dataclasses.replace(settings, storage_dir=str(tmp_path / "files"))
    yield request.param
    app.config["LOOM"] = settings


@pytest.fixture()
def files(app: Flask, backend: str) -> Iterator[storage.Storage]:
    """The backend itself, in an app context."""
    with app.app_context():
        yield storage.current()


def everything_stored(app: Flask) -> set[str]:
    """Every object (S3) or file (folder) the backend holds: what a test left behind."""
    settings = app.config["LOOM"]
    if settings.storage_backend == "s3":
        listed = s3_client(settings.storage_s3_endpoint_url).list_objects_v2(Bucket=BUCKET)
        return {item["Key"] for item in listed.get("Contents", [])}
    root = Path(settings.storage_dir)
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()} if root.exists() else set()
