"""Coupons: checking a code, holding a use for an open order, counting it when
the order is paid. The coupon row is locked while a use is taken, so the last
use cannot go to two orders."""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..errors import CouponError
from ..models import Coupon, CouponRedemption

TAKEN = (CouponRedemption.Status.HELD, CouponRedemption.Status.REDEEMED)


def normalise_code(code):
    return (code or "").strip().upper()


def discount_for(coupon, list_price, currency):
    """The discount in minor units, never more than the price."""
    if coupon.kind == Coupon.Kind.PERCENT:
        amount = Decimal(list_price) * coupon.percent_off / 100
        discount = int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    else:
        discount = coupon.amount_off if coupon.currency == currency else 0
    return min(discount, list_price)


def take_coupon_use(code, user, course):
    """Lock the coupon and check every limit. The caller creates the order and
    then `hold_use`, in the same transaction, so the lock covers both."""
    code = normalise_code(code)
    coupon = Coupon.objects.select_for_update().filter(code=code).first()
    if coupon is None:
        raise CouponError(_("There is no coupon with the code “%s”.") % code)
    now = timezone.now()
    if coupon.valid_from and now < coupon.valid_from:
        raise CouponError(_("The coupon “%s” is not valid yet.") % code)
    if coupon.valid_until and now >= coupon.valid_until:
        raise CouponError(_("The coupon “%s” has expired.") % code)
    if not _applies_to(coupon, course):
        raise CouponError(_("The coupon “%s” is not valid for this course.") % code)
    uses = CouponRedemption.objects.filter(coupon=coupon, status__in=TAKEN)
    if coupon.max_uses is not None and uses.count() >= coupon.max_uses:
        raise CouponError(_("The coupon “%s” has been used up.") % code)
    if uses.filter(user=user).count() >= coupon.max_uses_per_user:
        raise CouponError(_("You have already used the coupon “%s”.") % code)
    return coupon


def _applies_to(coupon, course):
    if coupon.kind == Coupon.Kind.FIXED and coupon.currency != course.currency:
        return False
    restricted = coupon.courses.all()
    return not restricted.exists() or restricted.filter(pk=course.pk).exists()


def hold_use(coupon, order):
    return CouponRedemption.objects.create(coupon=coupon, order=order, user=order.user)


def redeem(order):
    """The order is paid: its held use now counts."""
    changed = CouponRedemption.objects.filter(
        order=order, status=CouponRedemption.Status.HELD
    ).update(status=CouponRedemption.Status.REDEEMED)
    if changed:
        Coupon.objects.filter(pk=order.coupon_id).update(times_used=F("times_used") + 1)


def release(order):
    """The order failed, expired or was refunded before payment: free the use."""
    CouponRedemption.objects.filter(
        order=order, status=CouponRedemption.Status.HELD
    ).update(status=CouponRedemption.Status.RELEASED)
