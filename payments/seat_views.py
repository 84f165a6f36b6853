"""An organisation's manager buys seats of a course or a programme:
POST /payments/seats/<slug>/."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from courses.models import CoursePage, ProgrammePage
from home.errors import Refusal
from home.form_input import row_id
from organisations.models import Organisation

from .services.seat_orders import NotAManager, start_seat_checkout
from .views import client_address, refusal_page, success_url


@require_POST
def seat_checkout(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    overview = reverse("organisations:overview", args=[organisation.slug])
    if not request.user.is_authenticated:
        return redirect_to_login(overview)
    # Seats of a programme, or of one course.
    if "programme" in request.POST:
        item = get_object_or_404(
            ProgrammePage.objects.live(), pk=row_id(request.POST.get("programme")) or 0
        )
    else:
        item = get_object_or_404(
            CoursePage.objects.live(), pk=row_id(request.POST.get("course")) or 0
        )
    try:
        _order, session = start_seat_checkout(
            request.user,
            organisation,
            item,
            row_id(request.POST.get("quantity")) or 0,
            success_url(request, "payments:success"),
            request.build_absolute_uri(overview),
            address=client_address(request),
        )
    except NotAManager as error:
        raise Http404 from error
    except Refusal as error:
        return refusal_page(request, error)
    return redirect(session.url)
