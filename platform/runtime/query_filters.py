"""Narrowing a list's query by the filters its request gave: a table of one condition per argument."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVarTuple

from sqlalchemy import ColumnElement, Select

_Ts = TypeVarTuple("_Ts")
Condition = Callable[[Any], ColumnElement[bool]]


def where_given(query: Select[*_Ts], args: Mapping[str, Any], conditions: Mapping[str, Condition]) -> Select[*_Ts]:
    """``query`` narrowed by the condition of each argument given: neither missing, None nor empty
    text. False is given (``enabled=false`` asks for the disabled ones)."""
    for name, condition in conditions.items():
        value = args.get(name)
        if value is not None and value != "":
            query = query.where(condition(value))
    return query
