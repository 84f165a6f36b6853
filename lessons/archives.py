"""Reading an uploaded package safely: every member of a ZIP checked (paths,
sizes, count, compression ratio) before anything is written, and XML read
with no DTDs, entities or network. Shared by SCORM and cmi5 packages."""

import io
import posixpath
import stat
import zipfile
from urllib.parse import urlsplit

from django.utils.translation import gettext as _
from lxml import etree

MAX_FILES = 5_000
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 500 * 1024 * 1024
# Real content compresses 2-10x; a member that claims far more is a bomb.
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 1024 * 1024

# No DTDs, no entities, no network: a manifest is data, never a program.
PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)


class PackageError(Exception):
    """An upload that cannot be played, with a message for the instructor."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


MAX_DESCRIPTOR_BYTES = 2 * 1024 * 1024


def open_package(data, descriptor, what):
    """(the member names, the bytes of `descriptor` at the top, the total
    size) of a package ZIP, after every member was checked; PackageError
    when the file the package is described by is missing or too large."""
    archive = open_archive(data)
    names = checked_members(archive)
    if descriptor not in names:
        nested = [n for n in names if n.endswith(f"/{descriptor}")]
        if nested:
            raise PackageError(
                _(
                    "%(file)s is inside the folder “%(folder)s”: zip the "
                    "folder's contents, not the folder."
                )
                % {"file": descriptor, "folder": nested[0].rsplit("/", 1)[0]}
            )
        raise PackageError(
            _("The package has no %(file)s, so it is not %(what)s.")
            % {"file": descriptor, "what": what}
        )
    info = archive.getinfo(descriptor)
    if info.file_size > MAX_DESCRIPTOR_BYTES:
        raise PackageError(_("%(file)s is too large.") % {"file": descriptor})
    total = sum(archive.getinfo(name).file_size for name in names)
    return names, archive.read(info), total


def parse_xml(data, descriptor):
    """The root element of a package's XML file, or PackageError."""
    try:
        return etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError as error:
        raise PackageError(
            _("%(file)s is not well-formed XML: %(error)s")
            % {"file": descriptor, "error": error}
        ) from error


def open_archive(data):
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as error:
        raise PackageError(_("The file is not a ZIP archive.")) from error


def checked_members(archive):
    """The archive's file names, after refusing anything unsafe; nothing has
    been extracted yet."""
    members = [info for info in archive.infolist() if not info.is_dir()]
    if len(members) > MAX_FILES:
        raise PackageError(
            _("The package has %(count)s files; at most %(limit)s are allowed.")
            % {"count": len(members), "limit": MAX_FILES}
        )
    total = 0
    names = []
    for info in members:
        name = info.filename
        if not safe_member_name(name):
            raise PackageError(
                _("The package has a file outside its folder: “%(name)s”.")
                % {"name": name[:200]}
            )
        if stat.S_ISLNK(info.external_attr >> 16):
            raise PackageError(
                _("The package has a symbolic link: “%(name)s”.") % {"name": name}
            )
        if info.flag_bits & 0x1:
            raise PackageError(_("The package has encrypted files."))
        if info.file_size > MAX_FILE_BYTES:
            raise PackageError(
                _("“%(name)s” is larger than %(limit)s MB.")
                % {"name": name, "limit": MAX_FILE_BYTES // (1024 * 1024)}
            )
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise PackageError(
                _("“%(name)s” expands over %(ratio)s times: refused as a zip bomb.")
                % {"name": name, "ratio": MAX_RATIO}
            )
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise PackageError(
                _("The package expands to more than %(limit)s MB.")
                % {"limit": MAX_TOTAL_BYTES // (1024 * 1024)}
            )
        names.append(name)
    if len(set(names)) != len(names):
        raise PackageError(_("The package lists the same file twice."))
    return names


def safe_member_name(name):
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    if ":" in name.split("/", 1)[0]:
        return False  # a drive letter
    clean = posixpath.normpath(name)
    return clean == name and not clean.startswith("../") and clean != ".."


def clean_href(base, href, names):
    """The package path `href` (relative to `base`) launches, with its query;
    PackageError when it points outside the package or at nothing."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("/"):
        raise PackageError(
            _("The launch address “%(href)s” points outside the package.")
            % {"href": href[:200]}
        )
    path = posixpath.normpath(posixpath.join(base, parts.path)) if parts.path else ""
    if not path or path.startswith("../") or path == "..":
        raise PackageError(
            _("The launch address “%(href)s” points outside the package.")
            % {"href": href[:200]}
        )
    if path not in names:
        raise PackageError(
            _("The launch file “%(path)s” is not in the package.") % {"path": path}
        )
    return path + (f"?{parts.query}" if parts.query else "")


# XML -----------------------------------------------------------------------


def local(element):
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def children(element, name):
    return [child for child in element if local(child) == name]


def first(element, *path):
    for name in path:
        if element is None:
            return None
        element = next(iter(children(element, name)), None)
    return element


def attribute(element, name):
    """An attribute by its local name, whatever its namespace or case."""
    for key, value in element.attrib.items():
        if etree.QName(key).localname.lower() == name.lower():
            return value.strip()
    return ""


def text_of(element):
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())
