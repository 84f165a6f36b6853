"""Wagtail admin screens of the monthly subscription statements, for money
staff: every month's income, where it went, and that it adds up."""

from django.conf import settings
from django.shortcuts import get_object_or_404, render

from .admin_views import _require_money_staff
from .models import SubscriptionStatement
from .services import statements


def statements_view(request):
    _require_money_staff(request)
    if settings.CELERY_TASK_ALWAYS_EAGER:
        # No beat closes ended months here (the laptop default): close them now.
        statements.close_due_statements()
    return render(
        request,
        "payments/admin/statements.html",
        {"statements": SubscriptionStatement.objects.all()[:60]},
    )


def statement_view(request, pk):
    _require_money_staff(request)
    statement = get_object_or_404(SubscriptionStatement, pk=pk)
    lines = list(statements.statement_lines(statement))
    return render(
        request,
        "payments/admin/statement.html",
        {
            "statement": statement,
            "lines": lines,
            "instructors_total": sum(line.instructor_amount for line in lines),
            "lines_platform": sum(line.platform_amount for line in lines),
            "platform_total": sum(line.platform_amount for line in lines)
            + statement.unallocated,
        },
    )
