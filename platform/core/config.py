"""Configuration from ``LOOM_*`` environment variables, one class per stage.

Every setting is listed in docs/configuration.md and declared in its group's module under
``core/settings/``; ``Settings`` is all the groups in one. ``load_settings`` picks the stage from
``LOOM_ENV`` and refuses (``core/config_checks.py``) what cannot work or is insecure in production.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.config_checks import DEFAULT_SALT, DEFAULT_SECRET, ConfigError, check_production, check_settings
from core.settings.auth import RATE_LIMIT_DEFAULTS, AuthSettings, read_auth
from core.settings.connectors import ConnectorSettings
from core.settings.database import DatabaseSettings, read_database
from core.settings.env import read_declared
from core.settings.flask_config import RESET_LINK_EXPIRED, RESET_LINK_INVALID, WRONG_CREDENTIALS, flask_config
from core.settings.flows import FlowSettings
from core.settings.hooks import HookSettings, hooks_key, read_hooks
from core.settings.mail import MailSettings, read_mail
from core.settings.messages import MessageSettings
from core.settings.observability import ObservabilitySettings, read_observability
from core.settings.records import RecordSettings
from core.settings.run import RunSettings
from core.settings.sandbox import SandboxSettings
from core.settings.server import STAGES, ServerSettings, read_server, read_stage
from core.settings.storage import StorageSettings, read_storage


@dataclass(frozen=True, kw_only=True)
class Settings(
    ServerSettings,
    DatabaseSettings,
    AuthSettings,
    MailSettings,
    ObservabilitySettings,
    StorageSettings,
    RecordSettings,
    FlowSettings,
    SandboxSettings,
    MessageSettings,
    ConnectorSettings,
    HookSettings,
    RunSettings,
):
    """Typed view of the environment. ``to_flask`` turns it into Flask config keys."""

    def to_flask(self) -> dict[str, Any]:
        """Flask, Flask-Security and flask-smorest settings derived from these values."""
        return flask_config(self)


def read_settings(env: str | None = None) -> Settings:
    """Read every ``LOOM_*`` setting. ``env`` overrides ``LOOM_ENV``."""
    stage = read_stage(env)
    server = read_server(stage)
    explicit = (
        server
        | read_database(stage)
        | read_auth(stage)
        | read_mail(stage)
        | read_observability()
        | read_storage()
        | read_hooks(server["secret_key"])
    )
    return Settings(**(read_declared(Settings) | explicit))


def load_settings(env: str | None = None) -> Settings:
    """Read and check the settings; raise ConfigError naming what is wrong."""
    settings = read_settings(env)
    check_settings(settings)
    return settings


__all__ = [
    "DEFAULT_SALT",
    "DEFAULT_SECRET",
    "RATE_LIMIT_DEFAULTS",
    "RESET_LINK_EXPIRED",
    "RESET_LINK_INVALID",
    "STAGES",
    "WRONG_CREDENTIALS",
    "ConfigError",
    "Settings",
    "check_production",
    "hooks_key",
    "load_settings",
    "read_settings",
]
