"""SCORM uploads: the manifest is read into a version, title and activity
tree; bad packages are refused with a message and nothing is extracted; a
good one is extracted once; the rollup decides a package's result."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from lessons.models import ScormPackage
from lessons.scorm.manifest import Activity, Rule, read_package
from lessons.scorm.rollup import roll_up
from lessons.scorm.status import Status, status_from_cmi
from tests.lessons.scorm_packages import MANIFEST_12, scorm_zip, zip_of

SEQUENCED = (
    "<imsss:sequencing><imsss:objectives>"
    '<imsss:primaryObjective satisfiedByMeasure="true">'
    "<imsss:minNormalizedMeasure>0.7</imsss:minNormalizedMeasure>"
    "</imsss:primaryObjective></imsss:objectives></imsss:sequencing>"
)


def uploaded(data, name="package.zip"):
    package = ScormPackage(file=ContentFile(data, name=name))
    package.read_upload()
    return package


def refusal(data):
    with pytest.raises(ValidationError) as caught:
        uploaded(data)
    return " ".join(caught.value.message_dict["file"])


def test_a_scorm_12_manifest_gives_its_version_title_and_scos():
    manifest = read_package(scorm_zip("1.2", title="Fire safety", scos=("a", "b")))

    assert (manifest.version, manifest.edition) == ("1.2", "1.2")
    assert manifest.title == "Fire safety"
    assert [
        (a.identifier, a.kind, a.href) for a in manifest.organization.launchable()
    ] == [
        ("a", "sco", "a/index.html"),
        ("b", "sco", "b/index.html"),
    ]
    assert manifest.file_count == 3


def test_a_scorm_2004_manifest_gives_its_edition_and_passing_score():
    manifest = read_package(scorm_zip("2004", item_xml=SEQUENCED))
    sco = manifest.organization.launchable()[0]

    assert (manifest.version, manifest.edition) == ("2004", "2004 4th Edition")
    assert sco.passing_score == 0.7


def test_item_parameters_and_xml_base_make_the_launch_address():
    manifest = MANIFEST_12.format(
        title="T",
        items='<item identifier="i" identifierref="r" parameters="?lang=en">'
        "<title>I</title><adlcp:masteryscore>80</adlcp:masteryscore></item>",
        resources='<resource identifier="r" adlcp:scormtype="sco" xml:base="content/" '
        'href="start.html"/>',
    )
    data = zip_of({"imsmanifest.xml": manifest, "content/start.html": "<html></html>"})
    sco = read_package(data).organization.launchable()[0]

    assert sco.href == "content/start.html?lang=en"
    assert sco.mastery_score == 80


def test_an_upload_takes_its_title_from_the_manifest():
    package = uploaded(scorm_zip("2004", title="Working at height"))

    assert package.title == "Working at height"
    assert package.version == "2004" and package.edition == "2004 4th Edition"
    assert [a.identifier for a in package.activities] == ["sco-1"]


def test_a_file_that_is_not_a_zip_is_refused():
    assert "not a ZIP" in refusal(b"%PDF-1.4 not a zip")


def test_a_package_without_a_manifest_is_refused():
    assert "no imsmanifest.xml" in refusal(zip_of({"index.html": "<html></html>"}))


def test_a_manifest_inside_a_folder_says_how_to_zip_it():
    data = zip_of({"course/imsmanifest.xml": "<manifest/>", "course/a.html": ""})

    assert "inside the folder “course”" in refusal(data)


def test_a_launch_address_outside_the_package_is_refused():
    manifest = MANIFEST_12.format(
        title="T",
        items='<item identifier="i" identifierref="r"><title>I</title></item>',
        resources='<resource identifier="r" adlcp:scormtype="sco" '
        'href="../../etc/passwd"/>',
    )
    assert "points outside the package" in refusal(
        zip_of({"imsmanifest.xml": manifest})
    )


def test_a_launch_address_on_another_site_is_refused():
    manifest = MANIFEST_12.format(
        title="T",
        items='<item identifier="i" identifierref="r"><title>I</title></item>',
        resources='<resource identifier="r" adlcp:scormtype="sco" '
        'href="https://evil.example/sco.html"/>',
    )
    assert "points outside the package" in refusal(
        zip_of({"imsmanifest.xml": manifest})
    )


def test_a_launch_file_missing_from_the_package_is_refused():
    data = scorm_zip("1.2")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        manifest = archive.read("imsmanifest.xml")
    assert "is not in the package" in refusal(zip_of({"imsmanifest.xml": manifest}))


def test_a_member_that_climbs_out_of_the_folder_is_refused():
    data = scorm_zip("1.2", extra={"../../evil.js": "alert(1)"})

    assert "outside its folder" in refusal(data)


def test_a_zip_bomb_is_refused():
    data = scorm_zip("1.2", extra={"video.mp4": b"\0" * (20 * 1024 * 1024)})

    assert "zip bomb" in refusal(data)


def test_an_archive_of_ten_thousand_files_is_refused():
    files = {f"assets/{n}.txt": "x" for n in range(10_000)}

    message = refusal(scorm_zip("1.2", extra=files))

    assert message == "The package has 10002 files; at most 5000 are allowed."


def test_a_manifest_with_entities_is_not_expanded():
    manifest = (
        '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<manifest><metadata><schemaversion>1.2</schemaversion></metadata>"
        "<organizations><organization identifier='o'><title>&x;</title>"
        "</organization></organizations><resources/></manifest>"
    )
    message = refusal(zip_of({"imsmanifest.xml": manifest}))

    assert "root:" not in message
    assert "nothing to launch" in message


def test_an_unknown_schema_version_is_refused():
    manifest = (
        "<manifest><metadata><schemaversion>9.9</schemaversion></metadata></manifest>"
    )
    assert "not SCORM 1.2 or 2004" in refusal(zip_of({"imsmanifest.xml": manifest}))


@pytest.mark.django_db
def test_a_refused_package_writes_nothing(django_capture_on_commit_callbacks):
    before = default_storage.exists("scorm/content")
    with pytest.raises(ValidationError):
        ScormPackage(
            file=ContentFile(scorm_zip("1.2", extra={"../x": "y"}), name="p.zip")
        ).full_clean()

    assert not ScormPackage.objects.exists()
    assert default_storage.exists("scorm/content") == before


@pytest.mark.django_db
def test_a_saved_package_is_extracted_once_into_storage(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        package = uploaded(scorm_zip("1.2", extra={"media/logo.svg": "<svg/>"}))
        package.save()
    package.refresh_from_db()

    assert package.extracted
    assert default_storage.exists(f"{package.content_path}/sco-1/index.html")
    assert default_storage.exists(f"{package.content_path}/media/logo.svg")


# What the CMI data says, and the rollup -------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            {"cmi.core.lesson_status": "passed", "cmi.core.score.raw": "85"},
            (True, True, 85),
        ),
        ({"cmi.core.lesson_status": "completed"}, (True, None, None)),
        (
            {"cmi.core.lesson_status": "failed", "cmi.core.score.raw": "20"},
            (True, False, 20),
        ),
        ({"cmi.core.lesson_status": "incomplete"}, (False, None, None)),
        (
            {
                "cmi.core.score.raw": "15",
                "cmi.core.score.min": "0",
                "cmi.core.score.max": "20",
            },
            (None, None, 75),
        ),
    ],
)
def test_scorm_12_status_and_score(values, expected):
    status = status_from_cmi("1.2", values)

    assert (status.completed, status.success, status.score_percent) == expected


def test_scorm_2004_status_reads_completion_success_and_the_scaled_score():
    status = status_from_cmi(
        "2004",
        {
            "cmi.completion_status": "completed",
            "cmi.success_status": "failed",
            "cmi.score.scaled": "0.45",
        },
    )

    assert (status.completed, status.success, status.score_percent) == (True, False, 45)


def tree(*children, rules=()):
    return Activity("root", "Root", children=list(children), rules=list(rules))


def sco(name, **fields):
    return Activity(name, name, kind="sco", href=f"{name}.html", **fields)


DONE = Status(True, True, True, 100)
HALF = Status(False, None, True, 50)


def test_by_default_every_sco_must_be_complete():
    package = tree(sco("a"), sco("b"))

    assert roll_up(package, {"a": DONE}).completed is None
    assert roll_up(package, {"a": DONE, "b": HALF}).completed is False
    assert roll_up(package, {"a": DONE, "b": DONE}).completed is True
    assert roll_up(package, {"a": DONE, "b": HALF}).score_percent == 75


def test_a_sco_that_does_not_count_is_left_out_of_the_rollup():
    package = tree(
        sco("a"), sco("b", counts_for_completion=False, counts_for_success=False)
    )

    status = roll_up(package, {"a": DONE})

    assert status.completed is True and status.success is True


def test_a_rollup_rule_of_any_child_satisfied():
    package = tree(
        sco("a"),
        sco("b"),
        rules=[Rule("satisfied", "any", conditions=[["satisfied", False]])],
    )

    assert roll_up(package, {"a": DONE}).success is True


def test_a_rollup_rule_of_at_least_a_count_completed():
    rule = Rule("completed", "atLeastCount", 2, conditions=[["completed", False]])
    package = tree(sco("a"), sco("b"), sco("c"), rules=[rule])

    assert roll_up(package, {"a": DONE}).completed is None
    assert roll_up(package, {"a": DONE, "c": DONE}).completed is True


def test_the_manifest_passing_score_decides_success_in_2004():
    activity = sco("a", passing_score=0.6)
    values = {"cmi.completion_status": "completed", "cmi.score.scaled": "0.7"}

    assert status_from_cmi("2004", values, activity).success is True
    low = dict(values, **{"cmi.score.scaled": "0.5", "cmi.success_status": "passed"})
    assert status_from_cmi("2004", low, activity).success is False


def test_the_mastery_score_decides_success_in_12():
    activity = sco("a", mastery_score=80)
    values = {"cmi.core.lesson_status": "completed", "cmi.core.score.raw": "85"}

    assert status_from_cmi("1.2", values, activity).success is True
