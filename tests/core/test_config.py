"""Stages and configuration: production refuses insecure settings and names them."""

from __future__ import annotations

from dataclasses import MISSING, fields

import pytest

from core.config import DEFAULT_SECRET, ConfigError, Settings, load_settings, read_settings

GOOD_PRODUCTION = {
    "LOOM_ENV": "production",
    "LOOM_SECRET_KEY": "s" * 48,
    "LOOM_SECURITY_PASSWORD_SALT": "t" * 24,
    "LOOM_DATABASE_URL": "postgresql+psycopg://loom@db/loom",
    "LOOM_REDIS_URL": "redis://cache:6379/0",
    "LOOM_BASE_URL": "https://loom.example.com",
    "LOOM_MAIL_BACKEND": "smtp",
    "LOOM_STORAGE_BACKEND": "s3",
    "LOOM_STORAGE_S3_BUCKET": "loom-production-files",
    "LOOM_STORAGE_S3_REGION": "eu-central-1",
}


@pytest.fixture()
def production_env(monkeypatch):
    for key, value in GOOD_PRODUCTION.items():
        monkeypatch.setenv(key, value)
    return monkeypatch


def test_good_production_settings_load(production_env):
    settings = load_settings()
    assert settings.env == "production" and not settings.debug
    flask = settings.to_flask()
    assert flask["SECURITY_REFRESH_TOKEN_COOKIE"]["secure"] is True
    assert flask["SECURITY_TOKEN_MAX_AGE"].total_seconds() < 24 * 3600
    assert flask["SECURITY_REFRESH_TOKEN_MAX_AGE"].total_seconds() == 36 * 3600


@pytest.mark.parametrize(
    ("name", "value", "named"),
    [
        ("LOOM_SECRET_KEY", None, "LOOM_SECRET_KEY"),
        ("LOOM_SECRET_KEY", DEFAULT_SECRET, "LOOM_SECRET_KEY"),
        ("LOOM_SECRET_KEY", "short", "LOOM_SECRET_KEY"),
        ("LOOM_SECURITY_PASSWORD_SALT", None, "LOOM_SECURITY_PASSWORD_SALT"),
        ("LOOM_DEBUG", "true", "LOOM_DEBUG"),
        ("LOOM_DATABASE_URL", None, "LOOM_DATABASE_URL"),
        ("LOOM_REDIS_URL", None, "LOOM_REDIS_URL"),
        ("LOOM_MAIL_BACKEND", "capture", "LOOM_MAIL_BACKEND"),
        ("LOOM_BASE_URL", "http://loom.example.com", "LOOM_BASE_URL"),
    ],
)
def test_production_refuses_insecure_settings_and_names_them(production_env, name, value, named):
    if value is None:
        production_env.delenv(name)
    else:
        production_env.setenv(name, value)
    with pytest.raises(ConfigError, match=named):
        load_settings()


def test_unknown_stage_is_refused(monkeypatch):
    monkeypatch.setenv("LOOM_ENV", "staging")
    with pytest.raises(ConfigError, match="LOOM_ENV"):
        load_settings()


def test_malformed_numbers_and_booleans_name_the_setting(monkeypatch):
    monkeypatch.setenv("LOOM_ACCESS_TOKEN_MINUTES", "soon")
    with pytest.raises(ConfigError, match="LOOM_ACCESS_TOKEN_MINUTES"):
        load_settings("development")
    monkeypatch.delenv("LOOM_ACCESS_TOKEN_MINUTES")
    monkeypatch.setenv("LOOM_DEBUG", "maybe")
    with pytest.raises(ConfigError, match="LOOM_DEBUG"):
        load_settings("development")
    monkeypatch.delenv("LOOM_DEBUG")
    monkeypatch.setenv("LOOM_FLOW_SCRIPT_SECONDS", "fast")
    with pytest.raises(ConfigError, match="LOOM_FLOW_SCRIPT_SECONDS must be a number"):
        load_settings("development")


# A value of each plain type as written in the environment, and as the settings hold it.
SAMPLES = {"int": ("7", 7), "float": ("2.5", 2.5), "bool": ("yes", True), "str": ("given", "given")}
SAMPLES["str | None"] = SAMPLES["str"]
PLAIN = [f for f in fields(Settings) if str(f.type) in SAMPLES and f.default is not MISSING]


def test_every_plain_setting_is_read_from_its_variable(monkeypatch):
    for f in PLAIN:
        monkeypatch.setenv(f"LOOM_{f.name.upper()}", SAMPLES[str(f.type)][0])
    settings = read_settings("development")
    assert {f.name: getattr(settings, f.name) for f in PLAIN} == {f.name: SAMPLES[str(f.type)][1] for f in PLAIN}


def test_an_empty_variable_leaves_the_default(monkeypatch):
    for f in PLAIN:
        monkeypatch.setenv(f"LOOM_{f.name.upper()}", "")
    settings = read_settings("development")
    assert {f.name: getattr(settings, f.name) for f in PLAIN} == {f.name: f.default for f in PLAIN}


def test_access_tokens_must_live_less_than_a_day(monkeypatch):
    monkeypatch.setenv("LOOM_ACCESS_TOKEN_MINUTES", str(24 * 60))
    with pytest.raises(ConfigError, match="LOOM_ACCESS_TOKEN_MINUTES"):
        load_settings("development")


def test_development_defaults_capture_mail(monkeypatch):
    monkeypatch.setenv("LOOM_DATABASE_URL", "postgresql+psycopg://x@y/z")
    monkeypatch.delenv("LOOM_MAIL_BACKEND", raising=False)
    settings = load_settings("development")
    assert settings.mail_backend == "capture"


def test_development_logs_at_info_unless_asked_for_more(monkeypatch):
    monkeypatch.setenv("LOOM_DATABASE_URL", "postgresql+psycopg://x@y/z")
    monkeypatch.delenv("LOOM_LOG_LEVEL", raising=False)
    assert load_settings("development").log_level == "INFO"
    monkeypatch.setenv("LOOM_LOG_LEVEL", "debug")
    assert load_settings("development").log_level == "DEBUG"
