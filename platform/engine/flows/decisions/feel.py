"""The FEEL that decision tables from Camunda Modeler and dmn-js hold, as sandbox expressions.

A DMN table's cells are FEEL (the DMN default): input entries are *unary tests* over the column's
input (``> 100``, ``"a","b"``, ``[1..5]``, ``not("x")``, ``-``), input expressions and output entries
are simple expressions (``weight * 2``, ``"express"``, ``true``). SpiffWorkflow would evaluate them
as Python and guess where an ``==`` is missing, so ``"a","b"`` becomes a tuple and ``[1..5]`` a
syntax error. Loom translates each cell once, when the table is saved, into a Python expression
that runs in the script sandbox like a gateway's condition. As in FEEL, an empty (null) input
matches no ordering test (``> 100``, ``[1..5]``) rather than failing the step. What is outside this small part of FEEL
(function calls, paths, contexts, dates) is refused with ``FeelError`` saying what is supported.

An input entry tests the column's input through one name, ``SUBJECT``, which the business-rule task
binds to the input's value (evaluated once per decision), so a cell's translation grows with the
cell alone, never with the input expression. Cells are bounded before they are read (length,
items, nesting, tokens): a table is something a person reads, and these bounds keep reading one
linear in its size and its translation clear of Python's recursion limit.
"""

from __future__ import annotations

import ast
import json
import re

ANY = "-"
# The name a translated input entry calls the column's input by: upper case, so no field's key (lower case)
# and, as cells may not name it, nothing a cell writes can reach or shadow it.
SUBJECT = "INPUT"
# Far above any table a person writes and reads (Camunda's examples stay under 200 characters a cell),
# and low enough that a cell is read in linear time and its translation stays small.
MAX_CELL_CHARS = 4000
MAX_ITEMS = 500  # values in one list cell ("a","b",...)
MAX_NESTING = 20  # brackets and not(...) inside one another: Python's parser recurses on each
MAX_TOKENS = 200  # words, numbers and operators in one expression: its tree's depth is bounded by this
SUPPORTED = (
    'comparisons (< <= > >= = !=), ranges like [1..5], lists like "a","b", not(...), '
    "text in double quotes, numbers, true, false, null, field names and + - * /"
)
_TOKEN = re.compile(
    r"""\s*(?:
      (?P<string>"(?:[^"\\]|\\.)*")
    | (?P<number>\d+(?:\.\d+)?)
    | (?P<range>\.\.)
    | (?P<op><=|>=|!=|\*\*|[<>=+\-*/(),\[\]])
    | (?P<name>[A-Za-z][A-Za-z0-9_]*)
    )""",
    re.VERBOSE,
)
_WORDS = {"true": "True", "false": "False", "null": "None", "and": "and", "or": "or", "not": "not"}
# Python's words, and the one helper a translated number calls: none of them is a field of a record.
_PYTHON_WORDS = {"True", "False", "None", "in", "is", "if", "else", "lambda", "for", "del", "pass", "Decimal", SUBJECT}
_ALLOWED = (
    ast.Expression,
    ast.Constant,
    ast.Name,
    ast.Load,
    ast.BinOp,
    ast.UnaryOp,
    ast.BoolOp,
    ast.Compare,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.Pow,
    ast.USub,
    ast.UAdd,
    ast.Not,
    ast.And,
    ast.Or,
    ast.Eq,
    ast.NotEq,
    ast.Lt,
    ast.LtE,
    ast.Gt,
    ast.GtE,
    ast.Is,
)
_OPEN = {"[": "<=", "]": "<", "(": "<"}
_CLOSE = {"]": "<=", "[": "<", ")": "<"}


