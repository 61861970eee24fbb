"""Loom's settings as the code at work sees them: those of the app in context."""

from __future__ import annotations

from flask import current_app, has_app_context

from core.config import Settings, read_settings


def app_settings() -> Settings:
    """The settings of the app in context (``LOOM``)."""
    settings: Settings = current_app.config["LOOM"]
    return settings


def settings_anywhere() -> Settings:
    """The app's settings in an app context; read from the environment outside one."""
    return app_settings() if has_app_context() else read_settings()
