"""Conditions as Camunda Modeler writes them, turned into Loom's own (Python, run in the sandbox).

Camunda 7 writes JUEL (``${amount > 100 && approved}``), Camunda 8 writes FEEL (``=amount > 100 and
approved``, or any text with ``language="feel"``). SpiffWorkflow would evaluate that text as Python
and fail at every record that reaches the gateway, so before the diagram is read, the simple part
of both languages is translated here, by a small tokenizer and parser (nothing is evaluated):
comparisons, ``and`` / ``or`` / ``not``, literals (numbers, strings, true / false, null) and field
names. Anything else (function calls, lists, ranges, arithmetic, ``empty``, paths like ``a.b``,
which no record field has) is refused (``Unsupported``); engine/flows/condition_documents.py finds
the conditions of a diagram and refuses those, naming the element, so people write Loom's instead.

Both languages say that ``<``, ``<=``, ``>``, ``>=`` against null are false (JUEL) or null, which a
gateway treats as false (FEEL); Python would raise, so such a comparison with a field or variable
becomes ``(x is not None and x > 1)``. FEEL's ``not(x > 1)`` is null too when x is null, so its
``not`` is pushed down to what it covers (``(x is not None and x <= 1)``; see ``_python``).
Decimal literals stay exact: ``1.5`` becomes ``Decimal('1.5')``, so that they compare equal with a
decimal field.

Loom's own conditions (Python, no ``${`` / ``#{`` / ``=`` in front, no FEEL or JUEL language)
are left exactly as they are.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<number>\d+(?:\.\d+)?|\.\d+)
    | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
    | (?P<op>==|!=|<=|>=|&&|\|\||\.\.|[<>=!().-])
    | (?P<other>\S)
    )""",
    re.VERBOSE,
)
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")
_ESCAPES = {"\\": "\\", '"': '"', "'": "'", "n": "\n", "r": "\r", "t": "\t"}
_ORDER = {"<", "<=", ">", ">="}

