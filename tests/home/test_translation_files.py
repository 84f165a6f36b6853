"""The interface's translations: every site language has a complete catalogue,
its placeholders match the English, and the compiled file the site reads is
the one made from it (`make messages` rebuilds both)."""

from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


def _key(value):
    # A plural message's id and text are sequences; a compiled context is bytes.
    if isinstance(value, bytes):
        return value.decode()
    return tuple(value) if isinstance(value, list | tuple) else value


def catalogue(code):
    with open(LOCALE / code / "LC_MESSAGES" / "django.po", "rb") as po:
        return read_po(po, locale=code)


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_message_is_translated_with_its_placeholders(code):
    messages = [message for message in catalogue(code) if message.id]

    untranslated = [m.id for m in messages if not m.string or m.fuzzy]
    broken = [
        (message.id, [str(error) for error in errors])
        for message, errors in catalogue(code).check()
    ]
    assert len(messages) > 2000
    assert untranslated == []
    assert broken == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_compiled_catalogue_is_made_from_the_current_one(code):
    with open(LOCALE / code / "LC_MESSAGES" / "django.mo", "rb") as mo:
        compiled = {
            (_key(m.context), _key(m.id)): _key(m.string) for m in read_mo(mo) if m.id
        }
    source = {(m.context, _key(m.id)): _key(m.string) for m in catalogue(code) if m.id}

    assert compiled == source


def test_the_site_speaks_each_language():
    expected = {
        "fr": "Parcourir les cours",
        "es": "Explorar cursos",
        "af": "Blaai deur kursusse",
    }
    for code, text in expected.items():
        with translation.override(code):
            assert translation.gettext("Browse courses") == text
