"""Admin side of learning: the lesson-document guard, the grading queue
(wagtail-modeladmin), the grading form, gradebooks, analytics, learner lists
and the "My courses" panel on the admin home."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from home.admin_helpers import ReadOnlyPermissionHelper
from home.files import is_local_file, media_type, ranged_file_response
from home.roles import INSTRUCTORS, is_staff_member

from . import admin_views, analytics_views, api_key_admin, privacy_admin, sso_admin
from .access import document_access
from .admin_helpers import courses_taught_by
from .extensions import revenue
from .models import Certificate, CourseStats, Enrollment, LearningEvent, Submission
from .services.activity import record_event


@hooks.register("before_serve_document")
def check_lesson_document_access(document, request):
    access = document_access(request.user, document)
    if access.allowed:
        record_document_opened(request.user, document, access)
        content_type = media_type(document.file.name)
        if content_type and is_local_file(document.file):
            # Players need byte ranges to seek and resume; S3 has its own.
            return ranged_file_response(request, document.file, content_type)
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    context = {"message": access.message, "course": None, "lesson": None}
    return render(request, "learners/refusal.html", context, status=403)


def record_document_opened(user, document, access):
    """A learner opening a lesson's PDF or other file is a learning event."""
    lesson = access.lesson
    if lesson is None or access.enrollment is None or not user.is_authenticated:
        return
    record_event(
        user,
        lesson,
        LearningEvent.Kind.PDF_OPENED,
        payload={"document": document.pk, "title": document.title[:200]},
        verified=True,  # the server served the file
    )


def teaches(user):
    return is_staff_member(user) or user.groups.filter(name=INSTRUCTORS).exists()


class GradingPermissionHelper(ReadOnlyPermissionHelper):
    """Instructors and staff list submissions; grades change only by grading."""

    def can_see(self, user):
        return teaches(user)


class GradingButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, **kwargs):
        return [
            {
                "url": reverse("learners_grading:grade", args=[obj.pk]),
                "label": _("Grade") if obj.status == "submitted" else _("Review"),
                "classname": "button button-small",
                "title": _("Grade this submission"),
            }
        ]


class SubmissionAdmin(ModelAdmin):
    model = Submission
    menu_label = _("Grading")
    menu_icon = "clipboard-list"
    menu_order = 220
    add_to_admin_menu = True
    permission_helper_class = GradingPermissionHelper
    button_helper_class = GradingButtonHelper
    list_display = (
        "learner",
        "course",
        "lesson",
        "version",
        "submitted_at",
        "late",
        "status",
        "score",
    )
    list_filter = ("status", "enrollment__course", "is_late")
    search_fields = (
        "enrollment__user__email",
        "enrollment__user__first_name",
        "lesson__title",
    )
    ordering = ("status", "submitted_at")

    def get_queryset(self, request):
        courses = courses_taught_by(request.user)
        return (
            super()
            .get_queryset(request)
            .filter(enrollment__course__in=courses)
            .select_related("enrollment__user", "enrollment__course", "lesson")
        )

    def learner(self, obj):
        user = obj.enrollment.user
        return user.get_full_name() or user.email

    def course(self, obj):
        return obj.enrollment.course.title

    def late(self, obj):
        return format_html("<strong>{}</strong>", _("Late")) if obj.is_late else ""


modeladmin_register(SubmissionAdmin)


class CertificatePermissionHelper(ReadOnlyPermissionHelper):
    """Only staff and moderators manage certificates."""

    def can_see(self, user):
        return is_staff_member(user)


class CertificateButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, **kwargs):
        return [
            {
                "url": reverse("learners_grading:certificate", args=[obj.pk]),
                "label": _("Manage"),
                "classname": "button button-small",
                "title": _("Revoke or regenerate this certificate"),
            }
        ]


class CertificateAdmin(ModelAdmin):
    model = Certificate
    menu_label = _("Certificates")
    menu_icon = "doc-full"
    menu_order = 222
    add_to_admin_menu = True
    permission_helper_class = CertificatePermissionHelper
    button_helper_class = CertificateButtonHelper
    list_display = (
        "verification_code",
        "learner_name",
        "course_title",
        "issued_at",
        "valid",
    )
    search_fields = ("verification_code", "learner_name", "course_title")
    list_filter = ("revoked_at",)

    def valid(self, obj):
        return _("Valid") if obj.is_valid else _("Revoked")


modeladmin_register(CertificateAdmin)


class EnrollmentPermissionHelper(ReadOnlyPermissionHelper):
    """Teachers see the enrolments of their courses; changes go through the
    services (enrol, leave, refund), never by editing a row."""

    can_inspect = True

    def can_see(self, user):
        return teaches(user)


