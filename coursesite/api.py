"""The JSON API at /api/v1/ (django-ninja), OpenAPI schema at /api/v1/openapi.json."""

from ninja import NinjaAPI

from lessons.api import router as ai_tools_router

api = NinjaAPI(title="Coursewright API", version="1", urls_namespace="api")
api.add_router("/ai-tools/", ai_tools_router)
