"""An uploaded cmi5 course: checked when it is saved, extracted once."""

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ..archives import PackageError
from ..uploads import UploadedPackage
from .structure import CourseStructure, read_course


class Cmi5Package(UploadedPackage):
    """A cmi5 course ZIP, its cmi5.xml read into `structure` when it is saved."""

    content_root = "cmi5/content"

    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("How editors find this course; its cmi5 title if empty."),
    )
    file = models.FileField(
        _("cmi5 package"),
        upload_to="cmi5/packages/",
        validators=[FileExtensionValidator(["zip"])],
        help_text=_("A cmi5 course ZIP with cmi5.xml at its top."),
    )
    course_id = models.CharField(_("cmi5 course id"), max_length=500, editable=False)
    structure = models.JSONField(default=dict, editable=False)
    file_count = models.PositiveIntegerField(default=0, editable=False)
    total_bytes = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta(UploadedPackage.Meta):
        app_label = "lessons"
        verbose_name = _("cmi5 package")
        verbose_name_plural = _("cmi5 packages")

    def read_upload(self):
        """Check the uploaded file and take its id, title and units from
        cmi5.xml; ValidationError with the reason otherwise."""
        self.file.seek(0)
        try:
            course = read_course(self.file.read())
        except PackageError as error:
            raise ValidationError({"file": error.message}) from error
        finally:
            self.file.seek(0)
        self.course_id = course.id
        self.structure = course.as_json()
        self.file_count = course.file_count
        self.total_bytes = course.total_bytes
        self.title = self.title or course.title or self.file.name.rsplit("/")[-1]
        self.extracted = False

    @cached_property
    def course(self):
        return CourseStructure.from_json(self.structure)

    @property
    def units(self):
        return self.course.units if self.structure else []

    def unit(self, identifier):
        return next((u for u in self.units if u.id == identifier), None)
