"""Connector steps of flows (HTTP requests, emails): sent in the background, the flow waiting."""
