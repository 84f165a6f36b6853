"""Reading an uploaded cmi5 course: its ZIP checked by `lessons.archives`,
then cmi5.xml read into the course's id, title and assignable units (AUs),
each with the address it launches, its moveOn criterion and mastery score."""

from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from ..archives import (
    PackageError,
    attribute,
    children,
    clean_href,
    first,
    local,
    open_package,
    parse_xml,
    text_of,
)

STRUCTURE_FILE = "cmi5.xml"
MOVE_ON = ("Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed")
NOT_APPLICABLE = "NotApplicable"
LAUNCH_METHODS = ("AnyWindow", "OwnWindow")


@dataclass
class AssignableUnit:
    """One AU: what the learner launches and what satisfies it."""

    id: str
    title: str
    url: str  # a path in the package (with its query) or an https address
    move_on: str = NOT_APPLICABLE
    mastery_score: float | None = None
    launch_method: str = "AnyWindow"
    launch_parameters: str = ""
    entitlement_key: str = ""
    block: str = ""  # the title of the block it sits in, if any

    @property
    def external(self):
        return bool(urlsplit(self.url).scheme)

    def satisfied_by(self, completed, passed):
        """Whether the AU's moveOn criterion is met."""
        return {
            "Passed": passed,
            "Completed": completed,
            "CompletedAndPassed": completed and passed,
            "CompletedOrPassed": completed or passed,
        }.get(self.move_on, True)


@dataclass
class CourseStructure:
    id: str
    title: str
    description: str = ""
    units: list = field(default_factory=list)
    file_count: int = 0
    total_bytes: int = 0

    def as_json(self):
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "units": [asdict(unit) for unit in self.units],
        }

    @classmethod
    def from_json(cls, data):
        return cls(
            id=data.get("id", ""),
            title=data.get("title", ""),
            description=data.get("description", ""),
            units=[AssignableUnit(**unit) for unit in data.get("units", [])],
        )


def read_course(data):
    """The CourseStructure of a cmi5 ZIP given as bytes, or PackageError."""
    names, descriptor, total = open_package(data, STRUCTURE_FILE, _("a cmi5 course"))
    course = parse_structure(descriptor, set(names))
    course.file_count, course.total_bytes = len(names), total
    return course


def parse_structure(data, names):
    root = parse_xml(data, STRUCTURE_FILE)
    if local(root) != "courseStructure":
        raise PackageError(_("cmi5.xml does not describe a course structure."))
    course = first(root, "course")
    if course is None or not attribute(course, "id"):
        raise PackageError(_("cmi5.xml has no course with an id."))
    units = []
    _read_units(root, names, units, block="")
    if not units:
        raise PackageError(_("The course has no assignable unit to launch."))
    ids = [unit.id for unit in units]
    if len(set(ids)) != len(ids):
        raise PackageError(_("Two assignable units share the same id."))
    return CourseStructure(
        id=attribute(course, "id"),
        title=_lang_text(first(course, "title")),
        description=_lang_text(first(course, "description")),
        units=units,
    )


def _read_units(parent, names, units, block):
    for element in parent:
        if local(element) == "block":
            _read_units(element, names, units, _lang_text(first(element, "title")))
        elif local(element) == "au":
            units.append(_read_unit(element, names, block))


def _read_unit(element, names, block):
    identifier = attribute(element, "id")
    title = _lang_text(first(element, "title")) or identifier
    if not identifier or len(identifier) > 500:
        raise PackageError(_("An assignable unit has no usable id."))
    move_on = attribute(element, "moveOn") or NOT_APPLICABLE
    if move_on not in (*MOVE_ON, NOT_APPLICABLE):
        raise PackageError(
            _("“%(title)s” has an unknown moveOn value “%(value)s”.")
            % {"title": title, "value": move_on[:40]}
        )
    launch_method = attribute(element, "launchMethod") or "AnyWindow"
    if launch_method not in LAUNCH_METHODS:
        raise PackageError(
            _("“%(title)s” has an unknown launchMethod “%(value)s”.")
            % {"title": title, "value": launch_method[:40]}
        )
    return AssignableUnit(
        id=identifier,
        title=title[:200],
        url=_launch_url(text_of(first(element, "url")), names),
        move_on=move_on,
        mastery_score=_mastery(attribute(element, "masteryScore"), title),
        launch_method=launch_method,
        launch_parameters=text_of(first(element, "launchParameters"))[:4000],
        entitlement_key=text_of(first(element, "entitlementKey"))[:500],
        block=block[:200],
    )


def _launch_url(url, names):
    if not url:
        raise PackageError(_("An assignable unit has no launch address."))
    parts = urlsplit(url)
    if parts.scheme:
        if parts.scheme != "https" or not parts.netloc:
            raise PackageError(
                _("The launch address “%(url)s” must be in the package or on https.")
                % {"url": url[:200]}
            )
        return url
    return clean_href("", url, names)


def _mastery(value, title):
    if not value:
        return None
    try:
        score = float(value)
    except ValueError:
        score = -1.0
    if not 0 <= score <= 1:
        raise PackageError(
            _("“%(title)s” has a mastery score that is not between 0 and 1.")
            % {"title": title}
        )
    return score


def _lang_text(element):
    """The first langstring of a title or description (or its plain text)."""
    if element is None:
        return ""
    strings = children(element, "langstring")
    return text_of(strings[0] if strings else element)
