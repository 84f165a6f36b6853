"""The lesson page's editor form: prerequisites from the same course, and
the accessibility checks a lesson must pass before it goes out."""

from wagtail.admin.forms import WagtailAdminPageForm

from .seams import course_tree
from .validators import accessibility_problems


class LessonPageForm(WagtailAdminPageForm):
    """Offers only the lessons of the same course as prerequisites."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("prerequisites")
        if field is None:
            return
        section = self.parent_page if self.instance.pk is None else None
        page = section or self.instance
        course = course_tree.course_of(page) if page and page.pk else None
        # The form edits lesson pages only; its model class saves an import.
        lessons = type(self.instance).objects.none()
        if course is not None:
            lessons = type(self.instance).objects.descendant_of(course)
            lessons = lessons.order_by("path")
            if self.instance.pk:
                lessons = lessons.exclude(pk=self.instance.pk)
        field.queryset = lessons

    def clean(self):
        """Drafts may be unfinished; what goes out (publish or submit for
        review) must be accessible: every image described, every video with
        a transcript or captions."""
        cleaned = super().clean()
        going_out = any(key in self.data for key in ("action-publish", "action-submit"))
        body = cleaned.get("body")
        if going_out and body is not None:
            problems = accessibility_problems(body)
            if problems:
                self.add_error("body", problems)
        return cleaned
