"""Price breakdowns in minor units: inclusive and exclusive tax, discounts."""

import ast
from pathlib import Path

import pytest

from payments.models import Coupon
from payments.money import price_breakdown
from payments.services.coupons import discount_for


@pytest.mark.parametrize(
    ("price", "rate_bp", "inclusive", "discount", "tax", "total"),
    [
        (4900, 0, True, 0, 0, 4900),
        (11500, 1500, True, 0, 1500, 11500),  # 15% VAT included: 100 + 15
        (10000, 1500, True, 0, 1304, 10000),  # 10000 * 15/115 = 1304.35
        (10000, 1500, False, 0, 1500, 11500),
        (999, 1500, True, 0, 130, 999),  # 130.30 rounds down
        (999, 1500, False, 0, 150, 1149),  # 149.85 rounds up
        (10000, 1500, True, 2000, 1043, 8000),  # 20% coupon, then VAT in 8000
        (500, 1500, True, 900, 0, 0),  # a discount never goes below zero
        (1500, 0, True, 0, 0, 1500),
    ],
)
def test_price_breakdown(price, rate_bp, inclusive, discount, tax, total):
    result = price_breakdown(
        price, "ZAR", tax_rate_bp=rate_bp, tax_inclusive=inclusive, discount=discount
    )

    assert (result.tax, result.total) == (tax, total)
    assert result.discount == min(discount, price)
    assert all(isinstance(v, int) for v in (result.tax, result.total, result.discount))


@pytest.mark.parametrize(
    ("price", "percent", "rate_bp", "discount", "tax", "total"),
    [
        (11500, 20, 1500, 2300, 1200, 9200),  # R115 - 20% = R92, of which R12 VAT
        (4999, 15, 1500, 750, 554, 4249),  # 749.85 off rounds up; 554.22 VAT
        (999, 33, 1500, 330, 87, 669),  # 329.67 off rounds up; 87.26 VAT
        (1001, 50, 1500, 501, 65, 500),  # 500.5 off rounds half up
        (100, 100, 1500, 100, 0, 0),
        (1, 10, 1500, 0, 0, 1),  # 0.1 of a cent is no discount
    ],
)
def test_percent_coupon_then_inclusive_vat(
    price, percent, rate_bp, discount, tax, total
):
    coupon = Coupon(code="T", kind="percent", percent_off=percent)
    off = discount_for(coupon, price, "ZAR")
    result = price_breakdown(
        price, "ZAR", tax_rate_bp=rate_bp, tax_inclusive=True, discount=off
    )
    assert (result.discount, result.tax, result.total) == (discount, tax, total)
    assert result.total == price - discount


def test_no_floats_anywhere_in_payments():
    for path in Path("payments").rglob("*.py"):
        tree = ast.parse(path.read_text())
        floats = [
            node.lineno
            for node in ast.walk(tree)
            if (isinstance(node, ast.Constant) and isinstance(node.value, float))
            or (isinstance(node, ast.Name) and node.id == "float")
        ]
        assert floats == [], f"{path} uses floats at lines {floats}"
