"""The native course package: one ZIP with `manifest.json` (the format and
its version, the course, its sections and lessons with every field and
block, and the files they use, each under a key) and the files themselves.
Nothing in it is a database id, so it imports into this site or another as
a new draft course owned by the person importing it; exporting that copy
gives the same manifest."""

import io
import json
import posixpath
import zipfile
from datetime import UTC, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from lessons.archives import PackageError, checked_members, open_archive
from lessons.blocks import LessonStreamBlock
from lessons.models import Cmi5Package, H5PPackage, LessonPage, ScormPackage

from ..models import CourseCategory, CourseIndexPage, CoursePage, SectionPage
from .references import rewrite_body, rewrite_rich_text

FORMAT = "coursewright-course"
VERSION = 1
MAX_MANIFEST_BYTES = 20 * 1024 * 1024

PAGE_FIELDS = ["title", "slug", "seo_title", "search_description"]
COURSE_FIELDS = [
    *PAGE_FIELDS,
    "summary",
    "difficulty",
    "language",
    "estimated_duration_minutes",
    "pricing_type",
    "price",
    "currency",
    "sequential_lessons",
]
SECTION_FIELDS = [*PAGE_FIELDS, "summary"]
LESSON_FIELDS = [*PAGE_FIELDS, "summary", "estimated_minutes", "free_preview"]
ASSET_KINDS = ("image", "document", "h5p", "scorm", "cmi5")


class ExchangeError(Exception):
    """A package that cannot be imported, with the reason."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def latest(page):
    """The page as last edited, drafts included."""
    return page.specific.get_latest_revision_as_object()


def course_tree(course):
    """[(section, [lessons])] in the syllabus order, as last edited."""
    sections = SectionPage.objects.child_of(course).order_by("path")
    return [
        (
            latest(section),
            [
                latest(lesson)
                for lesson in LessonPage.objects.child_of(section).order_by("path")
            ],
        )
        for section in sections
    ]


# Export ---------------------------------------------------------------------------


def export_course(course):
    """The course as the bytes of a native package."""
    return _Exporter(latest(course)).package()


def read_manifest(data):
    """The manifest of a native package (for comparing two exports)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return json.loads(archive.read("manifest.json"))


class _Exporter:
    def __init__(self, course):
        self.course = course
        self.tree = course_tree(course)
        self.lesson_keys = {
            lesson.pk: f"{section.slug}/{lesson.slug}"
            for section, lessons in self.tree
            for lesson in lessons
        }
        self.assets = {kind: {} for kind in ASSET_KINDS}
        self.keys = {}
        self.files = {}

    def package(self):
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "course": self.course_data(),
            "sections": [
                {
                    **fields(section, SECTION_FIELDS),
                    "lessons": [self.lesson_data(lesson) for lesson in lessons],
                }
                for section, lessons in self.tree
            ],
            "assets": self.assets,
        }
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", json.dumps(manifest, indent=2))
            archive.writestr(
                "about.json",
                json.dumps(
                    {
                        "exported_from": settings.SITE_URL,
                        "exported_at": datetime.now(UTC).isoformat(),
                    }
                ),
            )
            for name, data in self.files.items():
                archive.writestr(name, data)
        return buffer.getvalue()

    def course_data(self):
        course = self.course
        category = course.category
        return {
            **fields(course, COURSE_FIELDS),
            "description": rewrite_rich_text(course.description, self.swap),
            "learning_outcomes": list(course.learning_outcomes.raw_data),
            "thumbnail": self.key("image", course.thumbnail_id)
            if course.thumbnail_id
            else None,
            "category": {"name": category.name, "slug": category.slug}
            if category
            else None,
        }

    def lesson_data(self, lesson):
        return {
            **fields(lesson, LESSON_FIELDS),
            "prerequisites": sorted(
                self.lesson_keys[p.pk]
                for p in lesson.prerequisites.all()
                if p.pk in self.lesson_keys
            ),
            "body": rewrite_body(list(lesson.body.raw_data), self.swap),
        }

    def swap(self, kind, value):
        if kind == "page":
            key = self.lesson_keys.get(_int(value))
            return f"page:{key}" if key else None
        return self.key(kind, _int(value))

    def key(self, kind, pk):
        if pk is None:
            return None
        if (kind, pk) in self.keys:
            return self.keys[kind, pk]
        row = ASSET_MODELS[kind]().filter(pk=pk).first()
        if row is None:
            return None
        key = f"{kind}-{len(self.assets[kind]) + 1}"
        # Named by key, not by the stored name (storage may have added a
        # suffix), so a package exported again lists the same files.
        extension = posixpath.splitext(row.file.name)[1].lower()
        path = f"files/{kind}/{key}{extension}"
        with row.file.open("rb") as handle:
            self.files[path] = handle.read()
        asset = {"title": row.title, "file": path}
        if kind == "image" and row.has_focal_point():
            asset["focal_point"] = [
                row.focal_point_x,
                row.focal_point_y,
                row.focal_point_width,
                row.focal_point_height,
            ]
        self.assets[kind][key] = asset
        self.keys[kind, pk] = key
        return key


