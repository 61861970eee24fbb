"""Storage settings: production takes no folder that only one host sees; S3 needs its bucket."""

from __future__ import annotations

import pytest

from core.config import ConfigError, load_settings
from tests.core.test_config import GOOD_PRODUCTION


@pytest.fixture()
def production(monkeypatch):
    for key, value in GOOD_PRODUCTION.items():
        monkeypatch.setenv(key, value)
    for key in ("LOOM_STORAGE_BACKEND", "LOOM_STORAGE_DIR_SHARED", "LOOM_STORAGE_S3_BUCKET", "LOOM_STORAGE_S3_REGION"):
        monkeypatch.delenv(key, raising=False)
    return monkeypatch


def test_production_refuses_a_folder_unless_it_is_said_to_be_shared(production):
    with pytest.raises(ConfigError, match="LOOM_STORAGE_BACKEND=folder keeps files on one host"):
        load_settings()
    production.setenv("LOOM_STORAGE_DIR_SHARED", "true")
    assert load_settings().storage_backend == "folder"


def test_production_takes_s3_with_its_bucket(production):
    production.setenv("LOOM_STORAGE_BACKEND", "S3")
    with pytest.raises(ConfigError, match="LOOM_STORAGE_S3_BUCKET"):
        load_settings()
    production.setenv("LOOM_STORAGE_S3_BUCKET", "loom-production-files-1")
    with pytest.raises(ConfigError, match="LOOM_STORAGE_S3_REGION"):
        load_settings()
    production.setenv("LOOM_STORAGE_S3_REGION", "eu-central-1")
    settings = load_settings()
    assert (settings.storage_backend, settings.storage_s3_prefix) == ("s3", "files/")
    assert settings.storage_link_seconds == 300


def test_a_folder_needs_no_saying_in_development(monkeypatch):
    monkeypatch.delenv("LOOM_STORAGE_BACKEND", raising=False)
    assert load_settings("development").storage_backend == "folder"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("LOOM_STORAGE_BACKEND", "ftp"),
        ("LOOM_STORAGE_S3_PART_MB", "4"),
        ("LOOM_STORAGE_LINK_SECONDS", "0"),
        ("LOOM_STORAGE_S3_PREFIX", "/files/"),
    ],
)
def test_settings_that_cannot_work_are_refused_by_name(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=name):
        load_settings("development")
