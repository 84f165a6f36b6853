"""Template filters for money, durations, search highlights and roles, and
the site footer."""

import re

from django import template
from django.template.loader import render_to_string
from django.utils.dates import MONTHS
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from wagtail.models import Page

from home import content_version
from home.content_version import VersionedMemo
from home.languages import reader_copy, switcher_links
from home.money import format_money
from home.roles import may_use_admin as _may_use_admin
from home.routing import ancestors as _ancestors

register = template.Library()


STATUS_ICONS = {
    "completed": (
        '<span class="status-icon status-icon--done" role="img" '
        'aria-label="{}">✓</span>'
    ),
    "locked": (
        '<span class="status-icon status-icon--locked" role="img" '
        'aria-label="{}"><svg viewBox="0 0 16 16" width="12" height="12" '
        'aria-hidden="true" focusable="false"><path fill="currentColor" '
        'd="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z"/>'
        "</svg></span>"
    ),
    "scheduled": (
        '<span class="status-icon status-icon--scheduled" role="img" '
        'aria-label="{}"><svg viewBox="0 0 16 16" width="12" height="12" '
        'aria-hidden="true" focusable="false"><path fill="currentColor" '
        'd="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1zm0 2a5 5 0 1 0 0 10A5 5 0 0 0 8 '
        '3zm-1 1.5h2v3.1l2.2 1.3-1 1.7L7 8.7z"/></svg></span>'
    ),
}
STATUS_LABELS = {
    "completed": gettext_lazy("Completed"),
    "locked": gettext_lazy("Locked"),
    "scheduled": gettext_lazy("Not open yet"),
}


@register.filter
def status_icon(status):
    """`{{ status|status_icon }}`: a lesson's ✓, lock or ○, the same as
    includes/lesson_status_icon.html, without an include per lesson."""
    if status not in STATUS_ICONS:
        return mark_safe('<span class="status-icon" aria-hidden="true">○</span>')
    label = escape(STATUS_LABELS[status])
    return mark_safe(STATUS_ICONS[status].format(label))  # noqa: S308 - constants


@register.filter
def ancestors(page):
    """`{% with crumbs=page|ancestors %}`: the breadcrumb trail above a page."""
    return _ancestors(page)


@register.filter
def may_use_admin(user):
    """`{% if request.user|may_use_admin %}`: the Wagtail bar is for editors
    only, and asking here costs a learner no permission queries."""
    return _may_use_admin(user)


@register.filter
def money(amount_minor, currency):
    """`{{ page.price|money:page.currency }}` renders '$49.00'."""
    if amount_minor is None or not currency:
        return ""
    return format_money(int(amount_minor), currency.upper())


@register.filter
def duration(minutes):
    """Render a number of minutes as '45 min', '2 h' or '6 h 30 min'."""
    if not minutes:
        return ""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return _("%(m)d min") % {"m": rest}
    if not rest:
        return _("%(h)d h") % {"h": hours}
    return _("%(h)d h %(m)d min") % {"h": hours, "m": rest}


@register.filter
def seconds_duration(seconds):
    """Learning time in seconds as `duration` shows minutes, whole minutes
    rounded down; under a minute is "0 min"."""
    return duration(int(seconds or 0) // 60) or _("0 min")


@register.filter
def month_name(number):
    """3 -> "March", in the active language."""
    return MONTHS.get(int(number), "")


@register.filter
def basis_points(value):
    """7000 -> "70%", 7050 -> "70.5%"."""
    whole, rest = divmod(int(value or 0), 100)
    return f"{whole}%" if not rest else f"{whole}.{rest:02d}".rstrip("0") + "%"


@register.filter
def highlight(text, query):
    """`{{ course.title|highlight:filters.q }}`: the searched words in <mark>,
    everything else escaped."""
    text = str(text or "")
    words = [re.escape(w) for w in str(query or "").split() if len(w) > 1][:10]
    if not words:
        return escape(text)
    pattern = re.compile("(" + "|".join(words) + ")", re.IGNORECASE)
    parts = pattern.split(text)
    return mark_safe(  # noqa: S308 - every part is escaped here
        "".join(
            f"<mark>{escape(part)}</mark>" if index % 2 else escape(part)
            for index, part in enumerate(parts)
        )
    )


@register.filter
def iso_datetime(value):
    """A `datetime` attribute value: ISO 8601 to the second, which the HTML
    standard accepts (Django's "c" format adds microseconds, which it does not)."""
    if not value:
        return ""
    return value.replace(microsecond=0).isoformat()


_footers = VersionedMemo(size=64)
# Where the language switcher goes in the footer: it links the page shown,
# so it is filled in on each request.
SWITCHER_SLOT = "<!-- language switcher -->"


@register.simple_tag(takes_context=True)
def site_footer(context):
    """`{% site_footer %}`: the footer is the same for everyone on a site, so
    each worker renders it once per content version and language (it links
    the legal pages, whose addresses cost a cache round trip each). The
    language switcher in it links this page in each language."""
    request = context.get("request")
    site = context.get("current_site")
    key = (getattr(site, "pk", None), get_language())
    html = _footers.get(key) if request is not None else None
    if html is None:
        version = content_version.current()
        # The request brings the site settings (Wagtail's context processor).
        html = render_to_string(
            "includes/footer.html", {"current_site": site}, request=request
        )
        if request is not None:
            _footers.put(key, html, version)
    if request is None:
        return html
    page = context.get("page")
    links = switcher_links(
        request.path,
        request.META.get("QUERY_STRING", ""),
        page if isinstance(page, Page) else None,
    )
    switcher = render_to_string("includes/language_switcher.html", {"links": links})
    return mark_safe(html.replace(SWITCHER_SLOT, switcher))  # noqa: S308 - rendered


@register.filter
def reader_title(page):
    """`{{ course|reader_title }}`: its title in the reader's language."""
    copy = reader_copy(page)
    return copy[0] if copy else page.title


@register.simple_tag(takes_context=True)
def reader_url(context, page):
    """`{% reader_url course %}`: the address of its copy in the reader's
    language (the page itself when it has none)."""
    copy = reader_copy(page)
    # With the request, Wagtail keeps the sites' root paths on it.
    return copy[1] if copy else page.get_url(context.get("request"))
