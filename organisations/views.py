"""Pages for an organisation's managers under /organisations/<slug>/, and the
invitation link. Every page finds the organisation through the person's own
management of it: anyone else gets a 404."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.models import CoursePage, ProgrammePage
from courses.translations import originals
from home.errors import Refusal
from home.form_input import row_id
from learners.admin_helpers import csv_safe
from learners.services.roster import RosterError, read_roster_csv

from .forms import AssignForm, InviteForm
from .models import Membership, Organisation, SeatAssignment
from .services import members as member_services
from .services import seats as seat_services
from .services.reports import CSV_HEADER, csv_rows, licence_usage, seat_report


def managed(request, slug):
    """The organisation `slug`, if the person manages it (or is an admin)."""
    organisations = Organisation.objects.filter(slug=slug)
    if not request.user.is_superuser:
        organisations = organisations.filter(
            memberships__user=request.user,
            memberships__role=Membership.Role.MANAGER,
        )
    return get_object_or_404(organisations)


@login_required
def my_organisations(request):
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    return render(
        request, "organisations/mine.html", {"memberships": list(memberships)}
    )


@login_required
def overview(request, slug):
    organisation = managed(request, slug)
    programmes = list(
        originals(ProgrammePage.objects.live())
        .filter(pricing_type=ProgrammePage.PricingType.PAID)
        .prefetch_related("programme_courses__course")
        .order_by("title")
    )
    rows = seat_report(organisation)
    today = timezone.localdate()
    context = {
        "organisation": organisation,
        "tab": "overview",
        "licences": licence_usage(organisation),
        "member_count": organisation.memberships.count(),
        "seat_count": len(rows),
        "completed": sum(1 for row in rows if row.completed),
        "overdue": [row for row in rows if row.is_overdue(today)],
        "courses_for_sale": originals(CoursePage.objects.live())
        .filter(pricing_type=CoursePage.PricingType.PAID)
        .order_by("title"),
        "programmes_for_sale": programmes,
        "programmes_held": seat_services.programmes_held(organisation, programmes),
        "members": organisation.memberships.select_related("user").order_by(
            "user__last_name", "user__first_name", "user__email"
        ),
    }
    return render(request, "organisations/overview.html", context)


@login_required
@require_POST
def give_programme(request, slug):
    """POST: a seat in each course of a programme, for one member."""
    organisation = managed(request, slug)
    programme = get_object_or_404(
        ProgrammePage.objects.live(), pk=row_id(request.POST.get("programme")) or 0
    )
    membership = get_object_or_404(
        organisation.memberships.select_related("user"),
        pk=row_id(request.POST.get("member")) or 0,
    )
    try:
        due_on = parse_date(request.POST.get("due_on") or "")
    except ValueError:  # well formed, yet no such day
        due_on = None
    try:
        seat_services.assign_programme(
            organisation, programme, membership.user, by=request.user, due_on=due_on
        )
    except Refusal as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(person)s has a seat in every course of “%(programme)s”.")
            % {"person": membership.user.email, "programme": programme.title},
        )
    return redirect("organisations:overview", slug=organisation.slug)


@login_required
def member_list(request, slug):
    organisation = managed(request, slug)
    form = InviteForm(request.POST or None, request.FILES or None)
    results = None
    if request.method == "POST" and form.is_valid():
        try:
            rows = form.typed_addresses()
            upload = form.cleaned_data.get("csv_file")
            if upload:
                rows += read_roster_csv(upload)
            results = member_services.invite(organisation, rows, by=request.user)
        except (ValidationError, RosterError) as error:
            form.add_error(None, getattr(error, "message", None) or error.messages[0])
    memberships = organisation.memberships.select_related("user").order_by(
        "user__last_name", "user__first_name", "user__email"
    )
    invitations = organisation.invitations.filter(accepted_at__isnull=True).order_by(
        "email"
    )
    return render(
        request,
        "organisations/members.html",
        {
            "organisation": organisation,
            "tab": "members",
            "memberships": memberships,
            "invitations": invitations,
            "form": form,
            "results": results,
        },
    )


@login_required
@require_POST
def remove_member(request, slug, membership_id):
    organisation = managed(request, slug)
    membership = get_object_or_404(
        organisation.memberships.select_related("user"), pk=membership_id
    )
    if membership.user_id == request.user.pk:
        messages.error(request, _("You cannot remove yourself."))
    else:
        member_services.remove_member(membership)
        messages.success(
            request,
            _("%(person)s left the organisation; their seats are free again.")
            % {"person": membership.user.email},
        )
    return redirect("organisations:members", slug=organisation.slug)


@login_required
def licence_seats(request, slug, licence_id):
    organisation = managed(request, slug)
    licence = get_object_or_404(
        organisation.licences.select_related("course"), pk=licence_id
    )
    form = AssignForm(request.POST or None, licence=licence)
    if request.method == "POST" and form.is_valid():
        given, refused = 0, []
        for user in form.cleaned_data["members"]:
            try:
                _seat, created = seat_services.assign_seat(
                    licence, user, by=request.user, due_on=form.cleaned_data["due_on"]
                )
                given += created
            except Refusal as error:
                refused.append(error.message)
        if given:
            messages.success(
                request,
                _("%(count)s seat(s) given; each member was told by e-mail.")
                % {"count": given},
            )
        for message in refused:
            messages.error(request, message)
        return redirect(
            "organisations:seats", slug=organisation.slug, licence_id=licence.pk
        )
    rows = seat_report(organisation, course_id=licence.course_id)
    return render(
        request,
        "organisations/seats.html",
        {
            "organisation": organisation,
            "tab": "overview",
            "licence": licence,
            "rows": rows,
            "used": len(rows),
            "form": form,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def reclaim(request, slug, seat_id):
    organisation = managed(request, slug)
    seat = get_object_or_404(
        SeatAssignment.objects.select_related("user", "licence"),
        pk=seat_id,
        licence__organisation=organisation,
    )
    seat_services.reclaim_seat(seat)
    messages.success(
        request,
        _("The seat of %(person)s is free again; their progress is kept.")
        % {"person": seat.user.email},
    )
    return redirect(
        "organisations:seats", slug=organisation.slug, licence_id=seat.licence_id
    )


@login_required
def report(request, slug):
    organisation = managed(request, slug)
    course_id = row_id(request.GET.get("course"))
    rows = seat_report(organisation, course_id=course_id)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{organisation.slug}-progress.csv"'
        )
        writer = csv.writer(response)
        writer.writerow(CSV_HEADER)
        for values in csv_rows(rows):
            writer.writerow([csv_safe(value) for value in values])
        return response
    return render(
        request,
        "organisations/report.html",
        {
            "organisation": organisation,
            "tab": "report",
            "rows": rows,
            "licences": licence_usage(organisation),
            "course_id": course_id,
            "today": timezone.localdate(),
        },
    )


def invitation(request, token):
    """GET shows the invitation; POST (logged in) accepts it."""
    try:
        found = member_services.open_invitation(token)
    except Refusal as error:
        return render(
            request,
            "organisations/invitation.html",
            {"error": error.message},
            status=error.status_code,
        )
    if request.method == "POST" and request.user.is_authenticated:
        try:
            member_services.accept_invitation(token, request.user)
        except Refusal as error:
            return render(
                request,
                "organisations/invitation.html",
                {"invitation": found, "error": error.message},
                status=error.status_code,
            )
        messages.success(
            request,
            _("Welcome to %(name)s.") % {"name": found.organisation.name},
        )
        return redirect("learners:dashboard")
    return render(request, "organisations/invitation.html", {"invitation": found})
