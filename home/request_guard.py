"""Refuse, in one place, requests whose address, query, cookies or form
fields hold characters no page takes: a NUL (PostgreSQL refuses it, so it
would end in a 500 deep in a view), other control characters in the address
and query, and query text that is not UTF-8. They get a 400 that says so."""

import re
from urllib.parse import unquote_to_bytes

from django.http import HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

# C0 controls except tab, line feed and carriage return, and DEL.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def unacceptable(request):
    """Why the request is refused, or None."""
    if CONTROL.search(request.path):
        return _("The address contains a control character.")
    raw_query = request.META.get("QUERY_STRING", "")
    try:
        unquote_to_bytes(raw_query.replace("+", " ")).decode("utf-8")
    except UnicodeDecodeError:
        return _("The address is not valid UTF-8.")
    for key, values in request.GET.lists():
        if any(CONTROL.search(text) for text in (key, *values)):
            return _("The search or filter contains a control character.")
    for value in request.COOKIES.values():
        if "\x00" in value:
            return _("A cookie contains a control character.")
    if request.method == "POST" and request.content_type in FORM_TYPES:
        if request.content_type == FORM_TYPES[0]:
            # Read the raw body first: a view may still want it after POST.
            request.body  # noqa: B018
        for key, values in request.POST.lists():
            if any("\x00" in text for text in (key, *values)):
                return _("A form field contains a NUL character.")
    return None


class RefuseControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reason = unacceptable(request)
        if reason is None:
            return self.get_response(request)
        if request.path.startswith("/api/"):  # the API's one error shape
            return JsonResponse({"detail": reason, "code": "bad_request"}, status=400)
        if request.content_type == "application/json":
            return JsonResponse({"error": reason}, status=400)
        return HttpResponseBadRequest(render_to_string("400.html", {"reason": reason}))
