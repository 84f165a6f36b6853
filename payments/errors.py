"""The refusals of commerce, each with the message the learner or staff sees."""

from home.errors import Refusal


class CheckoutError(Refusal):
    """A refusal while buying: the course, the order or the gateway said no."""


class AlreadyEnrolled(CheckoutError):
    status_code = 409


class NotForSale(CheckoutError):
    status_code = 403


class InvalidWebhook(CheckoutError):
    status_code = 400


class CouponError(CheckoutError):
    status_code = 400


class AlreadySubscribed(CheckoutError):
    status_code = 409


class NotSubscribed(CheckoutError):
    status_code = 403


class RefundError(Refusal):
    status_code = 409


class PayoutError(Refusal):
    status_code = 409
