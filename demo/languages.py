"""The demo in the site's languages: a locale for each, kept in step with
English by wagtail-localize (a page shows there as an alias of the English
one until it is translated), and a French translation of the home page, the
catalogue and "Python for Complete Beginners"."""

from django.conf import settings
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    LocaleSynchronization,
    StringSegment,
    StringTranslation,
    TranslationSource,
)

from courses.models import CourseIndexPage, CoursePage
from home.models import HomePage

from . import french

TRANSLATED_COURSE = "python-for-beginners"


def default_locale():
    """The site language's locale (a flushed test database has none yet)."""
    locale, _created = Locale.objects.get_or_create(
        language_code=settings.LANGUAGE_CODE
    )
    return locale


def demo_courses():
    """The demo courses as seeded, in the default language: their copies in
    the other languages share their learners, so progress is seeded here."""
    return CoursePage.objects.filter(locale=default_locale())


def seed_languages():
    """Every site language gets its locale, synchronised from English; then
    the French pages are translated."""
    english = default_locale()
    for code, _name in settings.LANGUAGES:
        if code == english.language_code:
            continue
        locale, _created = Locale.objects.get_or_create(language_code=code)
        # Saving the setting synchronises the trees (wagtail-localize); on a
        # later run, pages seeded since are mirrored too.
        sync, created = LocaleSynchronization.objects.get_or_create(
            locale=locale, defaults={"sync_from": english}
        )
        if not created:
            sync.sync_trees()
    french = Locale.objects.filter(language_code="fr").first()
    if french is not None:  # a site may offer other languages
        seed_french(french)


def seed_french(locale):
    home = HomePage.objects.filter(locale=default_locale()).first()
    catalogue = CourseIndexPage.objects.child_of(home).first()
    course = CoursePage.objects.child_of(catalogue).get(slug=TRANSLATED_COURSE)
    if (
        course.has_translation(locale)
        and not course.get_translation(locale).alias_of_id
    ):
        return  # translated on an earlier run
    translate(home, locale, french.HOME)
    translate(catalogue, locale, french.CATALOGUE)
    translate(course, locale, french.PYTHON_COURSE, with_descendants=True)


def translate(page, locale, strings, *, with_descendants=False):
    """Translate `page` (and, if asked, every page below it) into `locale` as
    a translator does in wagtail-localize: each source string by `strings`,
    left as it is when not there; then publish. Pages above it that have no
    copy in `locale` are copied untranslated. Returns the translated page."""
    pages = [page, *page.get_descendants().specific()] if with_descendants else [page]
    for item in pages:
        source, _created = TranslationSource.get_or_create_from_instance(item)
        segments = StringSegment.objects.filter(source=source).select_related(
            "string", "context"
        )
        for segment in segments:
            text = strings.get(segment.string.data)
            if text:
                StringTranslation.objects.update_or_create(
                    translation_of=segment.string,
                    locale=locale,
                    context=segment.context,
                    defaults={"data": text},
                )
        # Saved as a draft, then published here: wagtail-localize publishes
        # a translation only once the transaction commits.
        source.create_or_update_translation(
            locale, publish=False, copy_parent_pages=True, fallback=True
        )
        translated = Page.objects.get(
            translation_key=item.translation_key, locale=locale
        ).specific
        translated.get_latest_revision().publish()
    return page.get_translation(locale).specific
