"""The notifications page, marking read, and the unread count the bell polls."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import notifications
from .models import Notification

PER_PAGE = 30


@login_required
def notification_list(request):
    page = Paginator(
        Notification.objects.filter(user=request.user).only(
            "title", "url", "created_at", "read_at", "kind"
        ),
        PER_PAGE,
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "learners/notifications.html",
        {"page_obj": page, "unread": notifications.unread_count(request.user)},
    )


@login_required
@require_POST
def open_notification(request, pk):
    """Mark it read and go where it points (only ever a path on this site)."""
    notification = notifications.mark_read(request.user, pk)
    if notification is None:
        return redirect("notifications")
    target = notification.url
    if not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        target = "/"
    return redirect(target)


@login_required
@require_POST
def mark_all_read(request):
    notifications.mark_read(request.user)
    return redirect("notifications")


@never_cache
def unread(request):
    """GET /notifications/unread/: {"unread": n}, for the bell's live count."""
    if not request.user.is_authenticated:
        return JsonResponse({"unread": 0}, status=401)
    return JsonResponse({"unread": notifications.unread_count(request.user)})
