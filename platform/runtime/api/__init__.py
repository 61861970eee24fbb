"""The REST API object and helpers shared by every route module."""
