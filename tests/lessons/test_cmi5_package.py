"""An uploaded cmi5 course is read from its cmi5.xml: the course id, each
assignable unit with its launch address, moveOn and mastery score; a
course that cannot be played is refused with a message and nothing kept."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from lessons.archives import PackageError
from lessons.cmi5.structure import read_course
from lessons.models import Cmi5Package
from tests.lessons.cmi5_packages import STRUCTURE, cmi5_zip
from tests.lessons.scorm_packages import zip_of


def test_a_course_gives_its_id_title_and_units_in_order():
    course = read_course(
        cmi5_zip(units=(("intro", "Completed", None), ("quiz", "Passed", 0.8)))
    )

    assert course.id == "https://example.com/courses/safety"
    assert course.title == "Data protection"
    assert [unit.url for unit in course.units] == [
        "intro/index.html",
        "quiz/index.html",
    ]
    quiz = course.units[1]
    assert (quiz.move_on, quiz.mastery_score, quiz.launch_method) == (
        "Passed",
        0.8,
        "AnyWindow",
    )


def test_units_inside_blocks_are_read_with_their_block():
    units = """<block id="https://example.com/b1">
      <title><langstring lang="en">Week one</langstring></title>
      <au id="https://example.com/a1" moveOn="Completed">
        <title><langstring lang="en">Start</langstring></title>
        <url>a1/index.html</url>
      </au>
    </block>"""
    data = zip_of(
        {
            "cmi5.xml": STRUCTURE.format(slug="s", title="T", units=units),
            "a1/index.html": "<html></html>",
        }
    )

    (unit,) = read_course(data).units

    assert (unit.id, unit.title, unit.block) == (
        "https://example.com/a1",
        "Start",
        "Week one",
    )


def test_a_unit_is_satisfied_by_its_move_on():
    course = read_course(
        cmi5_zip(
            units=(
                ("a", "Completed", None),
                ("b", "CompletedAndPassed", None),
                ("c", "CompletedOrPassed", None),
                ("d", "NotApplicable", None),
            )
        )
    )
    a, b, c, d = course.units

    assert a.satisfied_by(completed=True, passed=False)
    assert not b.satisfied_by(completed=True, passed=False)
    assert c.satisfied_by(completed=False, passed=True)
    assert d.satisfied_by(completed=False, passed=False)


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"index.html": "<html></html>"}, "no cmi5.xml"),
        ({"course/cmi5.xml": "<x/>"}, "inside the folder"),
        ({"cmi5.xml": "<courseStructure><course"}, "not well-formed"),
    ],
)
def test_a_course_without_a_usable_structure_is_refused(files, message):
    with pytest.raises(PackageError, match=message):
        read_course(zip_of(files))


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("../outside.html", "outside the package"),
        ("missing.html", "not in the package"),
        ("http://example.com/au.html", "in the package or on https"),
    ],
)
def test_a_launch_address_that_cannot_be_played_is_refused(url, message):
    units = (
        f'<au id="https://example.com/a" moveOn="Completed"><title>'
        f"<langstring>A</langstring></title><url>{url}</url></au>"
    )
    data = zip_of({"cmi5.xml": STRUCTURE.format(slug="s", title="T", units=units)})

    with pytest.raises(PackageError, match=message):
        read_course(data)


def test_an_unknown_move_on_or_mastery_score_is_refused():
    for attributes, message in [
        ('moveOn="Whenever"', "unknown moveOn"),
        ('moveOn="Passed" masteryScore="80"', "between 0 and 1"),
    ]:
        units = (
            f'<au id="https://example.com/a" {attributes}><title><langstring>A'
            "</langstring></title><url>a.html</url></au>"
        )
        files = {
            "cmi5.xml": STRUCTURE.format(slug="s", title="T", units=units),
            "a.html": "<html></html>",
        }
        with pytest.raises(PackageError, match=message):
            read_course(zip_of(files))


@pytest.mark.django_db
def test_a_refused_upload_keeps_nothing(django_capture_on_commit_callbacks):
    package = Cmi5Package(file=ContentFile(zip_of({"a.txt": "x"}), name="c.zip"))

    with pytest.raises(ValidationError, match="no cmi5.xml"):
        package.full_clean()

    assert not Cmi5Package.objects.exists()


@pytest.mark.django_db
def test_a_saved_course_is_extracted_once_into_storage(
    django_capture_on_commit_callbacks,
):
    package = Cmi5Package(file=ContentFile(cmi5_zip(), name="c.zip"))
    package.read_upload()
    with django_capture_on_commit_callbacks(execute=True):
        package.save()

    package.refresh_from_db()
    assert package.extracted and package.title == "Data protection"
    assert default_storage.exists(f"{package.content_path}/intro/index.html")
