"""`{% load organisation_tags %}`: whether a report row is overdue today."""

from django import template

register = template.Library()


@register.filter
def overdue_on(row, today):
    """`{% if row|overdue_on:today %}`."""
    return row.is_overdue(today)
