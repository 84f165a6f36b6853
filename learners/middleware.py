"""Shows times in the learner's own time zone, remembered in the session."""

import zoneinfo

from django.utils import timezone


class LearnerTimeZoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = request.session.get("time_zone") if hasattr(request, "session") else None
        try:
            timezone.activate(
                zoneinfo.ZoneInfo(name)
            ) if name else timezone.deactivate()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        return self.get_response(request)
