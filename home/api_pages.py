"""Shapes shared by the JSON API: page-numbered lists and strict request bodies."""

from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Path, Schema
from pydantic import ConfigDict

from .api_errors import ApiError

MAX_PAGE_SIZE = 100
# An id in a path: a positive 64-bit integer, as every table's ids are.
RowId = Annotated[int, Path(ge=1, le=2**63 - 1)]
# Text in a query: no control characters (home/request_guard.py refuses
# them before the API sees the request; the schema says so).
PLAIN_TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


def file_answer(description, media_type):
    """`openapi_extra` for an operation that answers 200 with a file (a PDF,
    a submitted file) rather than JSON."""
    return {
        "responses": {
            200: {
                "description": description,
                "content": {media_type: {"schema": {"type": "string"}}},
            }
        }
    }


class PageQuery(Schema):
    page: int = Field(1, ge=1, description="From 1.")
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


def page_of(queryset, query):
    """(rows of the page, total count): two queries, whatever the page."""
    count = queryset.count()
    start = (query.page - 1) * query.page_size
    if start and start >= count:
        raise ApiError(404, _("There is no page %(page)s.") % {"page": query.page})
    return list(queryset[start : start + query.page_size]), count


class InputSchema(Schema):
    """A request body: a field the schema does not name is refused (422),
    so the schema says exactly what is accepted."""

    model_config = ConfigDict(extra="forbid")
