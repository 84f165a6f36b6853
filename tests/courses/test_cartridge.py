"""IMS Common Cartridge 1.3: the demo's largest course goes out as a
cartridge whose organization follows the syllabus, whose every reference
resolves to a file in it, and whose quizzes are QTI 1.2 in the cartridge
profile where the question types map; a cartridge's pages and structure
come back as a new draft course, cleaned to what rich text may hold."""

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from lxml import etree

from courses.exchange.cartridge import export_cartridge
from courses.exchange.cc_xml import CP, QTI
from courses.exchange.native import ExchangeError, course_tree, import_course
from courses.exchange.qti import PROFILES
from courses.models import CoursePage
from lessons.models import LessonPage
from tests.courses.test_exchange import largest_demo_course
from tests.lessons.scorm_packages import zip_of

pytestmark = pytest.mark.django_db

NS = {"cp": CP, "qti": QTI}


def parts(data):
    archive = zipfile.ZipFile(io.BytesIO(data))
    return archive, etree.fromstring(archive.read("imsmanifest.xml"))


def quiz_blocks(course):
    return [
        block
        for _section, lessons in course_tree(course)
        for lesson in lessons
        for block in lesson.body
        if block.block_type == "quiz"
    ]


def test_a_course_exports_as_a_cartridge_that_follows_its_syllabus():
    course = largest_demo_course()

    archive, manifest = parts(export_cartridge(course))

    assert manifest.tag == f"{{{CP}}}manifest"
    assert manifest.findtext("cp:metadata/cp:schema", namespaces=NS) == (
        "IMS Common Cartridge"
    )
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.3.0"
    root = manifest.find("cp:organizations/cp:organization/cp:item", NS)
    sections = root.findall("cp:item", NS)
    tree = course_tree(course)
    assert [s.findtext("cp:title", namespaces=NS) for s in sections] == [
        section.title for section, _lessons in tree
    ]
    pages = [
        item.findtext("cp:title", namespaces=NS)
        for section in sections
        for item in section.findall("cp:item", NS)
    ]
    assert [lesson.title for _s, lessons in tree for lesson in lessons] == [
        title
        for title in pages
        if title in {lesson.title for _s, ls in tree for lesson in ls}
    ]
    # Every item's resource exists, and every file a resource names is there.
    resources = {
        r.get("identifier"): r for r in manifest.iterfind(".//cp:resource", NS)
    }
    names = set(archive.namelist())
    for item in root.iterfind(".//cp:item[@identifierref]", NS):
        resource = resources[item.get("identifierref")]
        files = [f.get("href") for f in resource.findall("cp:file", NS)]
        assert files and set(files) <= names
        if resource.get("type") == "webcontent":
            page = archive.read(resource.get("href")).decode()
            assert f"<h1>{item.findtext('cp:title', namespaces=NS)}" in page.replace(
                "&#x27;", "'"
            )


def test_quizzes_export_as_qti_where_the_question_types_map():
    course = largest_demo_course()
    quizzes = quiz_blocks(course)

    archive, manifest = parts(export_cartridge(course))
    assessments = [
        r
        for r in manifest.iterfind(".//cp:resource", NS)
        if r.get("type") == "imsqti_xmlv1p2/imscc_xmlv1p3/assessment"
    ]

    assert len(assessments) == len(quizzes) > 0
    for resource, quiz in zip(assessments, quizzes, strict=True):
        qti = etree.fromstring(archive.read(resource.find("cp:file", NS).get("href")))
        items = qti.findall(".//qti:item", NS)
        mapped = [q for q in quiz.value["questions"] if q.block_type in PROFILES]
        assert len(items) == len(mapped)
        for item, question in zip(items, mapped, strict=True):
            profile = item.xpath(
                ".//qti:fieldlabel[.='cc_profile']/../qti:fieldentry/text()",
                namespaces=NS,
            )
            assert profile == [PROFILES[question.block_type]]
            if question.block_type == "single_choice":
                right = [
                    f"o{n}"
                    for n, option in enumerate(question.value["options"], 1)
                    if option["correct"]
                ]
                assert item.xpath(".//qti:varequal/text()", namespaces=NS) == right


