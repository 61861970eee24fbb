"""A reader for gettext ``.po``/``.pot`` files as translators' tools write them.

It reads what Loom's catalogues use: comments and flags, ``msgctxt``, ``msgid``, ``msgid_plural``,
``msgstr`` and ``msgstr[n]``, strings continued over several lines, and the C escapes. Obsolete
entries (``#~``) are comments. Anything else is an error with its line number, so a broken
catalogue stops the start, not an email.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')
_STRING = re.compile(r'^(".*")\s*$')


class PoError(ValueError):
    """A line the reader does not understand."""


@dataclass
class Entry:
    msgid: str = ""
    context: str | None = None
    plural: str | None = None
    # ``msgstr`` is form 0; ``msgstr[n]`` are the plural forms in order.
    forms: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def translated(self) -> bool:
        return bool(self.forms) and all(self.forms.values())


def _unquote(token: str, where: str) -> str:
    if len(token) < 2 or not token.startswith('"') or not token.endswith('"'):
        raise PoError(f"{where}: expected a quoted string")
    body, out, i = token[1:-1], [], 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            if i + 1 >= len(body) or body[i + 1] not in _ESCAPES:
                raise PoError(f"{where}: unknown escape")
            out.append(_ESCAPES[body[i + 1]])
            i += 2
            continue
        if char == '"':
            raise PoError(f"{where}: unescaped quote")
        out.append(char)
        i += 1
    return "".join(out)


def parse(text: str, name: str = "<po>") -> list[Entry]:
    """The entries of a ``.po`` file, the header (empty msgid) first when there is one."""
    entries: list[Entry] = []
    entry = Entry()
    started = False
    target: tuple[str, int] | None = None  # which field continuation lines extend

    def finish() -> None:
        nonlocal entry, started, target
        if started:
            entries.append(entry)
        entry, started, target = Entry(), False, None

    def append(kind: str, index: int, value: str) -> None:
        if kind == "msgctxt":
            entry.context = (entry.context or "") + value
        elif kind == "msgid":
            entry.msgid += value
        elif kind == "msgid_plural":
            entry.plural = (entry.plural or "") + value
        else:
            entry.forms[index] = entry.forms.get(index, "") + value

    for number, raw in enumerate(text.splitlines(), start=1):
        where = f"{name}:{number}"
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#"):
            if entry.forms:  # a comment after msgstr starts the next entry
                finish()
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            continue
        keyword = _KEYWORD.match(line)
        if keyword:
            kind, index = keyword.group(1), int(keyword.group(2) or 0)
            kind = "msgstr" if kind.startswith("msgstr") else kind
            if kind in ("msgctxt", "msgid") and entry.forms:
                finish()
            started = True
            target = (kind, index)
            append(kind, index, _unquote(keyword.group(3), where))
            continue
        string = _STRING.match(line)
        if string and target is not None:
            append(target[0], target[1], _unquote(string.group(1), where))
            continue
        raise PoError(f"{where}: cannot read {line[:40]!r}")
    finish()
    return entries


def read(path: Path) -> list[Entry]:
    return parse(path.read_text(encoding="utf-8"), str(path))
