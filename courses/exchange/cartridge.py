"""IMS Common Cartridge 1.3 export: a course as a cartridge other systems
(Moodle, Canvas) open. Its sections and lessons are the organization, each
lesson is a web page with the files it shows, and each quiz a QTI 1.2
assessment (`qti.py`). H5P, SCORM, cmi5 and AI-tool blocks link back to the
lesson here, where they play."""

import io
import posixpath
import re
import zipfile
from html import escape

from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from home.markdown_text import LESSON_TAGS, render_markdown

from . import qti
from .cc_xml import CP, LOM, XSI, element, sub, to_bytes
from .native import course_tree, latest

SCHEMA_LOCATION = (
    f"{CP} http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imscp_v1p2_v1p0.xsd "
    f"{LOM} http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lommanifest_v1p0.xsd"
)
WEB_CONTENT = "webcontent"
ASSESSMENT = "imsqti_xmlv1p2/imscc_xmlv1p3/assessment"


def export_cartridge(course):
    """The course (as last edited) as the bytes of a Common Cartridge 1.3."""
    return _Cartridge(latest(course)).package()


class _Cartridge:
    def __init__(self, course):
        self.course = course
        self.files = {}  # path in the cartridge -> bytes
        self.resources = []  # (identifier, type, href, [files])
        self.skipped = 0  # questions with no Common Cartridge type

    def package(self):
        manifest = element("manifest", identifier=f"cw-{self.course.slug}")
        manifest.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
        self.metadata(manifest)
        organizations = sub(manifest, "organizations")
        organization = sub(
            organizations,
            "organization",
            identifier="org",
            structure="rooted-hierarchy",
        )
        root = sub(organization, "item", identifier="root")
        for s_index, (section, lessons) in enumerate(course_tree(self.course), 1):
            section_item = sub(root, "item", identifier=f"s{s_index}")
            sub(section_item, "title", section.title)
            for l_index, lesson in enumerate(lessons, 1):
                self.lesson(section_item, lesson, f"s{s_index}l{l_index}")
        resources = sub(manifest, "resources")
        for identifier, kind, href, files in self.resources:
            attrs = {"identifier": identifier, "type": kind}
            if href:
                attrs["href"] = href
            resource = sub(resources, "resource", **attrs)
            for path in files:
                sub(resource, "file", href=path)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("imsmanifest.xml", to_bytes(manifest))
            for path, data in sorted(self.files.items()):
                archive.writestr(path, data)
        return buffer.getvalue()

    def metadata(self, manifest):
        metadata = sub(manifest, "metadata")
        sub(metadata, "schema", "IMS Common Cartridge")
        sub(metadata, "schemaversion", "1.3.0")
        general = sub(sub(metadata, "lom", ns=LOM), "general", ns=LOM)
        language = self.course.language or "en"
        title = sub(general, "title", ns=LOM)
        sub(title, "string", self.course.title, ns=LOM, language=language)
        if self.course.summary:
            description = sub(general, "description", ns=LOM)
            sub(description, "string", self.course.summary, ns=LOM, language=language)

    def lesson(self, section_item, lesson, key):
        page_path = f"{key}/{slugify(lesson.slug) or key}.html"
        body, files = self.page_html(lesson, key)
        self.files[page_path] = body.encode()
        self.add_resource(
            section_item, key, lesson.title, WEB_CONTENT, page_path, files
        )
        for index, block in enumerate(lesson.body, 1):
            if block.block_type == "quiz":
                quiz_key = f"{key}q{index}"
                path = f"{quiz_key}/assessment_qti.xml"
                self.files[path], skipped = qti.assessment(block.value, quiz_key)
                self.skipped += skipped
                self.add_resource(
                    section_item,
                    quiz_key,
                    block.value["title"],
                    ASSESSMENT,
                    None,
                    [path],
                )

    def add_resource(self, parent, key, title, kind, href, files):
        item = sub(parent, "item", identifier=f"i-{key}", identifierref=f"r-{key}")
        sub(item, "title", title)
        self.resources.append(
            (f"r-{key}", kind, href, [p for p in [href, *files] if p])
        )

    # A lesson's page ------------------------------------------------------------

    def page_html(self, lesson, key):
        """The lesson as one HTML page, and the files it links to."""
        parts, files = [], []
        for block in lesson.body:
            html, used = self.block_html(block, lesson, key)
            parts.append(html)
            files.extend(used)
        title = escape(lesson.title)
        summary = f"<p>{escape(lesson.summary)}</p>" if lesson.summary else ""
        page = (
            f'<!DOCTYPE html>\n<html lang="{escape(self.course.language or "en")}">'
            f'<head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><h1>{title}</h1>{summary}{''.join(parts)}</body></html>\n"
        )
        return page, files

    def block_html(self, block, lesson, key):
        kind, value = block.block_type, block.value
        if kind == "rich_text":
            return _absolute(expand_db_html(value["content"].source)), []
        if kind == "markdown":
            return str(render_markdown(value["markdown"], tags=LESSON_TAGS)), []
        if kind == "code":
            return f"<pre><code>{escape(value['code'])}</code></pre>", []
        if kind in {"video", "pdf"}:
            document = value.get("file") or value.get("document")
            title = escape(value.get("title") or (document.title if document else ""))
            if document is None:
                url = escape(value.get("url") or "")
                return f'<p><a href="{url}">{title or url}</a></p>', []
            path = f"{key}/files/{posixpath.basename(document.file.name)}"
            with document.file.open("rb") as handle:
                self.files[path] = handle.read()
            href = escape(posixpath.relpath(path, key))
            if kind == "video":
                return f'<video controls src="{href}">{title}</video>', [path]
            return f'<p><a href="{href}">{title}</a></p>', [path]
        if kind == "assignment":
            instructions = _absolute(expand_db_html(value["instructions"].source))
            return f"<h2>{escape(value['title'])}</h2>{instructions}", []
        if kind == "quiz":
            text = _("The quiz follows this page: %(title)s") % {
                "title": value["title"]
            }
            return f"<p>{escape(text)}</p>", []
        # H5P, SCORM, cmi5 and AI tools play on the platform they came from.
        title = value.get("title") or getattr(value.get("package"), "title", "")
        url = escape(lesson.get_full_url() or settings.SITE_URL)
        text = escape(
            _("“%(title)s” is an interactive activity: open it in Coursewright.")
            % {"title": title or _("This activity")}
        )
        return f'<p><a href="{url}">{text}</a></p>', []


def _absolute(html):
    """Site-relative links and images made absolute: they point back at
    this site, where the cartridge came from."""
    base = settings.SITE_URL.rstrip("/")
    return re.sub(r'(href|src)="/(?!/)', rf'\1="{base}/', html)
