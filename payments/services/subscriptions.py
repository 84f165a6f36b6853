"""Subscriptions: starting one through the gateway, keeping its state from
the gateway, and opening "included in subscription" courses while it lasts."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learners import services as learning
from learners.models import Enrollment
from learners.services.programmes import join_programme

from ..errors import AlreadySubscribed, NotForSale, NotSubscribed
from ..gateways import get_gateway
from ..models import Subscription, SubscriptionPlan
from . import velocity


def current_subscription(user):
    """The learner's subscription that gives access now, if any."""
    if not user.is_authenticated:
        return None
    return Subscription.objects.giving_access().filter(user=user).first()


def latest_subscription(user):
    return Subscription.objects.filter(user=user).select_related("plan").first()


def start_subscription(user, plan, success_url, cancel_url, address=None):
    if not plan.is_active:
        raise NotForSale(_("This plan is not on sale."))
    if current_subscription(user):
        raise AlreadySubscribed(_("You already have a subscription."))
    velocity.check_checkout(user, address)
    gateway = get_gateway()
    if gateway.name == "stripe" and not plan.stripe_price_id:
        raise NotForSale(_("This plan cannot be bought yet."))
    return gateway.create_subscription_checkout(user, plan, success_url, cancel_url)


def sync_subscription(subscription_id):
    """Copy the subscription's state from the gateway (never from the event
    body, which may be old), then open or close the learner's courses."""
    gateway = get_gateway()
    state = gateway.retrieve_subscription(subscription_id)
    if state is None:
        return None
    with transaction.atomic():
        subscription = _locked_or_new(gateway, state)
        if subscription is None:
            return None
        subscription.status = state.status
        subscription.current_period_end = state.current_period_end
        subscription.cancel_at_period_end = state.cancel_at_period_end
        subscription.save()
        sync_subscription_access(subscription.user)
    return subscription


def _locked_or_new(gateway, state):
    found = Subscription.objects.select_for_update().filter(
        gateway_subscription_id=state.id
    )
    if found.exists():
        return found.get()
    user = get_user_model().objects.filter(pk=state.metadata.get("user_id")).first()
    plan = SubscriptionPlan.objects.filter(pk=state.metadata.get("plan_id")).first()
    if user is None or plan is None:
        return None  # not one of ours
    try:
        with transaction.atomic():
            return Subscription.objects.create(
                user=user,
                plan=plan,
                gateway=gateway.name,
                gateway_subscription_id=state.id,
                status=state.status,
                current_period_end=state.current_period_end,
            )
    except IntegrityError:
        return found.get()


def sync_subscription_access(user):
    """Courses joined through a subscription are open exactly while one is."""
    joined = Enrollment.objects.filter(user=user, source=Enrollment.Source.SUBSCRIPTION)
    now = timezone.now()
    if current_subscription(user):
        lapsed = joined.filter(status=Enrollment.Status.EXPIRED)
        lapsed.filter(completed_at__isnull=True).update(
            status=Enrollment.Status.ACTIVE, updated_at=now
        )
        lapsed.filter(completed_at__isnull=False).update(
            status=Enrollment.Status.COMPLETED, updated_at=now
        )
    else:
        joined.filter(status__in=Enrollment.ACCESS_STATUSES).update(
            status=Enrollment.Status.EXPIRED, updated_at=now
        )


def enrol_with_subscription(user, course, cohort_id=None):
    if course.pricing_type != course.PricingType.SUBSCRIPTION:
        raise NotForSale(_("This course is not part of the subscription."))
    with transaction.atomic():
        # Lock the subscriptions so one ending now cannot miss this enrolment.
        list(Subscription.objects.select_for_update().filter(user=user))
        if current_subscription(user) is None:
            raise NotSubscribed(_("Subscribe to open this course."))
        return learning.enroll(
            user, course, Enrollment.Source.SUBSCRIPTION, cohort_id=cohort_id
        )


def join_programme_with_subscription(user, programme):
    """A subscriber joins a subscription programme and each of its courses."""
    if programme.pricing_type != programme.PricingType.SUBSCRIPTION:
        raise NotForSale(_("This programme is not part of the subscription."))
    with transaction.atomic():
        list(Subscription.objects.select_for_update().filter(user=user))
        if current_subscription(user) is None:
            raise NotSubscribed(_("Subscribe to join this programme."))
        return join_programme(user, programme, Enrollment.Source.SUBSCRIPTION)


def set_cancel_at_period_end(user, cancel):
    """The learner stops (or resumes) renewal; access lasts to the period end."""
    subscription = latest_subscription(user)
    if subscription is None or subscription.status == Subscription.Status.CANCELED:
        raise NotSubscribed(_("You have no subscription to change."))
    get_gateway().set_cancel_at_period_end(subscription.gateway_subscription_id, cancel)
    return sync_subscription(subscription.gateway_subscription_id)


def lapsed_subscriptions():
    """Subscriptions whose paid period ended without news from the gateway."""
    return Subscription.objects.filter(
        status__in=Subscription.ACCESS_STATUSES, current_period_end__lte=timezone.now()
    )
