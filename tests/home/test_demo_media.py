"""The demo works offline: its videos are uploaded files with captions made
from the same script, its H5P activities are uploaded packages played from
the site, and the one video that needs the internet is optional."""

import json

import av
import pytest
from django.core.management import call_command

from courses.models import CoursePage
from demo.media.h5p import ACTIVITIES, package_bytes
from demo.media.videos import VIDEOS
from learners.models import Enrollment
from lessons.models import H5PPackage, LessonPage
from tests.learners.factories import enrolled, learner

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", sorted(VIDEOS))
def test_each_committed_video_is_as_long_as_its_captions(slug):
    video = VIDEOS[slug]
    with av.open(str(video.path)) as container:
        seconds = container.duration / av.time_base
        codec = container.streams.video[0].codec_context.name

    assert codec == "vp8"
    assert abs(seconds - video.seconds) < 0.5
    last_cue = video.captions().strip().splitlines()[-2]
    assert last_cue.endswith(
        f"00:{video.seconds // 60:02d}:{video.seconds % 60:02d}.000"
    )


@pytest.fixture
def seeded(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def demo_blocks(block_type):
    # The English lessons: the other languages hold copies of them.
    for lesson in LessonPage.objects.filter(locale__language_code="en"):
        for block in lesson.body:
            if block.block_type == block_type:
                yield lesson, block


def test_every_required_demo_video_plays_from_the_site(seeded):
    required = [
        b for _l, b in demo_blocks("video") if b.value["required_watch_percentage"]
    ]
    external = [b for _l, b in demo_blocks("video") if b.value.provider != "file"]

    assert len(required) == 3
    assert all(b.value.provider == "file" and b.value["captions"] for b in required)
    assert [b.value.provider for b in external] == ["youtube"]
    assert external[0].value["required_watch_percentage"] == 0


def test_every_demo_activity_is_an_uploaded_package_played_from_the_site(seeded):
    activities = [b for _l, b in demo_blocks("h5p")]

    assert len(activities) == 3
    assert all(b.value["package"] and not b.value["embed_url"] for b in activities)
    assert all(p.extracted for p in H5PPackage.objects.all())


def test_an_enrolled_learner_gets_the_captions_and_the_package_files(client, seeded):
    lesson, video = next(
        (lesson, b) for lesson, b in demo_blocks("video") if b.value.provider == "file"
    )
    user = learner(username="watcher")
    enrolled(user, lesson.course, Enrollment.Source.PURCHASE)
    client.force_login(user)

    captions = client.get(video.value["captions"].url)
    page = client.get(lesson.url).content.decode()

    assert captions.status_code == 200
    assert captions["Content-Type"].startswith("text/vtt")
    assert b"WEBVTT" in b"".join(captions.streaming_content)
    assert '<track kind="captions"' in page


def test_the_demo_activity_reports_like_a_real_question_type(client, seeded):
    lesson, block = next(demo_blocks("h5p"))
    # Open the lesson without doing the ones before it.
    course = CoursePage.objects.get(pk=lesson.course.pk)
    course.sequential_lessons = False
    course.save_revision().publish()
    user = learner(username="player")
    enrolled(user, lesson.course)
    client.force_login(user)
    statement = {
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": "http://example.com/activity"},
        "result": {
            "success": True,
            "completion": True,
            "score": {"raw": 2, "max": 2, "min": 0, "scaled": 1},
        },
    }

    response = client.post(
        f"{lesson.url}h5p/{block.id}/xapi/?view=first",
        json.dumps(statement),
        content_type="application/json",
    )

    assert response.status_code == 200
    states = {r["id"]: r["done"] for r in response.json()["requirements"]}
    assert states[block.id] is True


@pytest.mark.parametrize("slug", sorted(ACTIVITIES))
def test_each_demo_activity_builds_into_a_valid_package(slug):
    activity = ACTIVITIES[slug]
    assert package_bytes(activity["title"], activity["questions"])[:2] == b"PK"