class FeelError(ValueError):
    """A cell Loom cannot run: ``reason`` says why, in words for the person who wrote the table."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def expression(text: str) -> str:
    """A FEEL simple expression as a sandbox expression."""
    source = text.strip()
    if not source:
        raise FeelError("The cell is empty.")
    _bounded(source)
    tokens = _tokens(source)
    if len(tokens) > MAX_TOKENS:
        raise FeelError(f"'{source[:40]}…' is longer than {MAX_TOKENS} words and signs; split it into simpler rules.")
    python = " ".join(_translate(token) for token in tokens)
    try:
        tree = ast.parse(python, mode="eval")
    except SyntaxError as exc:
        raise FeelError(f"'{source}' is not an expression Loom understands; use {SUPPORTED}.") from exc
    for node in ast.walk(tree):
        if _is_decimal(node) or (isinstance(node, ast.Name) and node.id == "Decimal"):
            continue
        if not isinstance(node, _ALLOWED):
            raise FeelError(f"'{source}' uses more than Loom's part of FEEL; use {SUPPORTED}.")
        if isinstance(node, ast.Name) and node.id.startswith("_"):
            raise FeelError(f"'{node.id}' is not a field name.")
    return python


def unary_tests(text: str | None, subject: str = SUBJECT) -> str | None:
    """Input entry ``text`` as a condition on ``subject`` (a name); None when any value matches."""
    source = (text or "").strip()
    if source in ("", ANY):
        return None
    _bounded(source)
    negated = re.fullmatch(r"not\s*\((.*)\)", source, re.DOTALL)
    if negated is not None and _balanced(negated.group(1)):
        inner = unary_tests(negated.group(1), subject)
        return "False" if inner is None else f"not ({inner})"
    parts = _split(source)
    if len(parts) > MAX_ITEMS:
        raise FeelError(f"The cell lists {len(parts)} values; a cell may list at most {MAX_ITEMS}. Split the rule.")
    tests = [_unary_test(part.strip(), subject) for part in parts]
    return tests[0] if len(tests) == 1 else " or ".join(f"({test})" for test in tests)


def _unary_test(part: str, subject: str) -> str:
    if not part:
        raise FeelError("A list of values has an empty item.")
    interval = _interval(part)
    if interval is not None:
        opening, low_text, high_text, closing = interval
        low, high = expression(low_text), expression(high_text)
        within = f"({low}) {_OPEN[opening]} ({subject}) {_CLOSE[closing]} ({high})"
        return f"({subject}) is not None and {within}"
    comparison = re.fullmatch(r"(<=|>=|!=|<|>|=)(.+)", part, re.DOTALL)
    if comparison is not None:
        operator, value = comparison.group(1), expression(comparison.group(2))
        if operator in ("=", "!="):
            return f"({subject}) {'==' if operator == '=' else '!='} ({value})"
        return f"({subject}) is not None and ({subject}) {operator} ({value})"
    value = expression(part)
    return f"({subject}) is None" if value == "None" else f"({subject}) == ({value})"


def _interval(part: str) -> tuple[str, str, str, str] | None:
    """``[low..high]`` (any of ``[ ] (`` and ``] [ )``) cut at its first ``..``; None when ``part`` is not one.

    Plain string search: a pattern with a lazy group before ``..`` takes quadratic time on a cell
    full of ``..`` that does not close."""
    if len(part) < 5 or part[0] not in _OPEN or part[-1] not in _CLOSE:
        return None
    cut = part.find("..", 2)
    if cut < 0 or cut + 2 >= len(part) - 1:
        return None
    return part[0], part[1:cut], part[cut + 2 : -1], part[-1]


def _bounded(source: str) -> None:
    """FeelError when ``source`` is longer or nested deeper than any cell Loom reads."""
    if len(source) > MAX_CELL_CHARS:
        raise FeelError(f"The cell has {len(source)} characters, more than {MAX_CELL_CHARS}; split the rule.")
    depth, deepest, quoted, escaped = 0, 0, False, False
    for char in source:
        if quoted:
            quoted, escaped = (escaped or char != '"'), (not escaped and char == "\\")
        elif char == '"':
            quoted = True
        elif char in "([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]":
            depth = max(depth - 1, 0)  # an interval may open with "]": closing more never counts as less nesting
    if deepest > MAX_NESTING:
        raise FeelError(f"The cell nests brackets {deepest} deep, more than {MAX_NESTING}; write it more simply.")


def _tokens(source: str) -> list[str]:
    tokens, position = [], 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None or match.end() == position:
            if not source[position:].strip():
                break
            raise FeelError(f"'{source}' cannot be read at '{source[position:].strip()[:20]}'; use {SUPPORTED}.")
        kind = match.lastgroup
        tokens.append(f"{kind}:{match.group(kind or '')}")
        position = match.end()
    return tokens


def _translate(token: str) -> str:
    kind, _, value = token.partition(":")
    if kind == "string":
        try:
            return repr(json.loads(value))
        except ValueError as exc:
            raise FeelError(f"The text {value} has an escape Loom cannot read.") from exc
    if kind == "number" and "." in value:
        return f"Decimal('{value}')"  # FEEL's numbers are decimals: 0.1 + 0.2 is 0.3, and fields hold Decimal
    if kind == "range":
        raise FeelError(f"A range is written [low..high]; use {SUPPORTED}.")
    if kind == "op" and value in ("[", "]"):
        raise FeelError(f"'{value}' starts a list or range, which only a whole test may be; use {SUPPORTED}.")
    if kind == "op":
        return "==" if value == "=" else value
    if kind == "name":
        if value in _WORDS:
            return _WORDS[value]
        if value in _PYTHON_WORDS:
            raise FeelError(f"'{value}' is not a field name.")
    return value


def _is_decimal(node: ast.AST) -> bool:
    """``Decimal('2.5')`` as ``_translate`` writes a FEEL number: the one call a cell may hold."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "Decimal"
        and len(node.args) == 1
        and not node.keywords
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    )


def _split(source: str) -> list[str]:
    """``source`` cut at its top-level commas (not inside text, brackets or parentheses)."""
    parts, depth, quoted, start, index = [], 0, False, 0, 0
    while index < len(source):
        char = source[index]
        if quoted and char == "\\":
            index += 2
            continue
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "([":
            depth += 1
        elif not quoted and char in ")]":
            depth -= 1
        elif not quoted and depth == 0 and char == ",":
            parts.append(source[start:index])
            start = index + 1
        index += 1
    parts.append(source[start:])
    return parts


def _balanced(source: str) -> bool:
    depth, quoted = 0, False
    for char in source:
        if char == '"':
            quoted = not quoted
        elif not quoted and char == "(":
            depth += 1
        elif not quoted and char == ")":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0
