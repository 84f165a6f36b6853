"""A session that began with an LTI launch lives inside the platform's
frame: its pages may be framed by that platform (and only by it), and on
HTTPS its cookies are `SameSite=None; Secure` so the frame keeps them.
Everyone else's session keeps the site's stricter defaults."""

from urllib.parse import urlsplit

from django.conf import settings

from .protocol import PRESENTATION

FRAME_SESSION = "lti_frame_ancestors"


def origin_of(url):
    parts = urlsplit(url or "")
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def remember_frame(request, lti_launch, response):
    """After a launch: the platform's origins may frame this session."""
    registration = lti_launch.registration
    presentation = lti_launch.get_claim(PRESENTATION) or {}
    origins = {
        origin_of(url)
        for url in (
            registration.issuer,
            registration.auth_url,
            presentation.get("return_url"),
        )
    }
    request.session[FRAME_SESSION] = sorted(origin for origin in origins if origin)
    return response


def frame_origins(request):
    session = getattr(request, "session", None)
    if session is None:
        return ()
    return session.get(FRAME_SESSION) or ()


class FramedSessionMiddleware:
    """Placed after the clickjacking and CSP middleware (so it answers
    first on the way out): lets the launching platform frame the page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        origins = frame_origins(request)
        if origins:
            response.xframe_options_exempt = True
            update = dict(getattr(response, "_csp_update", None) or {})
            update["frame-ancestors"] = list(origins)
            response._csp_update = update
        return response


class CrossSiteCookieMiddleware:
    """Placed before the session middleware (so it sees the cookies it set):
    in a framed session on HTTPS, the session and CSRF cookies go out as
    `SameSite=None`, which browsers need to send them inside a frame."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.is_secure() and frame_origins(request):
            for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME):
                if name in response.cookies:
                    response.cookies[name]["samesite"] = "None"
                    response.cookies[name]["secure"] = True
        return response
