"""The tool's LTI 1.3 endpoints: login initiation, launch, the tool's keys,
the deep-linking picker and the class-list sync. Every refusal is a page
that says what went wrong, with a 4xx."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import login
from django.db.models import Q
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from lti_tool.models import Key, LtiContext, LtiRegistration
from lti_tool.utils import DjangoToolConfig, sync_data_from_launch
from pylti1p3.contrib.django import DjangoCacheDataStorage, DjangoOIDCLogin
from pylti1p3.exception import LtiException, OIDCException

from home.csp import allow_sources

from .frames import origin_of, remember_frame
from .models import UsedNonce
from .protocol import LaunchRefused, ensure_tool_key, restored_launch, validated_launch
from .services.deep_linking import pickable_courses, picked_pages, resources_for
from .services.launch import start_launch
from .services.roster import sync_roster

BACKEND = "home.auth_backends.UserBackend"
UNKNOWN_PLATFORM = gettext_lazy(
    "This learning platform is not registered here, or the launch was meant "
    "for another tool."
)
DEEP_LINK_SESSION = "lti_deep_link_launch"
CONTEXT_SESSION = "lti_context"


def refuse(request, message, status=403):
    """The refusal, readable inside whichever platform's frame it lands in
    (it offers nothing to click, so any page may frame it)."""
    response = render(request, "lti/refused.html", {"message": message}, status=status)
    response.xframe_options_exempt = True
    response._csp_update = {"frame-ancestors": ["*"]}
    return response


def platform_origins(issuer):
    """The origins a registered platform frames the tool from."""
    origins = set()
    for registration in LtiRegistration.objects.active().filter(issuer=issuer):
        for url in (registration.issuer, registration.auth_url):
            origin = origin_of(url)
            if origin:
                origins.add(origin)
    return sorted(origins)


def launch_url():
    return f"{settings.SITE_URL}{reverse('lti:launch')}"


@csrf_exempt
@xframe_options_exempt
@require_http_methods(["GET", "POST"])
def oidc_login(request):
    """Third-party initiated login: the platform names itself and the
    person; we answer with a redirect to its authorisation endpoint. First
    a page checks that this frame may keep cookies (else it offers a new
    window), as pylti1p3's own check does, without inline script."""
    params = request.POST if request.method == "POST" else request.GET
    if not params.get("iss") or not params.get("login_hint"):
        return refuse(
            request,
            _(
                "This is where learning platforms start a launch; "
                "open the tool from your course."
            ),
            400,
        )
    origins = platform_origins(params["iss"])
    if not origins:
        return refuse(request, UNKNOWN_PLATFORM, 400)
    ensure_tool_key()
    if not params.get("lti1p3_new_window"):
        continue_url = (
            f"{request.path}?{urlencode({**params.dict(), 'lti1p3_new_window': '1'})}"
        )
        response = render(
            request, "lti/cookie_check.html", {"continue_url": continue_url}
        )
        response._csp_update = {"frame-ancestors": origins}
        return response
    oidc = DjangoOIDCLogin(
        request, DjangoToolConfig(), launch_data_storage=DjangoCacheDataStorage()
    )
    try:
        return oidc.redirect(launch_url())
    except (OIDCException, LtiException):
        return refuse(request, UNKNOWN_PLATFORM, 400)


@csrf_exempt
@xframe_options_exempt
@require_POST
def launch(request):
    """The platform's signed launch: checked, then the person is signed in,
    enrolled and sent to what was launched."""
    try:
        lti_launch = validated_launch(request)
        _use_nonce_once(lti_launch)
        sync_data_from_launch(lti_launch)
        if not lti_launch.deployment.is_active:
            raise LaunchRefused(
                _(
                    "This deployment of the tool is not registered here yet. "
                    "Ask the site's staff to add its deployment ID."
                )
            )
        launched = start_launch(lti_launch)
    except LaunchRefused as refusal:
        return refuse(request, refusal.message, refusal.status)
    login(request, launched.user, backend=BACKEND)
    response_target = _after_launch(request, lti_launch, launched)
    return remember_frame(request, lti_launch, HttpResponseRedirect(response_target))


