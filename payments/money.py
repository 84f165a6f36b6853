"""Price arithmetic in integer minor units: discount, then tax, never floats."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

BASIS_POINTS = 10_000  # 1500 basis points = 15%


@dataclass(frozen=True)
class Breakdown:
    list_price: int
    discount: int
    tax: int
    total: int
    currency: str


def _round(value):
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def price_breakdown(
    list_price, currency, *, tax_rate_bp=0, tax_inclusive=True, discount=0
):
    """What the learner pays. With inclusive tax (VAT) the tax is the part of
    the discounted price that is tax; otherwise it is added on top."""
    discount = max(0, min(int(discount), int(list_price)))
    net = int(list_price) - discount
    rate = Decimal(tax_rate_bp) / BASIS_POINTS
    if tax_inclusive:
        tax = _round(Decimal(net) * rate / (1 + rate))
        total = net
    else:
        tax = _round(Decimal(net) * rate)
        total = net + tax
    return Breakdown(int(list_price), discount, tax, total, currency)
