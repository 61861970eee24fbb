"""Outgoing mail: written to an outbox in the business transaction, sent by Celery."""
