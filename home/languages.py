"""The site's languages as a reader meets them: the address of the page in
each language (the switcher in the footer and the hreflang links), and the
prefix of the language now."""

from django.conf import settings
from django.utils.translation import get_language
from wagtail.models import Page

from .content_version import VersionedMemo
from .locale_middleware import language_of_path

_copies = VersionedMemo(size=4096)


def prefix(language=None):
    """The address prefix of `language` (the one now by default): "" for the
    default language, "/fr" for French."""
    language = language or get_language() or settings.LANGUAGE_CODE
    return "" if language == settings.LANGUAGE_CODE else f"/{language}"


def unprefixed(path):
    """`path` without its language prefix: "/fr/courses/" is "/courses/"."""
    language = language_of_path(path)
    if not path.startswith(f"/{language}/"):
        return path
    return path[len(language) + 1 :]


def _copies_of(page):
    """{language code: (title, address)} of the live copies of `page` (itself
    and its translations, aliases included), read once per content version."""
    if not _has_copies(page):
        return {}
    known = _copies.get_many([page.translation_key], _read_copies)
    return _live(known[page.translation_key])


def remember_copies(pages):
    """Read the copies of `pages` the worker does not hold yet, in one query,
    before a list of them is shown."""
    keys = {page.translation_key for page in pages if _has_copies(page)}
    if keys:
        _copies.get_many(keys, _read_copies)


def _has_copies(page):
    return page is not None and bool(page.pk) and settings.WAGTAIL_I18N_ENABLED


def _read_copies(keys):
    found = {key: {} for key in keys}
    copies = (
        Page.objects.live().filter(translation_key__in=keys).select_related("locale")
    )
    for copy in copies:
        found[copy.translation_key][copy.locale.language_code] = (copy.title, copy.url)
    # A key with no live copy is remembered too, as {"": ...}: the memo keeps
    # no empty value.
    return {key: copies or {"": ("", "")} for key, copies in found.items()}


def _live(known):
    return {code: copy for code, copy in known.items() if code and copy[1]}


def page_copies(page):
    """{language code: address} of the live copies of `page`."""
    return {code: url for code, (_title, url) in _copies_of(page).items()}


def reader_copy(page):
    """(title, address) of the copy of `page` in the reader's language, or
    None when it has no copy there. Lists of a learner's courses show the
    copy they read, while their records stay on the original. Also the
    cheapest way to a page's own address: it is read once per content
    version, where Wagtail's `get_url` works it out on every call."""
    return _copies_of(page).get(get_language() or settings.LANGUAGE_CODE)


def switcher_links(path, query, page=None):
    """[(code, name in its own language, address, current)] for every site
    language. A page links to its copy in each language, or to that
    language's home page when it has none; another address keeps its path
    under the other prefix (/dashboard/ and /fr/dashboard/)."""
    current = get_language()
    copies = page_copies(page) if page is not None else None
    rest = unprefixed(path)
    suffix = f"?{query}" if query else ""
    links = []
    # Each language is named in itself (settings.LANGUAGES), so a reader
    # finds theirs whatever the page's language.
    for code, name in settings.LANGUAGES:
        if copies is not None:
            address = copies.get(code) or f"{prefix(code)}/"
        else:
            address = f"{prefix(code)}{rest}{suffix}"
        links.append((code, name, address, code == current))
    return links
