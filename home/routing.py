"""Routing a request to its page without walking the tree each time.

Wagtail finds a page by reading the site, then two queries per level of the
tree (five levels down to a lesson). Under one content version the answer is
always the same, so each worker remembers it: the site by host, the page by
path, and whether any page has a view restriction at all. A new content
version (any publish, unpublish, move or delete) makes every entry unused.
"""

import copy
from functools import cache

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from . import content_version
from .content_version import VersionedMemo

_sites = VersionedMemo(size=64)
_routes = VersionedMemo()
_restrictions = VersionedMemo(size=1)
_trails = VersionedMemo()
_localized = VersionedMemo(size=256)


def ancestors(page):
    """The pages above `page`, from the site's home page down, read once per
    content version (breadcrumbs and their JSON-LD)."""
    if not page.path:
        return []
    version = content_version.current()
    trail = _trails.get(page.path)
    if trail is None:
        trail = list(page.get_ancestors().filter(depth__gt=1))
        _trails.put(page.path, trail, version)
    return trail


def site_for_request(request):
    """Wagtail's Site.find_for_request, with the root page already specific."""
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    key = (hostname, port)
    version = content_version.current()
    site = _sites.get(key)
    if site is None:
        try:
            site = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            return None
        # Routing starts from site.root_page.localized.specific: load it now.
        site.root_page = site.root_page.specific
        _sites.put(key, site, version)
    return site


class CachedSiteMiddleware:
    """Gives Wagtail the request's site from memory (Wagtail keeps the site
    it found on the request as `_wagtail_site`, and reads it from there)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        site = site_for_request(request)
        if site is not None:
            request._wagtail_site = site
        return self.get_response(request)


class RememberedRoutesMixin:
    """For the page at a site's root: a path below it is walked once per
    content version; after that its page comes from memory. Each request
    gets its own copy of the page, which it may change freely.

    A page type may name `remembered_relations`: related objects it shows
    on every view, read once and kept with the remembered page (each must
    take a new content version when it changes)."""

    @property
    def localized(self):
        """The copy of this page in the language now: Wagtail routes every
        request from the site root's (`site.root_page.localized`), and
        looking the locale up costs a query each time."""
        if not settings.WAGTAIL_I18N_ENABLED:
            return self
        key = (self.pk, translation.get_language())
        version = content_version.current()
        known = _localized.get(key)
        if known is None:
            known = super().localized
            _localized.put(key, known, version)
        return known

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        key = (self.pk, tuple(path_components))
        version = content_version.current()
        remembered = _routes.get(key)
        if remembered is not None:
            page = copy.copy(remembered)
            # The page's own route still decides: live, and its sub-routes.
            return page.route(request, path_components[page.depth - self.depth :])
        result = super().route(request, path_components)
        page = result[0]
        if not isinstance(page, RememberedRoutesMixin):
            for name in getattr(page, "remembered_relations", ()):
                getattr(page, name)  # read now, copied with the page
            _routes.put(key, copy.copy(page), version)
        return result


def view_restrictions_exist():
    """Whether any page has a view restriction (one query per version)."""
    version = content_version.current()
    known = _restrictions.get("any")
    if known is None:
        known = ("yes",) if PageViewRestriction.objects.exists() else ("no",)
        _restrictions.put("any", known, version)
    return known == ("yes",)


def passes_view_restrictions(request, page):
    """Whether `request` meets every view restriction on `page` (Wagtail
    checks them when it serves a page; an address that finds the page by
    id checks them here)."""
    return all(
        restriction.accept_request(request)
        for restriction in page.get_view_restrictions()
    )


@cache
def _no_restrictions():
    """An empty queryset already read: iterating it or asking `exists()`
    compiles nothing (a fresh `none()` builds its SQL only to give it up).
    A filter on it gives a new queryset, so it is never changed in place."""
    restrictions = PageViewRestriction.objects.none()
    len(restrictions)
    return restrictions


class ViewRestrictionsMixin:
    """Pages skip Wagtail's restriction queries while no page has one."""

    def get_view_restrictions(self):
        if not view_restrictions_exist():
            return _no_restrictions()
        return super().get_view_restrictions()


def connect():
    """A change to the tree, the sites or the restrictions takes a new
    content version (Wagtail's page signals are sent for publish, unpublish
    and move; deletes and restrictions are plain model signals)."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    signals = {
        "published": page_published,
        "unpublished": page_unpublished,
        "moved": post_page_move,
    }
    for name, signal in signals.items():
        signal.connect(content_version.changed, dispatch_uid=f"content-{name}")
    from .models import SiteSettings

    for model in (Site, PageViewRestriction):
        post_save.connect(content_version.changed, sender=model, weak=False)
        post_delete.connect(content_version.changed, sender=model, weak=False)
    post_save.connect(_settings_saved, sender=SiteSettings, weak=False)
    # Any write to a page row (a draft, or code saving a page) counts too:
    # editing is rare next to reading, and nothing is left to chance.
    post_save.connect(_page_changed, weak=False, dispatch_uid="content-page-save")
    post_delete.connect(_page_changed, weak=False, dispatch_uid="content-page-delete")


def _settings_saved(sender, created, **kwargs):
    # A site's settings are made on first use, with the defaults every page
    # already showed: only a later edit changes what pages show.
    if not created:
        content_version.changed()


def _page_changed(sender, instance, **kwargs):
    if isinstance(instance, Page):
        content_version.changed()
