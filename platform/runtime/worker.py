"""Celery entry point: ``celery -A runtime.worker:celery worker`` / ``beat``."""

from runtime.app import create_app

app = create_app()
celery = app.extensions["celery"]
