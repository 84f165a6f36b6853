"""Page-numbered lists for the JSON API: the page's rows and the total."""

from django.utils.translation import gettext as _
from ninja import Field, Schema

from .api_errors import ApiError

MAX_PAGE_SIZE = 100


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
