"""The header's notification bell (the unread count from one cached query),
and the name people see of each other."""

from django import template

from learners.models.profile import public_name_of
from learners.notifications import unread_count

register = template.Library()


@register.inclusion_tag("learners/includes/bell.html", takes_context=True)
def notification_bell(context):
    user = context["request"].user
    return {"unread": unread_count(user)}


@register.filter
def public_name(user):
    return public_name_of(user)
