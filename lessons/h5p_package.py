"""An uploaded H5P package, checked with pyh5p before it is stored."""

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from pyh5p import H5PError, PackageLimits, read_package

from .uploads import UploadedPackage

H5P_LIMITS = PackageLimits(
    max_files=2_000,
    max_file_size=50 * 1024 * 1024,
    max_total_size=200 * 1024 * 1024,
)


class H5PPackage(UploadedPackage):
    """An uploaded `.h5p` file, checked with pyh5p before it is stored."""

    content_root = "h5p/content"

    title = models.CharField(
        _("title"), max_length=200, help_text=_("How editors find this activity.")
    )
    file = models.FileField(
        _("H5P file"),
        upload_to="h5p/packages/",
        validators=[FileExtensionValidator(["h5p"])],
        help_text=_("A .h5p package exported from H5P or an H5P editor."),
    )
    main_library = models.CharField(
        _("main library"), max_length=200, blank=True, editable=False
    )

    class Meta(UploadedPackage.Meta):
        app_label = "lessons"
        verbose_name = _("H5P package")
        verbose_name_plural = _("H5P packages")

    def read_upload(self):
        self.main_library = read_h5p_metadata(self.file)["mainLibrary"]


def read_h5p_metadata(uploaded_file):
    """Check an uploaded package is a safe, complete H5P archive; return h5p.json."""
    uploaded_file.seek(0)
    try:
        package = read_package(uploaded_file.read(), limits=H5P_LIMITS)
    except H5PError as exc:
        raise ValidationError(
            {"file": _("Not a usable H5P package: %s") % exc}
        ) from exc
    finally:
        uploaded_file.seek(0)
    problems = package.validate(require_content=True)
    if problems:
        raise ValidationError(
            {"file": [_("H5P package problem: %s") % issue for issue in problems[:5]]}
        )
    return package.metadata
