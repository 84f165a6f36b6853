"""The commerce side of the JSON API: start a checkout and poll the order.

An app opens the gateway's checkout page in a browser and, once the learner
is back, polls `GET /api/v1/orders/{id}/` until the order is paid (the
gateway's webhook or the success page fulfils it, as for the site)."""

from datetime import datetime
from enum import StrEnum

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status

from courses.models import public_courses
from courses.translations import learning_course
from home.api_errors import refusals
from home.api_pages import InputSchema, PageQuery, RowId, file_answer, page_of
from learners.api.idempotency import idempotent
from learners.api.security import LEARNER

from . import services
from .models import Invoice, Order
from .views import client_address, invoice_response, success_url

router = Router(tags=["Commerce"], auth=LEARNER)

REFUSALS = refusals(400, 401, 403, 404, 409, 422)


# Its own name in the schema: the enrolment's status is a "Status" too.
OrderStatus = StrEnum("OrderStatus", [(v.upper(), v) for v in Order.Status.values])


class CheckoutIn(InputSchema):
    course: int = Field(ge=1, le=2**63 - 1, description="The course to buy.")
    coupon: str = Field("", max_length=40)
    cohort: int | None = Field(
        None,
        ge=1,
        le=2**63 - 1,
        description="The cohort to join, in a course that runs cohorts "
        "(else the next one with seats).",
    )


class CourseRef(Schema):
    id: int
    title: str


class OrderOut(Schema):
    id: int
    course: CourseRef | None = Field(
        description="The course bought; null for a programme."
    )
    programme: CourseRef | None = Field(
        None, description="The programme bought (all its courses); null for a course."
    )
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
    invoice_url: str | None = Field(
        None, description="The API address of the invoice PDF, once paid."
    )


class OrderPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[OrderOut]


PDF = file_answer("The invoice as a PDF.", "application/pdf")


class CheckoutOut(Schema):
    order: OrderOut
    checkout_url: str | None = Field(
        description="The gateway's page to pay on; null when a coupon covered "
        "the whole price and the order is already paid."
    )


def order_out(order, request=None, *, invoiced=False):
    invoice = reverse("api:order_invoice", args=[order.pk])
    return OrderOut(
        id=order.pk,
        course=(
            CourseRef(id=order.course_id, title=order.course.title)
            if order.course_id
            else None
        ),
        programme=(
            CourseRef(id=order.programme_id, title=order.programme.title)
            if order.programme_id
            else None
        ),
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
        invoice_url=(
            request.build_absolute_uri(invoice) if invoiced and request else None
        ),
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
    # A translated copy's id sells the course itself.
    course = learning_course(get_object_or_404(public_courses(), pk=body.course))
    order, session = services.start_checkout(
        request.auth,
        course,
        success_url(request, "payments:success"),
        course.get_full_url(request),
        coupon_code=body.coupon,
        cohort_id=body.cohort,
        address=client_address(request),
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
        Order.objects.select_related("course", "programme"),
        pk=order_id,
        user=request.auth,
    )
    invoiced = Invoice.objects.filter(order=found).exists()
    return order_out(found, request, invoiced=invoiced)


@router.get(
    "/orders/",
    response={200: OrderPage, **REFUSALS},
    summary="The caller's orders, newest first",
)
def orders(request, query: Query[PageQuery], status: OrderStatus | None = None):
    """`status` filters by pending, paid, failed, expired or refunded."""
    rows = (
        Order.objects.filter(user=request.auth)
        .select_related("course", "programme")
        .order_by("-created_at", "-pk")
    )
    if status:
        rows = rows.filter(status=status)
    page, count = page_of(rows, query)
    invoiced = set(
        Invoice.objects.filter(order__in=page).values_list("order_id", flat=True)
    )
    return OrderPage(
        count=count,
        page=query.page,
        page_size=query.page_size,
        items=[order_out(o, request, invoiced=o.pk in invoiced) for o in page],
    )


@router.get(
    "/orders/{order_id}/invoice/",
    response={**REFUSALS},
    summary="The invoice of one of the caller's paid orders",
    url_name="order_invoice",
    openapi_extra=PDF,
)
def order_invoice(request, order_id: RowId):
    """The same PDF as the purchases page gives; anyone else's order, or
    one not paid yet, is a 404."""
    invoice = get_object_or_404(
        Invoice.objects.select_related("order__course", "order__user"),
        order_id=order_id,
        order__user=request.auth,
    )
    return invoice_response(invoice)
