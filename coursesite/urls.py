"""URL routes: Django and Wagtail admin, documents, then Wagtail's page tree."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from community.leaderboard_views import site_leaderboard
from home.media import public_media
from home.views import favicon, robots_txt
from learners import notification_views, privacy_views
from learners import views as learner_views
from learners.certificate_views import did_json
from learners.rate_limits import LockoutAwareLoginView
from learners.sso import SignupWithProvidersView
from lessons.cmi5.player import serve_cmi5_file
from lessons.demo_tool.views import practice as demo_practice_tool
from lessons.h5p_player import play_package, serve_package_file
from lessons.scorm.player import serve_scorm_file

from .api import api

# Addresses for machines and editors: one address each, in no language.
urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "lessons/<int:lesson_id>/progress/",
        learner_views.lesson_progress,
        name="lesson_progress",
    ),
    path("api/v1/", api.urls),
    path("h5p/<str:token>/play/", play_package, name="h5p_player"),
    path("h5p/<str:token>/<path:path>", serve_package_file, name="h5p_file"),
    path("scorm/<str:token>/<path:path>", serve_scorm_file, name="scorm_file"),
    path("cmi5/<str:token>/<path:path>", serve_cmi5_file, name="cmi5_file"),
    path("xapi/cmi5/", include("learners.cmi5_urls")),
    path("lti/", include("lti.urls")),
    path("demo-tools/practice/", demo_practice_tool, name="demo_tool"),
    path("sitemap.xml", sitemap),
    path("robots.txt", robots_txt),
    path(".well-known/did.json", did_json, name="did_json"),
    path("favicon.ico", favicon),
]

if not settings.AWS_STORAGE_BUCKET_NAME:
    # Local storage: public images are served by the site itself, in every
    # environment (on S3 their URLs point at the bucket).
    urlpatterns += [
        path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", public_media),
    ]

# Pages people read, in their language: English at the plain address, the
# others under their prefix (/fr/dashboard/, /fr/courses/...).
urlpatterns += i18n_patterns(
    path("accounts/profile/", learner_views.profile, name="profile"),
    path(
        "accounts/profile/apps/<int:device_id>/log-out/",
        learner_views.log_out_app,
        name="log_out_app",
    ),
    path("accounts/login/", LockoutAwareLoginView.as_view(), name="account_login"),
    path("accounts/signup/", SignupWithProvidersView.as_view(), name="account_signup"),
    path("accounts/data/", privacy_views.personal_data, name="personal_data"),
    path(
        "accounts/data/download/",
        privacy_views.request_export,
        name="personal_data_export",
    ),
    path(
        "accounts/data/<int:export_id>/download/",
        privacy_views.download_export,
        name="personal_data_download",
    ),
    path(
        "accounts/data/erase/",
        privacy_views.request_erasure,
        name="personal_data_erase",
    ),
    path(
        "accounts/data/erase/cancel/",
        privacy_views.cancel_erasure,
        name="personal_data_keep",
    ),
    path("accounts/", include("allauth.urls")),
    path("dashboard/", include("learners.urls")),
    path("leaderboard/", site_leaderboard, name="leaderboard"),
    path("notifications/", notification_views.notification_list, name="notifications"),
    path(
        "notifications/unread/",
        notification_views.unread,
        name="notifications_unread",
    ),
    path(
        "notifications/read/",
        notification_views.mark_all_read,
        name="notifications_read_all",
    ),
    path(
        "notifications/<int:pk>/open/",
        notification_views.open_notification,
        name="notification_open",
    ),
    path("certificates/", include("learners.certificate_urls")),
    path("payments/", include("payments.urls")),
    path("organisations/", include("organisations.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler429 = "learners.rate_limits.too_many_requests"