ASSET_MODELS = {
    "image": lambda: get_image_model().objects,
    "document": lambda: get_document_model().objects,
    "h5p": lambda: H5PPackage.objects,
    "scorm": lambda: ScormPackage.objects,
    "cmi5": lambda: Cmi5Package.objects,
}


def fields(page, names):
    return {name: getattr(page, name) for name in names}


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# Import ---------------------------------------------------------------------------


def import_course(data, owner, parent=None):
    """A new draft course from a native package (or a Common Cartridge's
    structure and web content), owned and taught by `owner`; ExchangeError
    when the package cannot be used. Nothing is
    published: the course goes through the site's workflow like any other."""
    try:
        archive = open_archive(data)
        names = set(checked_members(archive))
    except PackageError as error:
        raise ExchangeError(error.message) from error
    parent = parent or CourseIndexPage.objects.first()
    if parent is None:
        raise ExchangeError(_("The site has no catalogue page to import into."))
    if "imsmanifest.xml" in names and "manifest.json" not in names:
        from .cartridge_import import import_cartridge  # it builds on this module

        with transaction.atomic():
            return import_cartridge(data, owner, parent)
    manifest = _manifest(archive, names)
    with transaction.atomic():
        return _Importer(archive, names, manifest, owner).create(parent)


def _manifest(archive, names):
    if "manifest.json" not in names:
        raise ExchangeError(_("This is not a Coursewright course: no manifest.json."))
    if archive.getinfo("manifest.json").file_size > MAX_MANIFEST_BYTES:
        raise ExchangeError(_("manifest.json is too large."))
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except ValueError as error:
        raise ExchangeError(_("manifest.json is not valid JSON.")) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ExchangeError(_("This is not a Coursewright course package."))
    if manifest.get("version") != VERSION:
        raise ExchangeError(
            _("This package is format version %(found)s; this site reads %(ours)s.")
            % {"found": manifest.get("version"), "ours": VERSION}
        )
    return manifest


