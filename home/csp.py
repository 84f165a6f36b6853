"""What one response adds to the site's Content-Security-Policy (django-csp),
in enforcing and report-only mode alike, and the admin's allowance."""

from csp.middleware import CSPMiddleware
from django.conf import settings

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_ALLOWANCES = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src-elem": ["'self'", "'unsafe-inline'"],
}


class SitePolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with one exception: Wagtail's and Django's
    admin screens still write inline scripts and styles, so there (staff
    only, and only there) inline code is allowed; everything else holds."""

    def process_response(self, request, response):
        # A policy governs documents; JSON (progress reports, the API) loads
        # nothing and runs nothing, and `nosniff` keeps browsers from
        # treating it as anything else. It is sent without one.
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIXES):
            parts.replace = {**ADMIN_ALLOWANCES, **(parts.replace or {})}
        return parts


def allow_sources(response, **sources):
    """Let this response also load from these origins, per directive:
    `allow_sources(response, frame_src=[...], script_src=[...])`."""
    base = settings.SECURITY_POLICY
    update, replace = {}, {}
    for name, origins in sources.items():
        directive = name.replace("_", "-")
        if not origins:
            continue
        if base.get(directive) == ["'none'"]:
            # 'none' cannot be combined with sources: this page replaces it.
            replace[directive] = sorted(set(origins))
        else:
            update[directive] = sorted(set(origins))
    response._csp_update = response._csp_update_ro = update or None
    response._csp_replace = response._csp_replace_ro = replace or None
    return response
