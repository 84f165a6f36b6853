"""Public images are served from local storage in production too, cached for
long; private uploads never come out of /media/."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from PIL import Image as PILImage
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


def png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#1f5f8b").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def image():
    from django.core.files.images import ImageFile

    picture = get_image_model()(
        title="Cover", file=ImageFile(io.BytesIO(png()), name="cover.png")
    )
    picture.save()
    return picture


def test_images_and_renditions_are_served_with_long_cache_headers(image, settings):
    settings.DEBUG = False  # as in production
    rendition = image.get_rendition("fill-20x20|format-webp")

    original = Client().get(image.file.url)
    resized = Client().get(rendition.url)

    assert original.status_code == 200 and original["Content-Type"] == "image/png"
    assert "max-age=86400" in original["Cache-Control"]
    assert resized.status_code == 200 and resized["Content-Type"] == "image/webp"
    assert resized["Cache-Control"] == "public, max-age=31536000, immutable"


@pytest.mark.parametrize(
    "name",
    [
        "submissions/abc/file.pdf",
        "certificates/abc.pdf",
        "documents/handout.pdf",
        "h5p/content/1/h5p.json",
    ],
)
def test_private_uploads_are_never_served_from_media(name):
    default_storage.save(name, ContentFile(b"private"))

    assert Client().get(f"/media/{name}").status_code == 404


def test_a_path_that_climbs_out_is_not_found(image):
    assert Client().get("/media/images/../submissions/x.pdf").status_code == 404
