"""An uploaded SCORM package: checked when it is saved, extracted once."""

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ..uploads import UploadedPackage
from .manifest import Activity, PackageError, read_package


class ScormPackage(UploadedPackage):
    """A SCORM 1.2 or 2004 ZIP, its manifest read into `structure` (the
    organization's activity tree) when it is saved."""

    class Version(models.TextChoices):
        SCORM_12 = "1.2", "SCORM 1.2"
        SCORM_2004 = "2004", "SCORM 2004"

    content_root = "scorm/content"

    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("How editors find this package; the manifest's title if empty."),
    )
    file = models.FileField(
        _("SCORM package"),
        upload_to="scorm/packages/",
        validators=[FileExtensionValidator(["zip"])],
        help_text=_(
            "A SCORM 1.2 or 2004 ZIP with imsmanifest.xml at its top, as "
            "authoring tools export it."
        ),
    )
    version = models.CharField(
        _("version"), max_length=4, choices=Version.choices, editable=False
    )
    edition = models.CharField(_("edition"), max_length=40, editable=False)
    structure = models.JSONField(default=dict, editable=False)
    file_count = models.PositiveIntegerField(default=0, editable=False)
    total_bytes = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta(UploadedPackage.Meta):
        app_label = "lessons"
        verbose_name = _("SCORM package")
        verbose_name_plural = _("SCORM packages")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(version__in=["1.2", "2004"]),
                name="scorm_version_known",
            )
        ]

    def read_upload(self):
        """Check the uploaded file and take its version, title and tree from
        the manifest; ValidationError with the reason otherwise."""
        self.file.seek(0)
        try:
            manifest = read_package(self.file.read())
        except PackageError as error:
            raise ValidationError({"file": error.message}) from error
        finally:
            self.file.seek(0)
        self.version = manifest.version
        self.edition = manifest.edition
        self.structure = manifest.organization.as_json()
        self.file_count = manifest.file_count
        self.total_bytes = manifest.total_bytes
        self.title = self.title or manifest.title or self.file.name.rsplit("/")[-1]
        self.extracted = False

    @cached_property
    def organization(self):
        return Activity.from_json(self.structure)

    @property
    def activities(self):
        """The SCOs and assets a learner launches, in order."""
        return self.organization.launchable() if self.structure else []

    def activity(self, identifier):
        return next((a for a in self.activities if a.identifier == identifier), None)
