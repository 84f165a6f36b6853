"""`{% seo_head %}`: canonical address, Open Graph and Twitter tags, and the
page's JSON-LD, in the <head> of every public page."""

from django import template
from django.utils.html import json_script
from django.utils.safestring import mark_safe

from home import seo
from home.languages import page_copies
from home.sites import absolute

register = template.Library()


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def seo_head(context):
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return {}
    site = context.get("current_site")
    site_name = getattr(site, "site_name", "") or "Coursewright"
    home_url = absolute("/")
    canonical = absolute(request.path)
    return {
        "canonical": canonical,
        "site_name": site_name,
        "title": getattr(page, "seo_title", "") or getattr(page, "title", site_name),
        "description": getattr(page, "search_description", "")
        or getattr(page, "summary", ""),
        "image": _image_url(request, page),
        "json_ld": _json_ld(request, page, site_name, home_url)
        + _course_list(context.get("listed_urls")),
        "alternates": _alternates(request, page),
    }


def _alternates(request, page):
    """[(language, address)] of the page's live copies, for hreflang."""
    copies = page_copies(page if getattr(page, "translation_key", None) else None)
    if len(copies) < 2:
        return []
    return [(language, absolute(url)) for language, url in sorted(copies.items())]


def _image_url(request, page):
    image = getattr(page, "thumbnail", None)
    if image is None:
        course = getattr(page, "course", None)
        image = getattr(course, "thumbnail", None)
    if image is None:
        return ""
    return absolute(image.get_rendition("fill-1200x630").url)


def _json_ld(request, page, site_name, home_url):
    """Each page type says what it is (`structured_data`), so this tag needs
    to know none of them."""
    structured = getattr(page, "structured_data", None)
    return structured(request, site_name, home_url) if structured else []


def _course_list(urls):
    """On a catalogue page: the addresses of the courses it lists, in order."""
    return [seo.course_list(urls)] if urls else []


@register.filter
def ld_json(data):
    """A JSON-LD <script>, escaped like Django's json_script."""
    html = json_script(data)
    return mark_safe(  # noqa: S308 - json_script escaped it
        html.replace('type="application/json"', 'type="application/ld+json"', 1)
    )
