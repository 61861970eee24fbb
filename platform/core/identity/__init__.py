"""Users, roles, refresh token trackers, tenants and their members."""