def _use_nonce_once(lti_launch):
    nonce = str(lti_launch.get_claim("nonce"))[:255]
    _used, created = UsedNonce.objects.get_or_create(
        registration=lti_launch.registration, nonce=nonce
    )
    if not created:
        raise LaunchRefused(
            _("This launch was already used. Open it again from your course.")
        )


def _after_launch(request, lti_launch, launched):
    request.session[CONTEXT_SESSION] = lti_launch.context.pk
    if lti_launch.is_deep_link_launch:
        request.session[DEEP_LINK_SESSION] = lti_launch.get_launch_id()
        return reverse("lti:deep_link")
    if launched.instructor:
        return f"{reverse('lti:context')}?{urlencode({'next': launched.page.url})}"
    return launched.page.url


@xframe_options_exempt
@require_http_methods(["GET", "POST"])
def deep_link(request):
    """The instructor picks courses and lessons; the answer goes back to the
    platform as a signed form post."""
    launch_id = request.session.get(DEEP_LINK_SESSION)
    if not launch_id or not request.user.is_authenticated:
        return refuse(
            request, _("Open the content picker from your learning platform."), 400
        )
    try:
        lti_launch = restored_launch(request, launch_id)
    except LaunchRefused as refusal:
        return refuse(request, refusal.message, refusal.status)
    deep_link_settings = (
        lti_launch.get_claim(
            "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
        )
        or {}
    )
    if request.method == "POST":
        pages = picked_pages(request.POST.getlist("page"))
        if not pages and request.POST.get("action") != "cancel":
            return render(
                request,
                "lti/deep_link.html",
                {
                    "courses": pickable_courses(),
                    "error": _("Pick at least one course or lesson."),
                },
                status=400,
            )
        message_launch = lti_launch.get_message_launch()
        token = message_launch.get_deep_link().get_response_jwt(resources_for(pages))
        return_url = deep_link_settings.get("deep_link_return_url") or ""
        return_origin = origin_of(return_url)
        if return_origin is None:
            return refuse(
                request, _("Your learning platform gave no address to return to."), 400
            )
        del request.session[DEEP_LINK_SESSION]
        response = render(
            request,
            "lti/deep_link_return.html",
            {"return_url": return_url, "token": token, "pages": pages},
        )
        return allow_sources(response, form_action=[return_origin])
    return render(
        request,
        "lti/deep_link.html",
        {
            "courses": pickable_courses(),
            "several": deep_link_settings.get("accept_multiple", True),
        },
    )


@xframe_options_exempt
@require_http_methods(["GET", "POST"])
def context(request):
    """An instructor's landing page after a launch: what was launched, and
    the class list from their platform course."""
    context_id = request.session.get(CONTEXT_SESSION)
    if not context_id or not request.user.is_authenticated:
        return refuse(request, _("Open the tool from your learning platform."), 400)
    lti_context = get_object_or_404(
        LtiContext.objects.select_related("deployment__registration"), pk=context_id
    )
    is_instructor = lti_context.memberships.filter(
        Q(is_instructor=True) | Q(is_administrator=True),
        user__auth_user=request.user,
    ).exists()
    if not is_instructor:
        return refuse(request, _("Only the course's instructors see this page."))
    result = None
    if request.method == "POST":
        try:
            result = sync_roster(lti_context)
        except LaunchRefused as refusal:
            return refuse(request, refusal.message, refusal.status)
        except LtiException:
            return refuse(
                request,
                _(
                    "Your learning platform did not give the class list; "
                    "try again later."
                ),
                502,
            )
    next_url = request.GET.get("next") or request.POST.get("next") or ""
    if not next_url.startswith("/") or next_url.startswith("//"):
        next_url = ""
    return render(
        request,
        "lti/context.html",
        {
            "lti_context": lti_context,
            "members": lti_context.memberships.filter(is_active=True).count(),
            "result": result,
            "next_url": next_url,
        },
    )


@require_GET
def jwks(request):
    """The tool's public keys: every active key, so a platform still checks
    what the previous key signed while a new one takes over."""
    ensure_tool_key()
    response = JsonResponse(Key.objects.as_jwks())
    response["Cache-Control"] = "public, max-age=300"
    return response