class EnrollmentAdmin(ModelAdmin):
    model = Enrollment
    menu_label = _("Enrolments")
    menu_icon = "group"
    menu_order = 223
    add_to_admin_menu = True
    inspect_view_enabled = True
    permission_helper_class = EnrollmentPermissionHelper
    list_display = ("learner", "course", "status", "source", "enrolled_at")
    list_filter = ("status", "source", "course")
    search_fields = ("user__email", "user__first_name", "user__last_name")

    def get_queryset(self, request):
        courses = courses_taught_by(request.user)
        return (
            super()
            .get_queryset(request)
            .filter(course__in=courses)
            .select_related("user", "course")
        )

    @admin.display(description=_("Learner"), ordering="user__email")
    def learner(self, obj):
        return obj.user.get_full_name() or obj.user.email


modeladmin_register(EnrollmentAdmin)


@hooks.register("register_admin_urls")
def register_grading_urls():
    urls = [
        path(
            "certificates/<int:pk>/", admin_views.certificate_view, name="certificate"
        ),
        path("grade/<int:pk>/", admin_views.grade_view, name="grade"),
        path("gradebook/", admin_views.gradebook_index, name="gradebook_index"),
        path(
            "gradebook/<int:course_id>/", admin_views.gradebook_view, name="gradebook"
        ),
        path(
            "gradebook/<int:course_id>/csv/",
            admin_views.gradebook_csv,
            name="gradebook_csv",
        ),
        path(
            "gradebook/<int:course_id>/release/<int:lesson_id>/<str:block_id>/",
            admin_views.release_results,
            name="release_results",
        ),
        path("analytics/", analytics_views.analytics_index, name="analytics_index"),
        path(
            "analytics/<int:course_id>/",
            analytics_views.course_analytics,
            name="analytics",
        ),
        path(
            "analytics/<int:course_id>/csv/",
            analytics_views.course_analytics_csv,
            name="analytics_csv",
        ),
        path(
            "learners/<int:course_id>/",
            analytics_views.course_learners,
            name="learners",
        ),
        path("platform/", analytics_views.platform_analytics, name="platform"),
        path(
            "personal-data/<int:user_id>/",
            privacy_admin.personal_data_view,
            name="personal_data",
        ),
    ]
    return [path("learning/", (urls, "learners_grading", "learners_grading"))]


class TeachersMenuItem(MenuItem):
    def is_shown(self, request):
        return teaches(request.user)


@hooks.register("register_admin_menu_item")
def register_gradebook_menu_item():
    return TeachersMenuItem(
        _("Gradebooks"),
        reverse("learners_grading:gradebook_index"),
        icon_name="table",
        order=221,
    )


@hooks.register("register_admin_menu_item")
def register_analytics_menu_item():
    return TeachersMenuItem(
        _("Course analytics"),
        reverse("learners_grading:analytics_index"),
        icon_name="view",
        order=224,
    )


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register("register_settings_menu_item")
def register_api_keys_menu_item():
    return StaffMenuItem(
        _("API keys"), reverse("api_keys_admin:index"), icon_name="key", order=905
    )


hooks.register("register_admin_urls", api_key_admin.admin_urls)


@hooks.register("register_admin_menu_item")
def register_platform_menu_item():
    return StaffMenuItem(
        _("Platform analytics"),
        reverse("learners_grading:platform"),
        icon_name="site",
        order=225,
    )


class MyCoursesPanel(Component):
    """The admin home of someone who teaches: their courses' numbers, revenue
    this month and the submissions waiting to be graded."""

    name = "my_courses"
    order = 50
    template_name = "learners/admin/includes/my_courses_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        user = self.request.user
        courses = courses_taught_by(user).filter(instructor=user)
        stats = {
            row.course_id: row for row in CourseStats.objects.filter(course__in=courses)
        }
        month_start = timezone.localtime().replace(
            day=1, hour=0, minute=0, second=0, microsecond=0
        )
        return {
            "rows": [(course, stats.get(course.pk)) for course in courses],
            "revenue": revenue.instructor_since(user, month_start),
            "waiting": Submission.objects.filter(
                enrollment__course__in=courses, status=Submission.Status.SUBMITTED
            ).count(),
        }


@hooks.register("construct_homepage_panels")
def add_my_courses_panel(request, panels):
    if teaches(request.user):
        panels.append(MyCoursesPanel(request))


hooks.register("register_user_listing_buttons", privacy_admin.user_listing_button)


@hooks.register("register_admin_viewset")
def register_single_sign_on():
    return sso_admin.SingleSignOnViewSet()