# Per language: how its words and signs read, and the words it has that Loom does not translate.
_JUEL_COMPARE = {"==": "==", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
_JUEL_COMPARE |= {"eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}
_FEEL_COMPARE = {"=": "==", "!=": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
_JUEL_RESERVED = {"empty", "div", "mod", "instanceof"}
_FEEL_RESERVED = {"if", "then", "else", "for", "return", "in", "some", "every", "satisfies", "between"}
_FEEL_RESERVED |= {"instance", "of", "function", "external"}


class Unsupported(Exception):
    """A part of the condition the translation does not cover (``part`` is its text)."""

    def __init__(self, part: str) -> None:
        super().__init__(part)
        self.part = part


@dataclass(frozen=True)
class _Token:
    kind: str  # number, string, name, op, end
    text: str


@dataclass(frozen=True)
class Dialect:
    name: str  # as people know it: "FEEL", "JUEL"
    compare: dict[str, str]
    reserved: frozenset[str]
    and_: frozenset[str]
    or_: frozenset[str]
    not_: frozenset[str]
    quotes: str  # characters that open a string
    unicode_escapes: bool


JUEL = Dialect(
    "JUEL",
    _JUEL_COMPARE,
    frozenset(_JUEL_RESERVED),
    frozenset({"and", "&&"}),
    frozenset({"or", "||"}),
    frozenset({"not", "!"}),
    "\"'",
    False,
)
FEEL = Dialect(
    "FEEL",
    _FEEL_COMPARE,
    frozenset(_FEEL_RESERVED),
    frozenset({"and"}),
    frozenset({"or"}),
    frozenset({"not"}),
    '"',
    True,
)


def translate(text: str, dialect: Dialect) -> str:
    """``text`` (the expression only: no ``${}`` around it, no ``=`` in front) as Loom's Python;
    Unsupported naming the first part it cannot translate."""
    return _Parser(_tokens(text, dialect), dialect).expression()


def _tokens(text: str, dialect: Dialect) -> Iterator[_Token]:
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:  # only spaces were left
            break
        position = match.end()
        kind = match.lastgroup
        value = match.group(kind) if kind else ""
        if kind == "other" or (kind == "op" and value in ("..", ".")):
            raise Unsupported(value)
        if kind == "string":
            if value[0] not in dialect.quotes:
                raise Unsupported(value[0])
            yield _Token("string", _unquote(value, dialect))
            continue
        if kind == "op" and value in ("&&", "||", "!", "==", "=") and value not in _known(dialect):
            raise Unsupported(value)
        assert kind is not None
        yield _Token(kind, value)
    yield _Token("end", "")


def _known(dialect: Dialect) -> set[str]:
    return {*dialect.compare, *dialect.and_, *dialect.or_, *dialect.not_}


def _unquote(literal: str, dialect: Dialect) -> str:
    body, result, index = literal[1:-1], [], 0
    while index < len(body):
        char = body[index]
        if char != "\\":
            result.append(char)
            index += 1
            continue
        escaped = body[index + 1]
        if escaped in _ESCAPES and (dialect.unicode_escapes or escaped in "\\\"'"):
            result.append(_ESCAPES[escaped])
            index += 2
        elif escaped == "u" and dialect.unicode_escapes and _HEX4.fullmatch(hex4 := body[index + 2 : index + 6]):
            result.append(chr(int(hex4, 16)))
            index += 6
        else:
            raise Unsupported(body[index : index + 2])
    return "".join(result)


@dataclass(frozen=True)
class _Value:
    """A literal or a name, already as Python; ``literal`` when it can never be null."""

    python: str
    literal: bool


@dataclass(frozen=True)
class _Compare:
    operator: str  # Python's
    left: _Node
    right: _Node


@dataclass(frozen=True)
class _Not:
    operand: _Node


@dataclass(frozen=True)
class _Logic:
    operator: str  # "and", "or"
    parts: tuple[_Node, ...]


_Node = _Value | _Compare | _Not | _Logic
_NEGATED = {"==": "!=", "!=": "==", "<": ">=", ">=": "<", "<=": ">", ">": "<="}


def _python(node: _Node, dialect: Dialect, negated: bool = False) -> tuple[str, bool]:
    """``node`` as Python, and whether that text stands alone (needs no parentheses around it).

    FEEL's logic has three values: ``not(x > 1)`` is null when x is null, and a gateway takes
    only true. Pushing each ``not`` down to the comparisons and names it covers (De Morgan, which
    holds for that logic too) and negating them there gives exactly the cases that are true.
    JUEL has two values (null counts as false), so its ``not`` stays Python's ``not``.
    """
    if isinstance(node, _Logic):
        operator = {"and": "or", "or": "and"}[node.operator] if negated else node.operator
        parts = [_python(part, dialect, negated) for part in node.parts]
        return f" {operator} ".join(text if alone else f"({text})" for text, alone in parts), False
    if isinstance(node, _Not):
        if dialect is FEEL:
            return _python(node.operand, dialect, not negated)
        text, alone = _python(node.operand, dialect)
        return f"(not {text if alone else f'({text})'})", True
    if isinstance(node, _Value):
        if not negated:
            return node.python, True
        return (
            (repr(node.python == "False"), True)
            if node.python in ("True", "False")
            else (f"{node.python} is False", False)
        )
    operator = _NEGATED[node.operator] if negated else node.operator
    (left, left_alone), (right, right_alone) = _python(node.left, dialect), _python(node.right, dialect)
    left, right = (left if left_alone else f"({left})"), (right if right_alone else f"({right})")
    if "None" in (left, right) and operator in ("==", "!="):
        other = right if left == "None" else left
        return f"{other} {'is' if operator == '==' else 'is not'} None", False
    guards = [f"{text} is not None" for text, side in ((left, node.left), (right, node.right)) if not _literal(side)]
    if operator in _ORDER and guards:
        return f"({' and '.join(guards)} and {left} {operator} {right})", True
    return f"{left} {operator} {right}", False


def _literal(node: _Node) -> bool:
    """Whether ``node``'s value can never be null: a literal, or a comparison or ``not`` (a boolean)."""
    return node.literal if isinstance(node, _Value) else not isinstance(node, _Logic)


MAX_NESTING = 32  # far more than any condition people write; deeper text is refused, not recursed into


class _Parser:
    """Recursive descent over the tokens, into a tree of _Node.

    or := and (OR and)* ; and := comparison (AND comparison)* ;
    comparison := unary (COMPARE unary)? ; unary := NOT unary | "-" number | primary ;
    primary := number | string | true | false | null | name | "(" or ")"
    (FEEL's ``not`` is its function ``not(x)``: a ``(`` must follow it.)
    """

    def __init__(self, tokens: Iterator[_Token], dialect: Dialect) -> None:
        self.tokens, self.dialect = tokens, dialect  # read as the parser goes: the first problem is named
        self.current = next(tokens)
        self.depth = 0  # nots and parentheses open now: bounded, so no text can exhaust the stack

    def deeper(self) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise Unsupported(f"more than {MAX_NESTING} nested parentheses or nots")

    def expression(self) -> str:
        if self.peek().kind == "end":
            raise Unsupported("(empty)")
        tree = self.or_()
        if self.peek().kind != "end":
            raise Unsupported(self.peek().text)
        return _python(tree, self.dialect)[0]

    def peek(self) -> _Token:
        return self.current

    def take(self) -> _Token:
        token = self.current
        if token.kind != "end":
            self.current = next(self.tokens)
        return token

    def is_word(self, words: frozenset[str] | dict[str, str]) -> bool:
        token = self.peek()
        return token.kind in ("name", "op") and token.text in words

    def or_(self) -> _Node:
        return self.chain("or", self.dialect.or_, self.and_)

    def and_(self) -> _Node:
        return self.chain("and", self.dialect.and_, self.comparison)

    def chain(self, operator: str, words: frozenset[str], part: Callable[[], _Node]) -> _Node:
        """``part`` (WORD ``part``)*, with ``words`` the dialect's for ``operator``: the one part,
        or all of them joined."""
        parts = [part()]
        while self.is_word(words):
            self.take()
            parts.append(part())
        return _Logic(operator, tuple(parts)) if len(parts) > 1 else parts[0]

    def comparison(self) -> _Node:
        left = self.unary()
        if not self.is_word(self.dialect.compare):
            return left
        operator = self.dialect.compare[self.take().text]
        right = self.unary()
        if self.is_word(self.dialect.compare):
            raise Unsupported(self.peek().text)  # a < b < c
        return _Compare(operator, left, right)

    def unary(self) -> _Node:
        if self.is_word(self.dialect.not_):
            self.take()
            if self.dialect is FEEL and self.peek().text != "(":
                raise Unsupported("not")
            self.deeper()
            negated = _Not(self.unary())
            self.depth -= 1
            return negated
        if self.peek().text == "-":
            self.take()
            if self.peek().kind != "number":
                raise Unsupported("-")
            number = self.primary()
            assert isinstance(number, _Value)
            return _Value(f"-{number.python}", True)
        return self.primary()

    def primary(self) -> _Node:
        token = self.take()
        if token.kind == "number":
            text = token.text if token.text[0] != "." else "0" + token.text
            return _Value(f"Decimal({text!r})" if "." in text else str(int(text)), True)
        if token.kind == "string":
            return _Value(repr(token.text), True)
        if token.text == "(":
            self.deeper()
            inner = self.or_()
            if self.peek().text != ")":
                raise Unsupported(self.peek().text or "(")
            self.take()
            self.depth -= 1
            return inner
        if token.kind != "name":
            raise Unsupported(token.text or "(end)")
        return self.name(token.text)

    def name(self, word: str) -> _Value:
        constants = {"true": "True", "false": "False", "null": "None"}
        if word in constants:
            return _Value(constants[word], word != "null")
        if word in self.dialect.reserved or keyword.iskeyword(word) or word in _known(self.dialect):
            raise Unsupported(word)
        if "." in word or word.startswith("_"):  # a record's fields have no parts, and no name starts with _
            raise Unsupported(word)
        if self.peek().text == "(":
            raise Unsupported(f"{word}(")
        return _Value(word, False)
