"""Blueprint column rules as pure code: types, coercion, validation, filter operators.

Shared by the API, forms, CSV import and flows. No Flask, SQLAlchemy or Celery here.
"""

from engine.schema.columns import Column, ColumnType, Option, Rules
from engine.schema.errors import FieldErrors, SchemaError
from engine.schema.schema import Schema

__all__ = ["Column", "ColumnType", "FieldErrors", "Option", "Rules", "Schema", "SchemaError"]
