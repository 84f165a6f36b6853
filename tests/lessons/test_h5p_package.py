"""Uploaded H5P packages are checked with pyh5p before they are stored."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lessons.models import H5PPackage
from tests.lessons.factories import H5P_METADATA, h5p_archive

pytestmark = pytest.mark.django_db


def upload(data, name="activity.h5p"):
    package = H5PPackage(title="Activity", file=SimpleUploadedFile(name, data))
    package.full_clean()
    package.save()
    return package


def test_a_valid_package_is_stored_with_its_main_library():
    package = upload(h5p_archive())

    assert package.main_library == "H5P.TrueFalse"
    assert package.file.name.startswith("h5p/packages/")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (h5p_archive({"../../escape.js": "x"}), "unsafe archive member path"),
        (h5p_archive({"content/run.exe": "MZ"}), "extension is not allowed"),
        (b"this is not a zip file", "invalid H5P ZIP archive"),
        (
            h5p_archive(metadata={**H5P_METADATA, "mainLibrary": "H5P.Missing"}),
            "main library is not included",
        ),
    ],
)
def test_an_unsafe_or_broken_package_is_refused_with_a_reason(data, message):
    with pytest.raises(ValidationError) as error:
        upload(data)

    assert message in str(error.value.message_dict["file"])
    assert not H5PPackage.objects.exists()


def test_only_h5p_files_are_accepted():
    with pytest.raises(ValidationError) as error:
        upload(h5p_archive(), name="activity.zip")

    assert "file" in error.value.message_dict
