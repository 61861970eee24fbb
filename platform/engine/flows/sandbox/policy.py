"""What a tenant script may say and call: Loom's RestrictedPython policy and its helpers.

Used inside the sandbox process (``host``); ``check`` is also used on save to point at a script
that cannot compile before anything runs.
"""

from __future__ import annotations

import ast
import builtins
import math
import operator
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from types import CodeType, SimpleNamespace
from typing import Any

from RestrictedPython.compile import compile_restricted_eval, compile_restricted_exec
from RestrictedPython.Eval import default_guarded_getitem
from RestrictedPython.Guards import (
    full_write_guard,
    guarded_iter_unpack_sequence,
    guarded_unpack_sequence,
    safer_getattr,
)
from RestrictedPython.transformer import RestrictingNodeTransformer

# What a script may not hold, by the syntax tree's node, in the words of its refusal.
_REFUSED = {
    ast.Import: "Imports",
    ast.ImportFrom: "Imports",
    ast.ClassDef: "Classes",
    ast.Yield: "Generators",
    ast.YieldFrom: "Generators",
    ast.Global: "Global names",
    ast.Nonlocal: "Nonlocal names",
    ast.AsyncFunctionDef: "Async functions",
    ast.Await: "Async functions",
}


class LoomPolicy(RestrictingNodeTransformer):
    """RestrictedPython's rules, and no classes, generators, globals or async code either."""

    def visit(self, node: ast.AST) -> Any:
        what = _REFUSED.get(type(node))
        if what is None:
            return super().visit(node)
        self.error(node, f"{what} are not allowed in flow scripts.")
        return node


def check(source: str, mode: str = "exec") -> list[str]:
    """Reasons ``source`` cannot run (empty when it can)."""
    compiler = compile_restricted_eval if mode == "eval" else compile_restricted_exec
    try:
        result = compiler(source, "<script>", policy=LoomPolicy)
    except (SyntaxError, ValueError, TypeError) as exc:
        return [str(exc)]
    return [str(error) for error in result.errors]


def compile_script(source: str, mode: str) -> CodeType:
    """Compiled code, or SyntaxError with every reason."""
    compiler = compile_restricted_eval if mode == "eval" else compile_restricted_exec
    result = compiler(source, "<script>", policy=LoomPolicy)
    if result.errors or result.code is None:
        raise SyntaxError("; ".join(result.errors) or "The script cannot be compiled.")
    return result.code


# str methods a script may call; the rest (format, ljust, center, zfill, expandtabs...) are refused.
_STR_METHODS = frozenset(
    [
        "capitalize",
        "casefold",
        "count",
        "endswith",
        "find",
        "index",
        "isalnum",
        "isalpha",
        "isdecimal",
        "isdigit",
        "islower",
        "isnumeric",
        "isspace",
        "istitle",
        "isupper",
        "join",
        "lower",
        "lstrip",
        "partition",
        "removeprefix",
        "removesuffix",
        "replace",
        "rfind",
        "rindex",
        "rpartition",
        "rsplit",
        "rstrip",
        "split",
        "splitlines",
        "startswith",
        "strip",
        "swapcase",
        "title",
        "upper",
    ]
)


def _getattr(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, str) and name not in _STR_METHODS:
        raise AttributeError(f"Text has no usable attribute {name!r} in flow scripts.")
    if isinstance(obj, type | SimpleNamespace) and obj not in _NAMESPACES:
        raise AttributeError("Attributes of types are not available in flow scripts.")
    return safer_getattr(obj, name, default)  # type: ignore[no-untyped-call]


def _getiter(obj: Iterable[Any]) -> Iterable[Any]:
    return obj


def _inplace(op: str, target: Any, value: Any) -> Any:
    return _INPLACE[op](target, value)


_INPLACE: dict[str, Callable[[Any, Any], Any]] = {
    "+=": operator.add,
    "-=": operator.sub,
    "*=": operator.mul,
    "/=": operator.truediv,
    "//=": operator.floordiv,
    "%=": operator.mod,
    "**=": operator.pow,
    "&=": operator.and_,
    "|=": operator.or_,
    "^=": operator.xor,
    "<<=": operator.lshift,
    ">>=": operator.rshift,
}

_MATH = SimpleNamespace(
    **{
        name: getattr(math, name)
        for name in ["ceil", "floor", "trunc", "sqrt", "exp", "log", "log10", "fabs", "isclose", "pi", "e"]
    }
)
# Classes a script may call (and use the public attributes of, like date.fromisoformat).
_NAMESPACES: tuple[Any, ...] = (date, datetime, timedelta, Decimal, _MATH)

_BUILTINS: dict[str, Any] = {
    name: getattr(builtins, name)
    for name in [
        "abs",
        "all",
        "any",
        "bool",
        "dict",
        "divmod",
        "enumerate",
        "filter",
        "float",
        "int",
        "isinstance",
        "len",
        "list",
        "map",
        "max",
        "min",
        "range",
        "reversed",
        "round",
        "set",
        "sorted",
        "str",
        "sum",
        "tuple",
        "zip",
        "ArithmeticError",
        "AssertionError",
        "Exception",
        "IndexError",
        "KeyError",
        "LookupError",
        "TypeError",
        "ValueError",
        "ZeroDivisionError",
    ]
}
_BUILTINS.update({"None": None, "True": True, "False": False})


class Declined(Exception):
    """Raised by ``refuse(reason)``: the step is refused with the author's own words, nothing else."""


def _refuse(reason: object = "") -> None:
    raise Declined(str(reason) or "This step cannot be done now.")


def script_globals(moment: datetime, day: date) -> dict[str, Any]:
    """Everything a script can name besides the process data: the guards and the helpers.

    ``moment`` is when the transition happens (what ``now()`` returns, the same for every script of
    one transition); ``day`` is that moment's date in the workspace's timezone (what ``today()``
    returns; the caller works it out, so the sandbox needs no time zone files).
    """
    moment = moment.astimezone(UTC)
    helpers: dict[str, Any] = {
        "now": lambda: moment,
        "today": lambda: day,
        "days": lambda n: timedelta(days=n),
        "hours": lambda n: timedelta(hours=n),
        "minutes": lambda n: timedelta(minutes=n),
        "date": date,
        "datetime": datetime,
        "timedelta": timedelta,
        "Decimal": Decimal,
        "math": _MATH,
        "refuse": _refuse,
    }
    return {
        "__builtins__": _BUILTINS,
        "__name__": "script",
        "_getattr_": _getattr,
        "_getitem_": default_guarded_getitem,
        "_getiter_": _getiter,
        "_iter_unpack_sequence_": guarded_iter_unpack_sequence,
        "_unpack_sequence_": guarded_unpack_sequence,
        "_write_": full_write_guard,
        "_inplacevar_": _inplace,
        "_apply_": lambda f, *args, **kwargs: f(*args, **kwargs),
        **helpers,
    }


HELPERS = ("now", "today", "days", "hours", "minutes", "date", "datetime", "timedelta", "Decimal", "math")
