"""Messages and signals: from flows, the REST API and per-flow inbound hooks, to waiting records."""
