"""The JSON API at /api/v1/ (django-ninja), OpenAPI schema at /api/v1/openapi.json."""

from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from ninja import NinjaAPI
from ninja.parser import Parser

from community.api.engagement import router as engagement_router
from community.api.questions import router as questions_router
from home import api_errors
from home.api_throttles import api_throttles
from home.json_input import parse_json
from learners.api.assignments import router as assignments_router
from learners.api.auth import router as auth_router
from learners.api.catalogue import router as catalogue_router
from learners.api.certificates import router as certificates_router
from learners.api.learning import router as learning_router
from learners.api.lessons import router as lessons_router
from learners.api.me import router as me_router
from learners.api.notifications import router as notifications_router
from learners.api.quizzes import router as quizzes_router
from learners.api.teaching import router as teaching_router
from learners.tool_api import router as ai_tools_router
from payments.api import router as commerce_router


class BoundedParser(Parser):
    """Request bodies go through the site's one bounded JSON reader; ninja
    answers a body it refuses with a 400."""

    def parse_body(self, request):
        return parse_json(request.body)


class CoursewrightAPI(NinjaAPI):
    """Reads carry an ETag and answer a matching If-None-Match with a 304;
    answers about a caller stay out of shared caches."""

    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        patch_vary_headers(response, ["Authorization", "Cookie", "X-API-Key"])
        caller = getattr(request, "auth", None)
        if caller is not None and getattr(caller, "is_authenticated", False):
            patch_cache_control(response, private=True, no_cache=True)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            set_response_etag(response)
            response = get_conditional_response(
                request, etag=response["ETag"], response=response
            )
        return response

    def get_openapi_schema(self, *args, **kwargs):
        """Every operation may answer 429 (home/api_throttles.py): said once
        here rather than on each."""
        schema = super().get_openapi_schema(*args, **kwargs)
        error = {"$ref": "#/components/schemas/ErrorOut"}
        throttled = {
            "description": "Too many requests: wait the seconds Retry-After says.",
            "headers": {"Retry-After": {"schema": {"type": "integer"}}},
            "content": {"application/json": {"schema": error}},
        }
        for operations in schema["paths"].values():
            for operation in operations.values():
                operation["responses"].setdefault(429, throttled)
        return schema


api = CoursewrightAPI(
    title="Coursewright API",
    version="1",
    urls_namespace="api",
    parser=BoundedParser(),
    throttle=api_throttles(),
)
api_errors.install(api)
api.add_router("/auth/", auth_router)
api.add_router("/me/", me_router)
api.add_router("/courses/", catalogue_router)
api.add_router("/lessons/", lessons_router)
api.add_router("/", learning_router)
api.add_router("/", commerce_router)
api.add_router("/", certificates_router)
api.add_router("/", quizzes_router)
api.add_router("/", assignments_router)
api.add_router("/", teaching_router)
api.add_router("/ai-tools/", ai_tools_router)
api.add_router("/notifications/", notifications_router)
api.add_router("/", questions_router)
api.add_router("/", engagement_router)
