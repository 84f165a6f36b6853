"""The JSON API at /api/v1/ (django-ninja), OpenAPI schema at /api/v1/openapi.json."""

from ninja import NinjaAPI
from ninja.parser import Parser

from home import api_errors
from home.json_input import parse_json
from learners.api.auth import router as auth_router
from learners.api.me import router as me_router
from learners.tool_api import router as ai_tools_router


class BoundedParser(Parser):
    """Request bodies go through the site's one bounded JSON reader; ninja
    answers a body it refuses with a 400."""

    def parse_body(self, request):
        return parse_json(request.body)


api = NinjaAPI(
    title="Coursewright API",
    version="1",
    urls_namespace="api",
    parser=BoundedParser(),
)
api_errors.install(api)
api.add_router("/auth/", auth_router)
api.add_router("/me/", me_router)
api.add_router("/ai-tools/", ai_tools_router)
