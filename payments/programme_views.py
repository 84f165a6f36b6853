"""Buying a programme, or joining one with a subscription:
POST /payments/programmes/<id>/checkout/ and .../subscribe/."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.models import ProgrammePage
from courses.translations import learning_programme
from home.errors import Refusal

from . import services
from .services import subscriptions
from .services.programme_orders import start_programme_checkout
from .views import client_address, refusal_page, success_url


@require_POST
def programme_checkout(request, programme_id):
    # A translated programme page sells and joins its original.
    shown = get_object_or_404(ProgrammePage.objects.live(), pk=programme_id)
    programme = learning_programme(shown)
    if not request.user.is_authenticated:
        return redirect_to_login(shown.url)
    try:
        _order, session = start_programme_checkout(
            request.user,
            programme,
            success_url(request, "payments:success"),
            request.build_absolute_uri(shown.url),
            address=client_address(request),
        )
    except services.AlreadyEnrolled as error:
        messages.info(request, error.message)
        return redirect(shown.url)
    except Refusal as error:
        return refusal_page(request, error)
    if session.paid:  # paid a moment ago; the webhook is not here yet
        return redirect(reverse("payments:success") + f"?session_id={session.id}")
    return redirect(session.url)


@require_POST
def programme_subscribe(request, programme_id):
    # A translated programme page sells and joins its original.
    shown = get_object_or_404(ProgrammePage.objects.live(), pk=programme_id)
    programme = learning_programme(shown)
    if not request.user.is_authenticated:
        return redirect_to_login(shown.url)
    try:
        _membership, created = subscriptions.join_programme_with_subscription(
            request.user, programme
        )
    except services.NotSubscribed as error:
        messages.info(request, error.message)
        return redirect("payments:plans")
    except Refusal as error:
        return refusal_page(request, error)
    if created:
        messages.success(
            request, _("You joined the programme: its courses are on your dashboard.")
        )
    return redirect(shown.url)
