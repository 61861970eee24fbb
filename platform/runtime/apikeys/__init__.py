"""API keys per workspace, and the answers kept for the Idempotency-Key header."""
