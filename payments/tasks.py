"""Periodic commerce jobs; each can run twice without doing anything twice."""

from celery import shared_task

from home.periodic import once_per
from home.tasks import RETRY

from .services import open_orders, statements, subscription_payments


@shared_task(name="payments.tasks.tend_open_orders_task", acks_late=True, **RETRY)
@once_per(9 * 60)
def tend_open_orders_task():
    return {
        "reminded": open_orders.remind_abandoned_checkouts(),
        "expired": open_orders.expire_stale_orders(),
        "renewed_offline": subscription_payments.renew_offline_subscriptions(),
        "subscriptions_checked": len(open_orders.resync_lapsed_subscriptions()),
        "statements_closed": len(statements.close_due_statements()),
    }
