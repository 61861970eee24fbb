"""Loom's backend texts in gettext catalogues, read once per process.

``messages.pot`` holds every text in English (its ``msgid``), each named by its ``msgctxt``
(``email.welcome.subject``, ``role.editor``, ``duration.day``). Each other language has
``<code>/LC_MESSAGES/messages.po`` with the same entries and their ``msgstr``: the files Poedit,
Weblate or ``msgfmt --check`` read as they are. Texts are Python format strings (``{email}``,
flagged ``python-brace-format``); the caller fills them in. Plural texts have two forms, one and
many (``Plural-Forms: nplurals=2; plural=(n != 1)``), which is right for every language Loom
speaks (core.i18n.LANGUAGES). tests/runtime/test_translations.py checks that every language has
every text, translated, with the same fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from core.i18n import LANGUAGES
from runtime.translations.po import Entry, read

SOURCE_LANGUAGE = "en"
DIRECTORY = Path(__file__).parent
TEMPLATE = DIRECTORY / "messages.pot"


def catalogue_path(language: str) -> Path:
    return TEMPLATE if language == SOURCE_LANGUAGE else DIRECTORY / language / "LC_MESSAGES" / "messages.po"


@dataclass(frozen=True)
class Text:
    one: str
    many: str | None


def _texts(entries: list[Entry], *, source: bool) -> dict[str, Text]:
    texts: dict[str, Text] = {}
    for entry in entries:
        if entry.context is None:
            continue  # the header
        if source:
            texts[entry.context] = Text(entry.msgid, entry.plural)
        elif entry.translated:
            texts[entry.context] = Text(entry.forms[0], entry.forms.get(1) if entry.plural is not None else None)
    return texts


@cache
def catalogue(language: str) -> dict[str, Text]:
    """Every text of ``language`` by key (English for a language Loom does not speak)."""
    code = language if language in LANGUAGES else SOURCE_LANGUAGE
    return _texts(read(catalogue_path(code)), source=code == SOURCE_LANGUAGE)


def language_of(value: str | None) -> str:
    """``value`` when Loom speaks it, else English."""
    return value if value is not None and value in LANGUAGES else SOURCE_LANGUAGE


def has_text(key: str) -> bool:
    return key in catalogue(SOURCE_LANGUAGE)


def text(language: str | None, key: str) -> str:
    """The text ``key`` in ``language`` (English where the language lacks it)."""
    found = catalogue(language_of(language)).get(key) or catalogue(SOURCE_LANGUAGE)[key]
    return found.one


def plural(language: str | None, key: str, count: int) -> str:
    """The form of the text ``key`` for ``count`` things, ``{count}`` filled in."""
    found = catalogue(language_of(language)).get(key) or catalogue(SOURCE_LANGUAGE)[key]
    form = found.one if count == 1 or found.many is None else found.many
    return form.replace("{count}", str(count))
