"""What commerce tells webhook endpoints (home/webhooks.py), inside the
change's transaction: amounts in minor units with their currency."""

from home.webhooks import publish


def _order(order):
    return {
        "id": order.pk,
        "course": order.course_id,
        "programme": order.programme_id,
        "learner": {"id": order.user_id, "email": order.user.email},
        "status": order.status,
        "total": order.total,
        "tax": order.tax,
        "discount": order.discount,
        "amount_refunded": order.amount_refunded,
        "currency": order.currency,
        "paid_at": order.paid_at,
        "refunded_at": order.refunded_at,
    }


def order_paid(order):
    publish("order.paid", {"order": _order(order)})


def order_refunded(order):
    publish("order.refunded", {"order": _order(order)})
