"""The class list from the platform (Names and Role Provisioning Services):
each active member gets their linked account and, for a learner, an
enrolment in every course placed in that platform course."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from lti_tool.models import LtiUser
from pylti1p3.names_roles import NamesRolesProvisioningService

from courses.models import CoursePage
from learners.models import Enrollment
from learners.services import enroll
from learners.services.errors import LearningError

from ..models import Placement
from ..protocol import LaunchRefused, is_instructor, service_connector
from .accounts import account_for

MAX_MEMBERS = 5000  # one class; a bigger list is refused, not half read


@dataclass(frozen=True)
class RosterSync:
    members: int
    enrolled: int
    left_out: int


def sync_roster(context):
    """Read the context's members and enrol its learners. Safe to run again:
    accounts and enrolments are made once."""
    if not context.memberships_url:
        raise LaunchRefused(
            _("Your learning platform does not share this course's class list."), 400
        )
    registration = context.deployment.registration
    service = NamesRolesProvisioningService(
        service_connector(registration),
        {
            "context_memberships_url": context.memberships_url,
            "service_versions": ["2.0"],
        },
    )
    members = service.get_members()
    if len(members) > MAX_MEMBERS:
        raise LaunchRefused(_("The class list is longer than this tool reads."), 400)
    members = [member for member in members if member.get("user_id")]
    for member in members:
        member["user_id"] = str(member["user_id"])[:255]
        member.setdefault("status", "Active")
        member.setdefault("roles", [])
    context.update_memberships(members)
    active = [member for member in members if member["status"] == "Active"]
    courses = list(
        CoursePage.objects.filter(
            pk__in=Placement.objects.filter(resource_link__context=context).values(
                "course"
            )
        )
    )
    accounts = {
        lti_user.sub: lti_user
        for lti_user in LtiUser.objects.filter(
            registration=registration, sub__in=[member["user_id"] for member in active]
        )
    }
    enrolled = left_out = 0
    for member in active:
        user = account_for(accounts[member["user_id"]], member["roles"])
        if is_instructor(member["roles"]):
            continue
        for course in courses:
            try:
                outcome = enroll(user, course, Enrollment.Source.LTI)
            except LearningError:
                left_out += 1
                continue
            enrolled += not outcome.already_enrolled
    return RosterSync(members=len(active), enrolled=enrolled, left_out=left_out)
