"""Lesson pages and uploaded H5P, SCORM and cmi5 packages."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, ReferenceIndex
from wagtail.search import index

from home import seo
from home.csp import allow_sources
from home.routing import ViewRestrictionsMixin

from .blocks import LessonStreamBlock
from .blocks.media import origin_of
from .cmi5.models import Cmi5Package
from .forms import LessonPageForm
from .h5p_package import H5PPackage
from .requirements import lesson_requirements
from .scorm.models import ScormPackage
from .seams import course_tree, learner_side
from .video_files import document_duration

__all__ = [
    "Cmi5Package",
    "H5PPackage",
    "LessonPage",
    "ScormPackage",
    "ToolLaunch",
    "lessons_using",
]


def _course_of(page):
    if page is None or not page.pk:
        return None
    return course_tree.course_of(page)


def _in_course(lesson, course):
    """Whether `lesson` is in `course`, or, on a translated copy (which keeps
    the original's prerequisites until its own are chosen), in the course it
    translates: the syllabus reads such a link as the copy's own lesson."""
    if lesson.path.startswith(course.path):
        return True
    original = _course_of(lesson)
    return original is not None and original.translation_key == course.translation_key


class LessonPage(ViewRestrictionsMixin, RoutablePageMixin, Page):
    """A lesson: its content blocks, time estimate and what must come first."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=300,
        help_text=_(
            "One or two sentences on what the lesson teaches; shown in the "
            "syllabus and to visitors who cannot open the lesson yet."
        ),
    )
    estimated_minutes = models.PositiveIntegerField(
        _("estimated minutes"),
        default=10,
        help_text=_("How long a typical learner needs for this lesson."),
    )
    free_preview = models.BooleanField(
        _("free preview"),
        default=False,
        help_text=_("Anyone may open this lesson, enrolled or not."),
    )
    prerequisites = ParentalManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="unlocks",
        verbose_name=_("prerequisites"),
        help_text=_("Lessons of this course a learner must complete first."),
    )
    opens_after_days = models.PositiveSmallIntegerField(
        _("opens after (days)"),
        null=True,
        blank=True,
        help_text=_(
            "Drip: the lesson opens this many days after the learner enrols "
            "(or after their cohort starts). Empty: with its section."
        ),
    )
    body = StreamField(
        LessonStreamBlock(),
        blank=True,
        verbose_name=_("lesson content"),
        help_text=_("Add videos, text, PDFs, quizzes, assignments and activities."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("estimated_minutes"), FieldPanel("free_preview")]
                ),
                FieldPanel("opens_after_days"),
                FieldPanel("prerequisites", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Lesson settings"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    base_form_class = LessonPageForm
    parent_page_types = ["courses.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")

    @cached_property
    def course(self):
        return _course_of(self)

    @cached_property
    def requirements(self):
        """Every condition of completing this lesson, one per block that sets
        one; a lesson with none is marked complete by the learner."""
        return lesson_requirements(self.body)

    @property
    def completes_by_hand(self):
        return not self.requirements

    @cached_property
    def ai_tool_origins(self):
        """{block id: the tool's origin} of the lesson's AI-tool blocks."""
        return {
            block.id: block.value["allowed_origin"].rstrip("/")
            for block in self.body
            if block.block_type == "ai_tool"
        }

    @cached_property
    def h5p_rules(self):
        """{block id: (rule, minimum score)} of the uploaded H5P packages, which
        report what the learner did; embedded ones cannot."""
        return {
            block.id: (block.value["completion_rule"], block.value["minimum_score"])
            for block in self.body
            if block.block_type == "h5p" and block.value.get("package")
        }

    @cached_property
    def cmi5_blocks(self):
        """{block id: the block's value} of the lesson's cmi5 courses."""
        return {
            block.id: block.value
            for block in self.body
            if block.block_type == "cmi5" and block.value.get("package")
        }

    @cached_property
    def scorm_blocks(self):
        """{block id: the block's value} of the lesson's SCORM packages."""
        return {
            block.id: block.value
            for block in self.body
            if block.block_type == "scorm" and block.value.get("package")
        }

    @cached_property
    def video_block_ids(self):
        return {block.id for block in self.body if block.block_type == "video"}

    def known_video_duration(self, block_id):
        """Seconds of an uploaded video block, read from its file; None for
        YouTube and Vimeo, whose length only their player knows."""
        for block in self.body:
            if block.id == block_id and block.block_type == "video":
                document = block.value.get("file")
                return document_duration(document) if document else None
        return None

    @cached_property
    def has_pdf(self):
        return any(block.block_type == "pdf" for block in self.body)

    @cached_property
    def video_providers(self):
        return {
            block.value.provider for block in self.body if block.block_type == "video"
        }

    @property
    def completion_hint(self):
        if self.completes_by_hand:
            return _("Mark the lesson complete when you have finished it.")
        return _("This lesson completes by itself when everything below is done.")

    @path("")
    def lesson(self, request):
        response = learner_side.open_lesson(request, self)
        # Frames only from the players and tools this lesson uses; YouTube's
        # player API is a script of its own.
        scripts = (
            ["https://www.youtube.com"] if "youtube" in self.video_providers else []
        )
        # A PDF block shows the document with the browser's viewer (a plugin).
        pdfs = (
            ["'self'", *settings.SECURITY_POLICY_MEDIA_ORIGINS] if self.has_pdf else []
        )
        return allow_sources(
            response,
            frame_src=self.frame_origins,
            script_src=scripts,
            object_src=pdfs,
        )

    def structured_data(self, request, site_name, home_url):
        """The JSON-LD of a lesson page: its breadcrumbs."""
        return [seo.breadcrumbs(request, self)]

    def get_sitemap_urls(self, request=None):
        """Only free-preview lessons are public; the others stay out of the
        sitemap (crawlers still get their teaser if they find them)."""
        if not self.free_preview or self.get_ancestors().not_live().exists():
            return []
        return super().get_sitemap_urls(request)

    @cached_property
    def frame_origins(self):
        """The origins of every frame the lesson embeds: video players, H5P
        hosts and AI tools."""
        origins = set(self.ai_tool_origins.values())
        for block in self.body:
            if block.block_type == "video" and block.value.embed_url:
                origins.add(origin_of(block.value.embed_url))
            elif block.block_type == "h5p" and block.value.get("embed_url"):
                origins.add(origin_of(block.value["embed_url"]))
        return origins

    @path("complete/")
    def complete(self, request):
        return learner_side.mark_lesson_complete(request, self)

    @path("progress/")
    def progress(self, request):
        return learner_side.report_lesson_progress(request, self)

    @path("h5p/<str:block_id>/xapi/", name="h5p_xapi")
    def h5p_xapi(self, request, block_id):
        return learner_side.report_h5p_statement(request, self, block_id)

    @path("h5p/<str:block_id>/state/", name="h5p_state")
    def h5p_state(self, request, block_id):
        return learner_side.h5p_user_state(request, self, block_id)

    @path("scorm/<str:block_id>/commit/", name="scorm_commit")
    def scorm_commit(self, request, block_id):
        return learner_side.commit_scorm(request, self, block_id)

    @path("cmi5/<str:block_id>/launch/", name="cmi5_launch")
    def cmi5_launch(self, request, block_id):
        return learner_side.launch_cmi5(request, self, block_id)

    @path("cmi5/<str:block_id>/done/", name="cmi5_done")
    def cmi5_done(self, request, block_id):
        return learner_side.cmi5_done(request, self, block_id)

    @path("quiz/<str:block_id>/start/", name="quiz_start")
    def quiz_start(self, request, block_id):
        return learner_side.start_quiz(request, self, block_id)

    @path("quiz/<str:block_id>/save/", name="quiz_save")
    def quiz_save(self, request, block_id):
        return learner_side.save_quiz(request, self, block_id)

    @path("quiz/<str:block_id>/submit/", name="quiz_submit")
    def quiz_submit(self, request, block_id):
        return learner_side.submit_quiz(request, self, block_id)

    @path("assignment/<str:block_id>/submit/", name="assignment_submit")
    def assignment_submit(self, request, block_id):
        return learner_side.submit_assignment(request, self, block_id)

    def clean(self):
        super().clean()
        chosen = list(self.prerequisites.all())
        if self.pk and any(lesson.pk == self.pk for lesson in chosen):
            raise ValidationError(
                {"prerequisites": _("A lesson cannot be its own prerequisite.")}
            )
        # Not self.course: that is cached, and a new page has no course yet.
        course = _course_of(self)
        if course and not all(_in_course(lesson, course) for lesson in chosen):
            raise ValidationError(
                {"prerequisites": _("Prerequisites must be lessons of this course.")}
            )

    def _live_prerequisites(self, request, syllabus):
        if syllabus is not None and not getattr(request, "is_preview", False):
            return syllabus.prerequisites.get(self.pk, [])
        # .all(), not .live(): a previewed revision holds them in memory.
        return sorted(
            (item for item in self.prerequisites.all() if item.live),
            key=lambda item: item.path,
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        course = self.course
        syllabus = course.syllabus if course else None
        previous, following = syllabus.neighbours(self) if syllabus else (None, None)
        context.update(
            course=course,
            syllabus=syllabus,
            previous_lesson=previous,
            next_lesson=following,
            prerequisites=self._live_prerequisites(request, syllabus),
        )
        # The learner's side: the sidebar, access, and where videos stopped.
        context.update(learner_side.lesson_context(request, self, course, following))
        return context


def lessons_using(obj):
    """The lessons whose content refers to `obj` (a document, an H5P
    package), via Wagtail's reference index."""
    page_ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(
            base_content_type__app_label="wagtailcore", base_content_type__model="page"
        )
        .values_list("object_id", flat=True)
    )
    return LessonPage.objects.filter(pk__in=[int(pk) for pk in page_ids])


class ToolLaunch(models.Model):
    """One AI-tool launch token: who it was for, whether the tool's server has
    sent its signed result (`used_at`) and whether the learner's browser has
    passed on a self-reported one (`claimed_at`). The token carries only a
    pseudonym; this row maps it back."""

    jti = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    block_id = models.CharField(max_length=64)
    issued_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["issued_at"])]

    def __str__(self):
        return self.jti
