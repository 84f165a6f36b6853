"""Course export and import: the demo's largest course goes out as a native
package and comes back as a new draft owned by the importer, with new rows
for every file and every reference pointing at them; exporting the copy
gives the same manifest. Packages that cannot be used are refused with a
reason and leave nothing behind."""

import io
import json
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from courses.exchange.native import (
    ExchangeError,
    export_course,
    import_course,
    read_manifest,
)
from courses.models import CoursePage
from demo.languages import demo_courses
from lessons.models import H5PPackage, LessonPage, ScormPackage

pytestmark = pytest.mark.django_db


def largest_demo_course():
    call_command("seed_demo", stdout=io.StringIO())
    return max(
        demo_courses(),
        key=lambda course: LessonPage.objects.descendant_of(course).count(),
    )


def blocks_of(manifest):
    return [
        block
        for section in manifest["sections"]
        for lesson in section["lessons"]
        for block in lesson["body"]
    ]


def test_a_course_round_trips_through_its_package(django_capture_on_commit_callbacks):
    course = largest_demo_course()
    owner = get_user_model().objects.get(username="admin")
    packages = H5PPackage.objects.count(), ScormPackage.objects.count()

    exported = export_course(course)
    with django_capture_on_commit_callbacks(execute=True):
        copy = import_course(exported, owner)
    again = read_manifest(export_course(copy))
    first = read_manifest(exported)

    # A new draft, owned and taught by the importer, nothing published.
    assert copy.pk != course.pk and not copy.live
    assert copy.owner == owner and copy.instructor == owner
    lessons = LessonPage.objects.descendant_of(copy)
    assert lessons.count() == LessonPage.objects.descendant_of(course).count()
    assert not lessons.filter(live=True).exists()
    # Its files are new rows, and its blocks point at them.
    assert H5PPackage.objects.count() > packages[0]
    assert ScormPackage.objects.count() > packages[1]
    new_scorm = {
        block.value["package"].pk
        for lesson in lessons
        for block in lesson.body
        if block.block_type == "scorm"
    }
    assert new_scorm and new_scorm.isdisjoint(
        {p.pk for p in ScormPackage.objects.filter(uploaded_by__isnull=True)}
    )
    assert {"video", "pdf", "h5p", "scorm", "quiz"} <= {
        b["type"] for b in blocks_of(first)
    }
    # Export, import, export: the same manifest but for the new slug.
    assert again["course"].pop("slug") == f"{course.slug}-2"
    first["course"].pop("slug")
    assert again == first


def test_the_commands_export_and_import_a_course(tmp_path, settings):
    course = largest_demo_course()
    target = tmp_path / "course.zip"

    call_command("export_course", course.slug, str(target), stdout=io.StringIO())
    out = io.StringIO()
    call_command(
        "import_course", str(target), owner="instructor@example.com", stdout=out
    )

    assert "as a draft" in out.getvalue()
    copy = CoursePage.objects.get(slug=f"{course.slug}-2")
    assert copy.owner.username == "instructor" and not copy.live
    with pytest.raises(CommandError, match="No course has the slug"):
        call_command("export_course", "nothing-here", str(target))
    with pytest.raises(CommandError, match="No active user"):
        call_command("import_course", str(target), owner="nobody@example.com")


def package_with(manifest=None, files=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if manifest is not None:
            archive.writestr("manifest.json", json.dumps(manifest))
        for name, data in (files or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


GOOD = {
    "format": "coursewright-course",
    "version": 1,
    "course": {"title": "T", "summary": "S"},
}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a zip", "not a ZIP"),
        (package_with(files={"a.txt": "x"}), "no manifest.json"),
        (package_with({"format": "other", "version": 1}), "not a Coursewright course"),
        (package_with({**GOOD, "version": 99}), "format version 99"),
        (
            package_with(
                {
                    **GOOD,
                    "sections": [
                        {
                            "title": "S",
                            "slug": "s",
                            "lessons": [
                                {
                                    "title": "L",
                                    "slug": "l",
                                    "body": [{"type": "teleporter", "value": {}}],
                                }
                            ],
                        }
                    ],
                }
            ),
            "does not know: teleporter",
        ),
        (
            package_with(
                {**GOOD, "assets": {"document": {"document-1": {"file": "x"}}}}
            ),
            "lacks the file",
        ),
        (package_with(GOOD, files={"../evil": "x"}), "outside its folder"),
        (
            package_with({**GOOD, "course": {"title": "No summary"}}),
            "cannot be imported",
        ),
    ],
)
def test_a_package_that_cannot_be_used_is_refused_and_leaves_nothing(
    catalogue, data, message
):
    owner = get_user_model().objects.create(username="importer")
    before = CoursePage.objects.count()

    with pytest.raises(ExchangeError, match=message):
        import_course(data, owner)

    assert CoursePage.objects.count() == before


def test_the_admin_exports_a_course_and_imports_it_as_a_draft(client):
    course = largest_demo_course()
    admin = get_user_model().objects.get(username="admin")
    client.force_login(admin)

    edit_page = client.get(f"/admin/pages/{course.pk}/edit/").content.decode()
    exported = client.get(f"/admin/course-exchange/{course.pk}/export/")
    upload = io.BytesIO(exported.content)
    upload.name = "course.zip"
    imported = client.post("/admin/course-exchange/import/", {"package": upload})

    assert f"/admin/course-exchange/{course.pk}/export/" in edit_page
    assert exported["Content-Type"] == "application/zip"
    copy = CoursePage.objects.get(slug=f"{course.slug}-2")
    assert imported.status_code == 302
    assert imported["Location"] == f"/admin/pages/{copy.pk}/edit/"
    assert not copy.live and copy.owner == admin


def test_only_editors_of_a_course_may_export_it_and_bad_uploads_are_explained(
    client,
):
    course = largest_demo_course()
    student = get_user_model().objects.get(username="student")
    admin = get_user_model().objects.get(username="admin")

    client.force_login(student)
    refused = client.get(f"/admin/course-exchange/{course.pk}/export/")
    client.force_login(admin)
    bad = io.BytesIO(b"not a zip")
    bad.name = "course.zip"
    answer = client.post("/admin/course-exchange/import/", {"package": bad})

    assert refused.status_code in (302, 403)
    assert answer.status_code == 200
    assert "not a ZIP" in answer.content.decode()
