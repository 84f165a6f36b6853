"""Site-wide views: robots.txt for crawlers, the favicon for browsers."""

from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.http import require_GET

from .sites import absolute

# Everything behind a login or a payment; crawlers have nothing to find there.
PRIVATE_PATHS = (
    "/admin/",
    "/django-admin/",
    "/accounts/",
    "/dashboard/",
    "/payments/",
    "/certificates/",
    "/h5p/",
    "/scorm/",
    "/api/",
    "/demo-tools/",
)


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in PRIVATE_PATHS)]
    lines.append(f"Sitemap: {absolute('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
