"""Keeps instructors to their own courses and H5P packages on every admin URL,
however the id got into it (a link, a bookmark or a guess): another
instructor's page or package is a 404."""

from django.contrib.admin.utils import unquote
from django.http import Http404
from django.shortcuts import redirect
from wagtail.models import Page, Revision

from home.roles import is_restricted_instructor
from lessons.models import H5PPackage

from .editorial import may_work_on

PAGE_ID_KWARGS = (
    "page_id",
    "parent_page_id",
    "pk",
    "page_to_move_id",
    "destination_id",
)
EXPLORER_URL_NAMES = {"wagtailadmin_explore", "wagtailadmin_explore_results"}
H5P_SNIPPETS = "wagtailsnippets_lessons_h5ppackage"


class InstructorAdminScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None:
            return None
        if match.namespace == H5P_SNIPPETS and "pk" in view_kwargs:
            return self._h5p_package(request, view_kwargs["pk"])
        if not _is_page_admin(match):
            if match.namespace.startswith("wagtailadmin_reports"):
                return self._reports(request)
            return None
        if not is_restricted_instructor(request.user):
            return None
        if match.url_name == "search" and match.namespace == "wagtailadmin_pages":
            # Page search across the whole tree would list other courses;
            # instructors search their catalogue's listing, which is filtered.
            return redirect("wagtailadmin_explore_root")
        for page_id in _page_ids(view_kwargs):
            page = Page.objects.filter(pk=page_id).only("path").first()
            if page is not None and not may_work_on(request.user, page):
                raise Http404
        return None

    def _h5p_package(self, request, pk):
        if not is_restricted_instructor(request.user):
            return None
        package = H5PPackage.objects.filter(pk=unquote(str(pk))).first()
        if package is not None and package.uploaded_by_id != request.user.pk:
            raise Http404
        return None

    def _reports(self, request):
        if is_restricted_instructor(request.user):
            raise Http404
        return None


def _is_page_admin(match):
    return match.namespace == "wagtailadmin_pages" or match.url_name in (
        EXPLORER_URL_NAMES
    )


def _page_ids(kwargs):
    ids = [kwargs[name] for name in PAGE_ID_KWARGS if name in kwargs]
    if "revision_id" in kwargs and str(kwargs["revision_id"]).isdigit():
        revision = Revision.objects.filter(pk=kwargs["revision_id"]).first()
        if revision is not None:
            ids.append(revision.object_id)
    return [int(value) for value in ids if str(value).isdigit()]
