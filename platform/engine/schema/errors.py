"""Errors of the schema layer, always tied to a field."""

from __future__ import annotations


class SchemaError(ValueError):
    """A blueprint definition that cannot be used, with messages per field path."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v[0]}" for k, v in errors.items() if v))


class FieldErrors(ValueError):
    """Entity data that does not fit its blueprint version, with messages per column key."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v[0]}" for k, v in errors.items() if v))
