"""The LTI 1.3 messages through pylti1p3 and django-lti's stores: a launch
validated (state, signature against the platform's keys, nonce, audience,
expiry, deployment), a launch restored from the cache, a connector for the
platform's services. Outbound calls have a timeout, so a platform that hangs
holds no worker."""

import requests
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from lti_tool.models import Key, LtiLaunch
from lti_tool.utils import DjangoToolConfig
from pylti1p3.contrib.django import DjangoCacheDataStorage, DjangoMessageLaunch
from pylti1p3.exception import LtiException
from pylti1p3.service_connector import ServiceConnector

SERVICE_TIMEOUT = 10  # seconds, for each call to a platform
# The platform's signing keys, kept between launches (it rotates them
# rarely; a key we have not seen yet is fetched again after this long).
PLATFORM_KEYS_LIFETIME = 10 * 60

ROLE = "https://purl.imsglobal.org/spec/lti/claim/roles"
CUSTOM = "https://purl.imsglobal.org/spec/lti/claim/custom"
TARGET = "https://purl.imsglobal.org/spec/lti/claim/target_link_uri"
PRESENTATION = "https://purl.imsglobal.org/spec/lti/claim/launch_presentation"
AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
LINEITEM_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
LINEITEM_READ_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly"
NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
INSTRUCTOR_ROLES = ("Instructor", "Administrator", "ContentDeveloper", "Mentor")


class LaunchRefused(Exception):
    """A launch that must not go on; the message is for the person."""

    def __init__(self, message, status=403):
        super().__init__(message)
        self.message = message
        self.status = status


class TimeoutSession(requests.Session):
    def request(self, *args, **kwargs):
        kwargs.setdefault("timeout", SERVICE_TIMEOUT)
        return super().request(*args, **kwargs)


def ensure_tool_key():
    """The tool signs with the newest active key; the first is made on first
    use. `manage.py rotate_keys` adds a new one (README, LTI)."""
    if not Key.objects.active().exists():
        Key.objects.generate()


def validated_launch(request):
    """The launch POSTed to us, checked by pylti1p3 end to end, or
    LaunchRefused with what was wrong."""
    ensure_tool_key()
    storage = DjangoCacheDataStorage()
    message_launch = DjangoMessageLaunch(
        request,
        DjangoToolConfig(),
        launch_data_storage=storage,
        requests_session=TimeoutSession(),
    )
    message_launch.set_public_key_caching(storage, PLATFORM_KEYS_LIFETIME)
    try:
        message_launch.validate()
    except LtiException as error:
        raise LaunchRefused(_explain(str(error))) from error
    except requests.RequestException as error:
        raise LaunchRefused(
            _("Your learning platform's keys could not be read; try again."), 502
        ) from error
    return LtiLaunch(message_launch)


def restored_launch(request, launch_id):
    """A launch validated earlier in this session (for deep linking)."""
    try:
        message_launch = DjangoMessageLaunch.from_cache(
            launch_id,
            request,
            DjangoToolConfig(),
            launch_data_storage=DjangoCacheDataStorage(),
            requests_session=TimeoutSession(),
        )
    except LtiException as error:
        raise LaunchRefused(
            _("This launch has expired. Open the tool again from your course."), 400
        ) from error
    return LtiLaunch(message_launch)


def service_connector(registration):
    ensure_tool_key()
    return ServiceConnector(registration.to_registration(), TimeoutSession())


def is_instructor(roles):
    """LTI roles are URIs (`...membership#Instructor`); a short role is
    accepted too."""
    return any(role.rsplit("#", 1)[-1] in INSTRUCTOR_ROLES for role in roles or ())


_EXPLANATIONS = (
    (
        "State not found",
        gettext_lazy(
            "This launch was not started from your learning platform, or it "
            "took too long. Open it again from your course."
        ),
    ),
    (
        "Invalid Nonce",
        gettext_lazy("This launch is no longer valid. Open it again from your course."),
    ),
    (
        "expired",
        gettext_lazy("This launch has expired. Open it again from your course."),
    ),
    (
        "Registration not found",
        gettext_lazy(
            "This learning platform is not registered here, or the launch "
            "was meant for another tool."
        ),
    ),
    (
        "Client id not registered",
        gettext_lazy("This launch was meant for another tool."),
    ),
    (
        "Unable to find public key",
        gettext_lazy("The launch is not signed with your learning platform's key."),
    ),
    (
        "Can't decode id_token",
        gettext_lazy("The launch's signature does not check out."),
    ),
    (
        "Unable to find deployment",
        gettext_lazy("This deployment of the tool is not registered here."),
    ),
)


def _explain(detail):
    for needle, message in _EXPLANATIONS:
        if needle.lower() in detail.lower():
            return message
    return _("The launch could not be checked: %(detail)s") % {"detail": detail}
