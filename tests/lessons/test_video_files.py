"""An uploaded video's length is read from its file: a learner who reports a
two-second duration first does not complete a twenty-second video."""

import io
import json

import av
import pytest
from django.core.files.base import ContentFile
from PIL import Image
from wagtail.documents import get_document_model

from demo.media.videos import VIDEOS
from learners.models import LessonProgress, VideoWatch
from lessons.video_files import media_duration
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


def mp4(seconds, fps=10):
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="mp4") as container:
        stream = container.add_stream("mpeg4", rate=fps)
        stream.width = stream.height = 64
        stream.pix_fmt = "yuv420p"
        for _ in range(seconds * fps):
            frame = av.VideoFrame.from_image(Image.new("RGB", (64, 64), "teal"))
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return buffer.getvalue()


@pytest.mark.parametrize("slug", sorted(VIDEOS))
def test_the_length_of_a_webm_is_read_from_its_header(slug):
    with VIDEOS[slug].path.open("rb") as handle:
        assert abs(media_duration(handle) - VIDEOS[slug].seconds) < 0.5


def test_the_length_of_an_mp4_is_read_from_its_movie_header():
    assert abs(media_duration(io.BytesIO(mp4(4))) - 4) < 0.5


@pytest.mark.parametrize(
    "data",
    [b"", b"not a video at all", b"\x1a\x45\xdf\xa3" + b"\xff" * 40, b"\0\0\0\x08ftyp"],
)
def test_a_file_that_is_not_a_video_has_no_length(data):
    assert media_duration(io.BytesIO(data)) is None


def test_a_forged_short_duration_does_not_complete_an_uploaded_video(client, catalogue):
    course = CoursePageFactory(parent=catalogue, slug="films")
    section = SectionPageFactory(parent=course, slug="s")
    video = get_document_model().objects.create(
        title="Welcome",
        file=ContentFile(VIDEOS["python-welcome"].path.read_bytes(), name="w.webm"),
    )
    LessonPageFactory(
        parent=section,
        slug="watch",
        body=[
            {
                "type": "video",
                "id": "v1",
                "value": {
                    "file": video.pk,
                    "transcript": "Hello.",
                    "required_watch_percentage": 80,
                },
            }
        ],
    )
    user = learner(username="forger")
    enrolled(user, course)
    client.force_login(user)

    response = client.post(
        "/courses/films/s/watch/progress/",
        json.dumps({"block_id": "v1", "segments": [[0, 2]], "duration": 2}),
        content_type="application/json",
    )

    watch = VideoWatch.objects.get()
    assert response.status_code == 200
    assert watch.duration_seconds == 23 and watch.percent < 10
    assert not LessonProgress.objects.filter(status="completed").exists()
