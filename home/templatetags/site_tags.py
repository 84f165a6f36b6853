"""Template filters for money and durations, used on course cards and pages."""

from django import template
from django.utils.translation import gettext as _

from home.money import format_money

register = template.Library()


@register.filter
def money(amount_minor, currency):
    """`{{ page.price|money:page.currency }}` renders '$49.00'."""
    if amount_minor is None or not currency:
        return ""
    return format_money(int(amount_minor), currency.upper())


@register.filter
def duration(minutes):
    """Render a number of minutes as '45 min', '2 h' or '6 h 30 min'."""
    if not minutes:
        return ""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return _("%(m)d min") % {"m": rest}
    if not rest:
        return _("%(h)d h") % {"h": hours}
    return _("%(h)d h %(m)d min") % {"h": hours, "m": rest}
