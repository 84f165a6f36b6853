"""The course page's list of lessons, rendered in Python: a syllabus may
list a thousand lessons, and a template include per lesson costs more than
the rest of the page."""

from html import escape

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from home.templatetags.site_tags import duration, status_icon

register = template.Library()


def _with_icons(lessons):
    """(lesson, status class, status icon) for [(lesson, status)]; the few
    statuses of a long list are escaped and drawn once each."""
    icons = {}
    for lesson, status in lessons:
        if status not in icons:
            icons[status] = (escape(status), status_icon(status))
        yield lesson, *icons[status]


def _preview_badge(label):
    return format_html(' <span class="badge badge--preview">{}</span>', label)


def _opens(lesson, css, opening_dates):
    if css != "scheduled" or not opening_dates:
        return ""
    date = opening_dates.get(lesson.pk)
    if not date:
        return ""
    return format_html(
        ' <span class="lesson-opens">{}</span>', _("Opens on %(date)s") % {"date": date}
    )


@register.simple_tag
def lesson_rows(lessons, opening_dates=None):
    """`{% lesson_rows lessons state.opening_dates %}` for [(lesson, status)]:
    the same markup as one `<li>` per lesson with its status icon, link,
    preview badge, opening date (drip) and time."""
    preview = _preview_badge(_("Free preview"))
    # A few durations recur across the whole list; titles and links are
    # escaped as Django escapes them (the standard library's escape, without
    # the lazy-string wrapper per call).
    times, rows = {}, []
    for lesson, css, icon in _with_icons(lessons):
        minutes = lesson.estimated_minutes
        if minutes not in times:
            times[minutes] = duration(minutes)
        badge = preview if lesson.free_preview else ""
        badge += _opens(lesson, css, opening_dates)
        rows.append(
            f'<li class="lesson-list__item lesson-list__item--{css}">{icon} '
            f'<a href="{escape(lesson.link)}">{escape(lesson.title)}</a>{badge} '
            f'<span class="lesson-list__time">{times[minutes]}</span></li>'
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every part escaped above


@register.simple_tag
def sidebar_rows(lessons, current, opening_dates=None):
    """`{% sidebar_rows item.lessons page sidebar.opening_dates %}`: the
    lesson sidebar's list of a
    section, one `<li>` per lesson as the course page's list (a section of a
    long course lists a hundred)."""
    preview = _preview_badge(_("Preview"))
    rows = []
    for lesson, css, icon in _with_icons(lessons):
        here = (
            ' aria-current="page" class="is-current"' if lesson.pk == current.pk else ""
        )
        badge = preview if lesson.free_preview else ""
        badge += _opens(lesson, css, opening_dates)
        rows.append(
            f'<li class="lesson-sidebar__item lesson-sidebar__item--{css}">'
            f'<a href="{escape(lesson.link)}"{here}>{icon} '
            f"<span>{escape(lesson.title)}</span>{badge}</a></li>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every part escaped above
