"""A section of a course: a part of the syllabus, which may open after some
days (drip)."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from home.routing import ViewRestrictionsMixin

from .course import CoursePage


class SectionPage(ViewRestrictionsMixin, Page):
    """A part of a course; the order of sections and their lessons is the syllabus."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=500,
        help_text=_("Optional: what this section covers, shown in the syllabus."),
    )

    opens_after_days = models.PositiveSmallIntegerField(
        _("opens after (days)"),
        null=True,
        blank=True,
        help_text=_(
            "Drip: the section's lessons open this many days after the "
            "learner enrols (or after their cohort starts). Empty: at once."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("opens_after_days"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["lessons.LessonPage"]

    class Meta:
        verbose_name = _("section")

    @cached_property
    def course(self):
        return CoursePage.objects.parent_of(self).first()

    def get_sitemap_urls(self, request=None):
        # A section of an unpublished course is not public either.
        if self.get_ancestors().not_live().exists():
            return []
        return super().get_sitemap_urls(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        syllabus = self.course.syllabus
        context["course"] = self.course
        context["syllabus"] = syllabus
        context["section"] = syllabus.section_for(self)
        return context
