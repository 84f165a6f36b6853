"""What `lti` holds about a person: who their learning platforms say they
are, their class memberships there and the results sent to those
gradebooks (see home/personal_data.py)."""

from lti_tool.models import LtiMembership, LtiRegistration, LtiUser

from home.personal_data import Export, register, rows

from .models import ScoreReport


def export(user):
    identities = LtiUser.objects.filter(auth_user=user)
    names = dict(
        LtiRegistration.objects.filter(users__auth_user=user).values_list("pk", "name")
    )
    return Export(
        records={
            "lti_platform_identities": [
                {**row, "platform": names[row["registration"]]}
                for row in rows(identities)
            ],
            "lti_memberships": rows(LtiMembership.objects.filter(user__auth_user=user)),
            "lti_results_sent": rows(ScoreReport.objects.filter(user=user)),
        }
    )


def erase(user, options):
    """The platform's copy of the person goes (memberships with it); a later
    launch from that platform starts a new account."""
    ScoreReport.objects.filter(user=user).delete()
    LtiUser.objects.filter(auth_user=user).delete()


def connect():
    register("lti", export=export, erase=erase)