class _Importer:
    def __init__(self, archive, names, manifest, owner):
        self.archive, self.names = archive, names
        self.manifest, self.owner = manifest, owner
        self.ids = {}  # (kind, key) -> the new row's id
        self.lessons = {}  # "section/lesson" -> the new lesson

    def create(self, parent):
        data = self.manifest.get("course") or {}
        assets = self.manifest.get("assets") or {}
        for kind in ASSET_KINDS:
            for key, asset in (assets.get(kind) or {}).items():
                self.ids[kind, key] = self.asset(kind, asset).pk
        course = CoursePage(
            **pick(data, COURSE_FIELDS),
            description=rewrite_rich_text(data.get("description") or "", self.swap),
            learning_outcomes=data.get("learning_outcomes") or [],
            thumbnail_id=self.ids.get(("image", data.get("thumbnail"))),
            category=self.category(data.get("category")),
            instructor=self.owner,
            owner=self.owner,
            live=False,
        )
        course.slug = free_slug(parent, course.slug or slugify(course.title))
        self.add(parent, course)
        sections = self.manifest.get("sections") or []
        created = []
        for section_data in sections:
            section = SectionPage(**pick(section_data, SECTION_FIELDS), live=False)
            self.add(course, section)
            for lesson_data in section_data.get("lessons") or []:
                lesson = LessonPage(**pick(lesson_data, LESSON_FIELDS), live=False)
                self.add(section, lesson)
                self.lessons[f"{section.slug}/{lesson.slug}"] = lesson
                created.append((lesson, lesson_data))
        # Bodies and prerequisites once every lesson exists, for links between them.
        for lesson, lesson_data in created:
            lesson.body = self.body(lesson_data.get("body") or [])
            lesson.prerequisites.set(
                [
                    self.lessons[key]
                    for key in lesson_data.get("prerequisites") or []
                    if key in self.lessons
                ]
            )
            try:
                lesson.save()
                lesson.save_revision(user=self.owner)
            except ValidationError as error:
                raise ExchangeError(
                    _("“%(title)s” cannot be imported: %(reason)s")
                    % {"title": lesson.title, "reason": "; ".join(error.messages)}
                ) from error
        return course

    def add(self, parent, page):
        add_page(parent, page, self.owner)

    def body(self, raw):
        known = set(LessonStreamBlock().child_blocks)
        for block in raw:
            if not isinstance(block, dict) or block.get("type") not in known:
                raise ExchangeError(
                    _("A lesson has a block this site does not know: %(type)s")
                    % {"type": block.get("type") if isinstance(block, dict) else "?"}
                )
        return rewrite_body(raw, self.swap)

    def swap(self, kind, key):
        if kind == "page":
            lesson = self.lessons.get(str(key).removeprefix("page:"))
            return str(lesson.pk) if lesson else None
        return self.ids.get((kind, key))

    def asset(self, kind, asset):
        path = asset.get("file")
        if path not in self.names:
            raise ExchangeError(
                _("The package lacks the file %(path)s.") % {"path": path}
            )
        upload = ContentFile(self.archive.read(path), name=posixpath.basename(path))
        title = str(asset.get("title") or upload.name)[:200]
        if kind == "image":
            image = get_image_model()(title=title, file=upload)
            if asset.get("focal_point"):
                (
                    image.focal_point_x,
                    image.focal_point_y,
                    image.focal_point_width,
                    image.focal_point_height,
                ) = asset["focal_point"]
            image.uploaded_by_user = self.owner
            image.save()
            return image
        if kind == "document":
            document = get_document_model()(title=title, file=upload)
            document.uploaded_by_user = self.owner
            document.save()
            return document
        model = {"h5p": H5PPackage, "scorm": ScormPackage, "cmi5": Cmi5Package}[kind]
        package = model(title=title, file=upload, uploaded_by=self.owner)
        _checked(package)
        package.save()
        return package

    def category(self, data):
        if not isinstance(data, dict) or not data.get("slug"):
            return None
        category = CourseCategory.objects.filter(slug=data["slug"]).first()
        if category is None:
            category = CourseCategory.objects.create(
                slug=data["slug"], name=data.get("name") or data["slug"]
            )
        return category


def add_page(parent, page, owner):
    """A new draft page under `parent`, with its first revision."""
    page.owner = owner
    try:
        parent.add_child(instance=page)
        page.save_revision(user=owner)
    except ValidationError as error:
        raise ExchangeError(
            _("“%(title)s” cannot be imported: %(reason)s")
            % {"title": page.title, "reason": "; ".join(error.messages)}
        ) from error


def _checked(package):
    try:
        package.read_upload()
    except ValidationError as error:
        raise ExchangeError(" ".join(error.messages)) from error


def pick(data, names):
    return {name: data[name] for name in names if name in data}


def free_slug(parent, slug):
    """`slug`, or `slug-2`, `slug-3`... when a sibling already has it."""
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate
