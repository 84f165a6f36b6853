"""IMS Common Cartridge import: a cartridge's structure and web content
(HTML pages and web links) as a new draft course, its top items as
sections and each page as a lesson of one rich text block, cleaned to what
the editor holds. Assessments, tools and the files pages show stay behind."""

import posixpath
import re
from dataclasses import dataclass
from html import escape

import nh3
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.rich_text import RichText

from lessons.archives import PackageError, checked_members, open_archive, parse_xml
from lessons.models import LessonPage

from ..models import CoursePage, SectionPage
from .cartridge import WEB_CONTENT
from .cc_xml import local
from .native import ExchangeError, add_page, free_slug

# What an imported page keeps: the rich text editor's own elements.
IMPORT_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "b", "em", "i", "ul", "ol",
    "li", "a", "blockquote",
}  # fmt: skip
MAX_PAGE_BYTES = 2 * 1024 * 1024


@dataclass
class Cartridge:
    title: str
    description: str
    sections: list  # [(section title, [(lesson title, cleaned HTML)])]


def read_cartridge(data):
    """A cartridge's title, description, organization and web content;
    ExchangeError when it cannot be read or has nothing to import."""
    try:
        archive = open_archive(data)
        names = set(checked_members(archive))
        if "imsmanifest.xml" not in names:
            raise PackageError(_("This is not a Common Cartridge: no imsmanifest.xml."))
        root = parse_xml(archive.read("imsmanifest.xml"), "imsmanifest.xml")
    except PackageError as error:
        raise ExchangeError(error.message) from error
    resources = {r.get("identifier"): r for r in root.iter() if local(r) == "resource"}
    organization = next((e for e in root.iter() if local(e) == "organization"), None)
    if organization is None:
        raise ExchangeError(_("The cartridge has no organization to import."))
    top = _items(organization)
    if len(top) == 1 and not top[0].get("identifierref"):
        top = _items(top[0])  # the rooted hierarchy's root
    sections, loose = [], []
    for item in top:
        if not _items(item):
            if lesson := _lesson(item, resources, archive, names):
                loose.append(lesson)
            continue
        # Deeper levels are flattened into the section, in their order.
        pages = [i for i in item.iter() if local(i) == "item" and i is not item]
        lessons = [
            lesson
            for page in pages
            if (lesson := _lesson(page, resources, archive, names))
        ]
        if lessons:
            sections.append((_title(item), lessons))
    if loose:
        sections.insert(0, (_("Lessons"), loose))
    if not sections:
        raise ExchangeError(_("The cartridge has no web content to import."))
    general = next((e for e in root.iter() if local(e) == "general"), None)
    return Cartridge(
        title=_lom_text(general, "title") or _("Imported course"),
        description=_lom_text(general, "description"),
        sections=sections,
    )


def _items(element):
    return [child for child in element if local(child) == "item"]


def _lom_text(general, name):
    field = (
        next((e for e in general if local(e) == name), None)
        if general is not None
        else None
    )
    return " ".join("".join(field.itertext()).split()) if field is not None else ""


def _lesson(item, resources, archive, names):
    """(title, HTML) of an item whose resource is web content (an HTML page
    or a link), None for what is not imported (assessments, tools)."""
    resource = resources.get(item.get("identifierref"))
    if resource is None:
        return None
    kind = resource.get("type", "")
    href = _resource_href(resource)
    if kind == WEB_CONTENT and href and href.lower().endswith((".html", ".htm")):
        if href not in names or archive.getinfo(href).file_size > MAX_PAGE_BYTES:
            return None
        return _title(item), _clean_page(archive.read(href))
    if kind.startswith("imswl_xml") and href in names:
        link = parse_xml(archive.read(href), href)
        url = next((e.get("href") for e in link.iter() if local(e) == "url"), "")
        if url.startswith(("http://", "https://")):
            text = escape(_title(item))
            return _title(item), f'<p><a href="{escape(url)}">{text}</a></p>'
    return None


def _resource_href(resource):
    href = resource.get("href")
    if not href:
        file = next((f for f in resource if local(f) == "file"), None)
        href = file.get("href") if file is not None else ""
    return posixpath.normpath(href) if href else ""


def _clean_page(data):
    """The page's body, kept to what the rich text editor holds: no
    scripts, styles, frames or images (their files stay behind)."""
    text = data.decode("utf-8", errors="replace")
    match = re.search(r"<body[^>]*>(.*)</body>", text, re.IGNORECASE | re.DOTALL)
    body = match[1] if match else text
    body = re.sub(r"<h1[^>]*>.*?</h1>", "", body, count=1, flags=re.I | re.S)
    return nh3.clean(
        body,
        tags=IMPORT_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    ).strip()


def _title(item):
    title = next((c for c in item if local(c) == "title"), None)
    text = " ".join("".join(title.itertext()).split()) if title is not None else ""
    return text[:255] or _("Untitled")


def import_cartridge(data, owner, parent):
    """A new draft course from a cartridge's structure and web content,
    owned and taught by `owner`: its top items as sections, their pages as
    lessons of one rich text block each."""
    cartridge = read_cartridge(data)
    course = CoursePage(
        title=cartridge.title[:255],
        summary=(cartridge.description or _("Imported from a Common Cartridge."))[:300],
        instructor=owner,
        owner=owner,
        live=False,
    )
    course.slug = free_slug(parent, slugify(course.title) or "imported-course")
    add_page(parent, course, owner)
    for section_title, lessons in cartridge.sections:
        section = SectionPage(title=section_title, live=False)
        section.slug = free_slug(course, slugify(section_title) or "section")
        add_page(course, section, owner)
        for lesson_title, html in lessons:
            content = {"content": RichText(html).source}
            lesson = LessonPage(
                title=lesson_title,
                live=False,
                body=[{"type": "rich_text", "value": content}],
            )
            lesson.slug = free_slug(section, slugify(lesson_title) or "lesson")
            add_page(section, lesson, owner)
    return course
