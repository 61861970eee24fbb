"""The backend's gettext catalogues: every language has every text, translated, with the same
fields; Loom uses every text it has; and the files are standard .po that gettext's tools accept."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from core.i18n import LANGUAGES
from core.identity.models import TenantRole
from runtime.mail.texts import EMAILS, keys
from runtime.translations import SOURCE_LANGUAGE, TEMPLATE, catalogue_path, plural, text
from runtime.translations.po import PoError, parse, read

OTHER_LANGUAGES = sorted(set(LANGUAGES) - {SOURCE_LANGUAGE})
PLURAL_FORMS = "Plural-Forms: nplurals=2; plural=(n != 1);"


def _fields(value: str) -> list[str]:
    return sorted(re.findall(r"{(\w+)}", value))


def _used_keys() -> set[str]:
    used = {key for name in EMAILS for key in keys(name)}
    used |= {f"role.{role.value}" for role in TenantRole}
    used |= {f"duration.{unit}" for unit in ("day", "hour", "minute")}
    used |= {"hook_disabled.gone", "hook_disabled.failing", "record.untitled"}
    return used


def test_the_template_holds_exactly_the_texts_loom_uses():
    template = {entry.context for entry in read(TEMPLATE) if entry.context is not None}
    assert template == _used_keys()


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_text_is_translated_with_the_same_fields(language):
    source = {entry.context: entry for entry in read(TEMPLATE) if entry.context is not None}
    entries = read(catalogue_path(language))
    header = entries[0]
    assert header.context is None and header.msgid == ""
    assert f"Language: {language}" in header.forms[0] and PLURAL_FORMS in header.forms[0]
    translated = {entry.context: entry for entry in entries if entry.context is not None}
    assert sorted(translated) == sorted(source), "the same keys as messages.pot"
    for key, entry in translated.items():
        english = source[key]
        assert entry.msgid == english.msgid, f"{key}: the English changed; translate it again"
        assert entry.plural == english.plural, key
        assert entry.translated and "fuzzy" not in entry.flags, f"{key} is not translated"
        assert sorted(entry.forms) == ([0, 1] if english.plural else [0]), key
        for form in entry.forms.values():
            assert _fields(form) == _fields(english.msgid), key


def test_texts_come_from_the_catalogues():
    assert text("de", "role.editor") == "Bearbeiter"
    assert text("en", "role.editor") == "an editor"
    assert text("xx", "role.editor") == "an editor"
    assert plural("de", "duration.day", 1) == "1 Tag" and plural("de", "duration.day", 2) == "2 Tage"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_gettext_tools_accept_the_files(language):
    checked = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(catalogue_path(language))], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr


def test_the_reader_follows_the_po_format():
    entries = parse(
        '# a comment\n#, python-brace-format\nmsgctxt "k"\nmsgid ""\n"Hello, "\n"{name}!"\n'
        'msgstr "Hallo,\\n\\"{name}\\"!"\n'
        '\n#~ msgid "obsolete"\nmsgctxt "p"\nmsgid "{count} day"\nmsgid_plural "{count} days"\n'
        'msgstr[0] "{count} Tag"\nmsgstr[1] "{count} Tage"\n'
    )
    assert [(e.context, e.msgid, e.forms) for e in entries] == [
        ("k", "Hello, {name}!", {0: 'Hallo,\n"{name}"!'}),
        ("p", "{count} day", {0: "{count} Tag", 1: "{count} Tage"}),
    ]
    assert entries[0].flags == {"python-brace-format"} and entries[1].plural == "{count} days"
    with pytest.raises(PoError, match=":2:"):
        parse('msgid "a"\nmsgstr b\n', "broken.po")
