"""Shared infrastructure: configuration, database, identity models, errors, logging,
background work, mail and migrations. Never imports designer or runtime."""
