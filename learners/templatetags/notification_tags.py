"""The header's notification bell, with the unread count from one cached query."""

from django import template

from learners.notifications import unread_count

register = template.Library()


@register.inclusion_tag("learners/includes/bell.html", takes_context=True)
def notification_bell(context):
    user = context["request"].user
    return {"unread": unread_count(user)}
