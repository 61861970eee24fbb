"""Hooks: signed HTTP calls to a workspace's endpoints when something happens (docs/hooks.md)."""
