"""Leaderboards by points over the last 30 days: the site's, and a course's
for the people in it. Only learners who chose to appear are listed."""

from django.shortcuts import render

from learners.access import community_access
from learners.models import Profile

from . import services
from .views import refused


def site_leaderboard(request):
    return _leaderboard(request, course=None)


def course_leaderboard(request, course):
    access = community_access(request.user, course)
    if not access.allowed:
        return refused(request, course, access)
    return _leaderboard(request, course=course)


def _leaderboard(request, course):
    standings, mine = services.leaderboard(request.user, course=course)
    listed = request.user.is_authenticated and (
        Profile.objects.filter(user=request.user, show_on_leaderboard=True).exists()
    )
    context = {
        "course": course,
        "standings": standings,
        "my_points": mine,
        "listed": listed,
        "days": services.achievements.LEADERBOARD_DAYS,
    }
    return render(request, "community/leaderboard.html", context)
