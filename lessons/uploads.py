"""What an uploaded H5P, SCORM or cmi5 package keeps besides its own file."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class UploadedPackage(models.Model):
    """A package an editor uploads, extracted once under `content_path` by a
    task. Each kind defines `read_upload()`: check the new file, keep what
    it says, raise ValidationError with the reason."""

    # Subclasses name the folder their extracted files go under.
    content_root = ""

    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    extracted = models.BooleanField(default=False, editable=False)

    panels = [FieldPanel("title"), FieldPanel("file")]

    class Meta:
        abstract = True
        ordering = ["title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        # Only a new upload is read; a saved file was checked when it came.
        if not self.file or getattr(self.file, "_committed", True):
            return
        self.read_upload()

    @property
    def content_path(self):
        """Where the extracted files live in storage (played from there)."""
        return f"{self.content_root}/{self.pk}"
