"""The commerce side of the JSON API: start a checkout and poll the order.

An app opens the gateway's checkout page in a browser and, once the learner
is back, polls `GET /api/v1/orders/{id}/` until the order is paid (the
gateway's webhook or the success page fulfils it, as for the site)."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from courses.models import public_courses
from home.api_errors import ErrorOut
from home.api_pages import InputSchema, RowId
from learners.api.idempotency import idempotent
from learners.api.security import LEARNER

from . import services
from .models import Order
from .views import success_url

router = Router(tags=["Commerce"], auth=LEARNER)

REFUSALS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


class CheckoutIn(InputSchema):
    course: int = Field(ge=1, le=2**63 - 1, description="The course to buy.")
    coupon: str = Field("", max_length=40)


class CourseRef(Schema):
    id: int
    title: str


class OrderOut(Schema):
    id: int
    course: CourseRef
    status: str = Field(description="pending, paid, failed, expired or refunded.")
    list_price: int = Field(description="Amounts in the currency's smallest unit.")
    discount: int
    tax: int
    total: int
    amount_refunded: int
    currency: str
    created_at: datetime
    paid_at: datetime | None
    refunded_at: datetime | None


class CheckoutOut(Schema):
    order: OrderOut
    checkout_url: str | None = Field(
        description="The gateway's page to pay on; null when a coupon covered "
        "the whole price and the order is already paid."
    )


def order_out(order):
    return OrderOut(
        id=order.pk,
        course=CourseRef(id=order.course_id, title=order.course.title),
        status=order.status,
        list_price=order.list_price,
        discount=order.discount,
        tax=order.tax,
        total=order.total,
        amount_refunded=order.amount_refunded,
        currency=order.currency,
        created_at=order.created_at,
        paid_at=order.paid_at,
        refunded_at=order.refunded_at,
    )


@router.post(
    "/checkout/",
    response={201: CheckoutOut, **REFUSALS},
    summary="Start buying a course",
)
@idempotent
def checkout(request, body: CheckoutIn):
    """The price comes from the server, never from the app. A second call
    for the same course and coupon reuses the open order; an
    `Idempotency-Key` header replays the first answer exactly."""
    course = get_object_or_404(public_courses(), pk=body.course)
    order, session = services.start_checkout(
        request.auth,
        course,
        success_url(request, "payments:success"),
        course.get_full_url(request),
        coupon_code=body.coupon,
    )
    return Status(
        201, CheckoutOut(order=order_out(order), checkout_url=session and session.url)
    )


@router.get(
    "/orders/{order_id}/",
    response={200: OrderOut, **REFUSALS},
    summary="An order's payment status",
)
def order(request, order_id: RowId):
    """The caller's own order only: anyone else's is a 404."""
    found = get_object_or_404(
        Order.objects.select_related("course"), pk=order_id, user=request.auth
    )
    return order_out(found)
