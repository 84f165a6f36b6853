"""The course editor's form: an instructor can only name themselves as the
course's instructor; moderators and admins can name anyone. Required courses
are other courses, never in a loop; a cohort learners joined stays."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from home.roles import is_restricted_instructor


class CoursePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and is_restricted_instructor(user):
            field = self.fields.get("instructor")
            if field is not None:
                field.queryset = get_user_model().objects.filter(pk=user.pk)
                field.initial = user.pk
        field = self.fields.get("required_courses")
        if field is not None:
            courses = type(self.instance).objects.order_by("title")
            if self.instance.pk:
                courses = courses.exclude(pk=self.instance.pk)
            field.queryset = courses

    def clean_required_courses(self):
        chosen = self.cleaned_data.get("required_courses")
        if not chosen or not self.instance.pk:
            return chosen
        if _requires(chosen, self.instance.pk, type(self.instance)):
            raise ValidationError(
                _(
                    "A required course cannot itself require this course: "
                    "nobody could start either."
                )
            )
        return chosen

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("cohorts")
        for form in formset.deleted_forms if formset is not None else []:
            cohort = form.instance
            # Asked of the enrolments themselves, not the count pages show.
            if cohort.pk and cohort.enrollments.exists():
                form.add_error(
                    None,
                    _(
                        "“%(name)s” has learners, so it stays. Close its "
                        "enrolment instead."
                    )
                    % {"name": cohort.name},
                )
                self.add_error(None, _("A cohort with learners cannot be removed."))
        return cleaned


def _requires(courses, target_pk, model):
    """Whether any of `courses` requires `target_pk`, directly or through
    others: one query per level of the chain."""
    seen, frontier = set(), {course.pk for course in courses}
    through = model.required_courses.through
    while frontier:
        if target_pk in frontier:
            return True
        seen |= frontier
        frontier = (
            set(
                through.objects.filter(from_coursepage_id__in=frontier).values_list(
                    "to_coursepage_id", flat=True
                )
            )
            - seen
        )
    return False


class ProgrammePageForm(WagtailAdminPageForm):
    """A programme's price fits its courses: free only when they all are,
    a subscription only when each is free or included, and a bundle price
    below what the courses cost one by one, in their currency."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("programme_courses")
        # Its own errors show on its rows; the rules below need clean rows.
        if formset is None or not formset.is_valid():
            return cleaned
        courses = [
            form.cleaned_data["course"]
            for form in formset.forms
            if getattr(form, "cleaned_data", None)
            and form.cleaned_data.get("course")
            and not form.cleaned_data.get("DELETE")
        ]
        if len({course.pk for course in courses}) != len(courses):
            self.add_error(None, _("Each course can be in a programme once."))
        if not courses:
            self.add_error(None, _("Add at least one course."))
            return cleaned
        pricing, price = cleaned.get("pricing_type"), cleaned.get("price") or 0
        if pricing == "free":
            if any(course.pricing_type != "free" for course in courses):
                self.add_error(
                    "pricing_type",
                    _("A free programme can only hold free courses."),
                )
            if price:
                self.add_error("price", _("A free programme has a price of 0."))
        elif pricing == "subscription":
            if any(course.pricing_type == "paid" for course in courses):
                self.add_error(
                    "pricing_type",
                    _(
                        "Subscribers cannot join a course sold on its own: "
                        "include only free and subscription courses."
                    ),
                )
            if price:
                self.add_error("price", _("A subscription programme has no price."))
        elif pricing == "paid":
            self._check_bundle_price(courses, price, cleaned.get("currency"))
        return cleaned

    def _check_bundle_price(self, courses, price, currency):
        paid = [course for course in courses if course.pricing_type == "paid"]
        if not paid:
            self.add_error(
                "pricing_type", _("Nothing in it is for sale: make it free instead.")
            )
            return
        if any(course.currency != currency for course in paid):
            self.add_error(
                "currency", _("Every course it sells must be priced in this currency.")
            )
            return
        separate = sum(course.price for course in paid)
        if not 0 < price < separate:
            self.add_error(
                "price",
                _(
                    "A bundle costs more than 0 and less than its courses one "
                    "by one (%(sum)s in minor units)."
                )
                % {"sum": separate},
            )
