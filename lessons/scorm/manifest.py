"""Reading an uploaded SCORM package: its ZIP checked by `lessons.archives`,
then imsmanifest.xml read into the version, title and activity tree."""

import posixpath
from dataclasses import asdict, dataclass, field

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

EDITIONS_2004 = {
    "cam 1.3": "2004 2nd Edition",
    "2004 3rd edition": "2004 3rd Edition",
    "2004 4th edition": "2004 4th Edition",
}


@dataclass
class Rule:
    """One 2004 rollup rule of a cluster: if `child_set` of its contributing
    children meet the conditions, the cluster takes `action`."""

    action: str
    child_set: str = "all"
    minimum_count: int = 0
    minimum_percent: float = 0.0
    combination: str = "any"
    conditions: list = field(default_factory=list)  # [[condition, negated], ...]


@dataclass
class Activity:
    """An item of the organization: a SCO or asset to launch, or a cluster."""

    identifier: str
    title: str
    kind: str = ""  # "sco", "asset", or "" for a cluster
    href: str = ""  # the launch path inside the package, with its parameters
    launch_data: str = ""
    mastery_score: float | None = None  # 1.2, 0-100
    passing_score: float | None = None  # 2004, scaled -1..1
    completion_threshold: float | None = None  # 2004, 0..1
    counts_for_completion: bool = True
    counts_for_success: bool = True
    rules: list = field(default_factory=list)
    children: list = field(default_factory=list)

    def launchable(self):
        """The items a learner opens, in the manifest's order."""
        if self.kind:
            return [self]
        return [leaf for child in self.children for leaf in child.launchable()]

    def as_json(self):
        return asdict(self)

    @classmethod
    def from_json(cls, data):
        data = dict(data)
        data["rules"] = [Rule(**rule) for rule in data.get("rules", [])]
        data["children"] = [cls.from_json(child) for child in data.get("children", [])]
        return cls(**data)


@dataclass
class Manifest:
    version: str  # "1.2" or "2004"
    edition: str
    title: str
    organization: Activity
    file_count: int
    total_bytes: int


def read_package(data):
    """The Manifest of a SCORM ZIP given as bytes, or PackageError."""
    names, descriptor, total = open_package(
        data, "imsmanifest.xml", _("a SCORM package")
    )
    manifest = parse_manifest(descriptor, set(names))
    manifest.file_count, manifest.total_bytes = len(names), total
    return manifest


# The manifest -----------------------------------------------------------------


def parse_manifest(data, names):
    root = parse_xml(data, "imsmanifest.xml")
    if local(root) != "manifest":
        raise PackageError(_("imsmanifest.xml does not describe a manifest."))
    version, edition = scorm_version(root)
    resources = read_resources(root, names)
    organization = default_organization(root)
    tree = read_item(organization, resources, version, names)
    tree.identifier = organization.get("identifier") or "organization"
    if not tree.launchable():
        raise PackageError(_("The package's organization has nothing to launch."))
    title = tree.title or text_of(first(root, "metadata", "lom", "general", "title"))
    return Manifest(version, edition, title or "", tree, 0, 0)


def xml_base(element):
    return element.get("{http://www.w3.org/XML/1998/namespace}base") or ""


def scorm_version(root):
    declared = text_of(first(root, "metadata", "schemaversion")).lower()
    if declared == "1.2":
        return "1.2", "1.2"
    if declared in EDITIONS_2004:
        return "2004", EDITIONS_2004[declared]
    namespaces = " ".join(str(ns) for ns in root.nsmap.values())
    if "adlcp_rootv1p2" in namespaces:
        return "1.2", "1.2"
    if "adlcp_v1p3" in namespaces:
        return "2004", "2004"
    raise PackageError(
        _("The manifest's schema version “%(version)s” is not SCORM 1.2 or 2004.")
        % {"version": declared or "?"}
    )


def read_resources(root, names):
    """{identifier: (kind, launch path)} of the resources that launch."""
    section = first(root, "resources")
    if section is None:
        raise PackageError(_("The manifest has no resources."))
    found = {}
    for resource in children(section, "resource"):
        href = attribute(resource, "href")
        if not href:
            continue
        base = posixpath.join(xml_base(section), xml_base(resource))
        kind = attribute(resource, "scormtype").lower() or "asset"
        found[resource.get("identifier", "")] = (
            "sco" if kind == "sco" else "asset",
            href,
            base,
        )
    return found


def default_organization(root):
    section = first(root, "organizations")
    organizations = children(section, "organization") if section is not None else []
    if not organizations:
        raise PackageError(_("The manifest has no organization."))
    wanted = section.get("default")
    return next(
        (o for o in organizations if o.get("identifier") == wanted), organizations[0]
    )


def read_item(element, resources, version, names):
    activity = Activity(
        identifier=element.get("identifier", ""),
        title=text_of(first(element, "title")),
    )
    reference = element.get("identifierref")
    if reference:
        if reference not in resources:
            raise PackageError(
                _("The item “%(item)s” refers to a resource the manifest lacks.")
                % {"item": activity.identifier}
            )
        kind, href, base = resources[reference]
        parameters = element.get("parameters", "")
        if parameters and not parameters.startswith(("?", "#")):
            parameters = "?" + parameters
        activity.kind = kind
        activity.href = clean_href(base, href, names) + _query_join(href, parameters)
    if version == "1.2":
        activity.launch_data = text_of(first(element, "datafromlms"))
        activity.mastery_score = _number(text_of(first(element, "masteryscore")))
    else:
        activity.launch_data = text_of(first(element, "dataFromLMS"))
        read_sequencing(element, activity)
    activity.children = [
        read_item(item, resources, version, names) for item in children(element, "item")
    ]
    return activity


def _query_join(href, parameters):
    """Manifest parameters appended to the launch URL (CAM 3.4.1.4 lets them
    add to a query the href already has)."""
    if not parameters or parameters.startswith("#"):
        return parameters
    return "&" + parameters[1:] if "?" in href else parameters


def read_sequencing(element, activity):
    threshold = first(element, "completionThreshold")
    if threshold is not None:
        value = attribute(threshold, "minProgressMeasure") or text_of(threshold)
        activity.completion_threshold = _number(value)
    sequencing = first(element, "sequencing")
    if sequencing is None:
        return
    objective = first(sequencing, "objectives", "primaryObjective")
    if objective is not None and attribute(objective, "satisfiedByMeasure") == "true":
        measure = text_of(first(objective, "minNormalizedMeasure"))
        activity.passing_score = _number(measure) if measure else 1.0
    rollup = first(sequencing, "rollupRules")
    if rollup is None:
        return
    activity.counts_for_success = (
        attribute(rollup, "rollupObjectiveSatisfied") != "false"
    )
    activity.counts_for_completion = (
        attribute(rollup, "rollupProgressCompletion") != "false"
    )
    for rule in children(rollup, "rollupRule"):
        conditions = first(rule, "rollupConditions")
        action = first(rule, "rollupAction")
        if conditions is None or action is None:
            continue
        activity.rules.append(
            Rule(
                action=attribute(action, "action"),
                child_set=attribute(rule, "childActivitySet") or "all",
                minimum_count=int(_number(attribute(rule, "minimumCount")) or 0),
                minimum_percent=_number(attribute(rule, "minimumPercent")) or 0.0,
                combination=attribute(conditions, "conditionCombination") or "any",
                conditions=[
                    [attribute(c, "condition"), attribute(c, "operator") == "not"]
                    for c in children(conditions, "rollupCondition")
                ],
            )
        )


def _number(text):
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if value == value and abs(value) < 1e9 else None