def test_an_exported_cartridge_imports_as_a_draft_with_its_pages():
    course = largest_demo_course()
    owner = get_user_model().objects.get(username="admin")

    copy = import_course(export_cartridge(course), owner)

    assert not copy.live and copy.owner == owner and copy.instructor == owner
    assert copy.title == course.title
    lessons = LessonPage.objects.descendant_of(copy).order_by("path")
    originals = [lesson.title for _s, ls in course_tree(course) for lesson in ls]
    assert [lesson.title for lesson in lessons] == originals
    first = lessons.first()
    assert first.body[0].block_type == "rich_text"
    assert "<script" not in first.body[0].value["content"].source
    assert not lessons.filter(live=True).exists()


def test_the_command_and_the_admin_export_a_cartridge(tmp_path, client):
    course = largest_demo_course()
    target = tmp_path / "course.imscc"

    call_command(
        "export_course",
        course.slug,
        str(target),
        "--format",
        "cc",
        stdout=io.StringIO(),
    )
    client.force_login(get_user_model().objects.get(username="admin"))
    response = client.get(f"/admin/course-exchange/{course.pk}/export/?format=cc")

    assert zipfile.ZipFile(target).read("imsmanifest.xml").startswith(b"<?xml")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.imscc"')


MANIFEST = """<?xml version="1.0"?>
<manifest identifier="m" xmlns="{cp}">
  <metadata><schema>IMS Common Cartridge</schema><schemaversion>1.3.0</schemaversion>
  </metadata>
  <organizations>{organization}</organizations>
  <resources>
    <resource identifier="r1" type="webcontent" href="p1.html">
      <file href="p1.html"/></resource>
    <resource identifier="r2" type="imswl_xmlv1p3"><file href="link.xml"/></resource>
  </resources>
</manifest>"""
ORGANIZATION = """<organization identifier="o" structure="rooted-hierarchy">
  <item identifier="root"><item identifier="s"><title>Week one</title>
    <item identifier="i1" identifierref="r1"><title>Hostile page</title></item>
    <item identifier="i2" identifierref="r2"><title>Reading</title></item>
  </item></item></organization>"""
HOSTILE = """<html><head><script>steal()</script></head><body><h1>Hostile page</h1>
<p onclick="steal()">Hello <a href="javascript:steal()">x</a>
<a href="https://example.org/more">more</a></p><img src="x" onerror="steal()">
<iframe src="https://evil.example"></iframe><style>p{}</style></body></html>"""
LINK = """<webLink xmlns="http://www.imsglobal.org/xsd/imsccv1p3/imswl_v1p3">
<title>Reading</title><url href="https://example.org/read"/></webLink>"""


def cartridge(organization=ORGANIZATION):
    return zip_of(
        {
            "imsmanifest.xml": MANIFEST.format(cp=CP, organization=organization),
            "p1.html": HOSTILE,
            "link.xml": LINK,
        }
    )


def test_an_imported_page_keeps_only_what_rich_text_may_hold(catalogue, admin_user):
    course = import_course(cartridge(), admin_user)

    page, link = LessonPage.objects.descendant_of(course).order_by("path")
    html = page.body[0].value["content"].source
    assert (page.title, link.title) == ("Hostile page", "Reading")
    assert "Hello" in html and 'href="https://example.org/more"' in html
    for bad in ("script", "steal", "onclick", "javascript:", "<img", "iframe", "style"):
        assert bad not in html
    assert 'href="https://example.org/read"' in link.body[0].value["content"].source


def test_a_cartridge_without_content_is_refused_and_leaves_nothing(
    catalogue, admin_user
):
    before = CoursePage.objects.count()

    with pytest.raises(ExchangeError, match="no organization"):
        import_course(cartridge(organization=""), admin_user)

    assert CoursePage.objects.count() == before
