"""Finding a course's questions: the filters, the sorts and the search the
page and the API share. On PostgreSQL the search is full-text (stemmed,
ranked, served by a GIN index); on SQLite, the embedded default, it looks
for the words as typed."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q

from ..models import Question

# "activity" is the model's own order; "relevance" ranks a search's matches.
SORTS = {
    "activity": None,
    "relevance": None,
    "newest": "-created_at",
    "votes": "-votes",
}
SHOWS = ("all", "unanswered", "mine")
# The same expression as the index in migration 0006, so PostgreSQL uses it.
SEARCH_CONFIG = "english"


def search_vector():
    return SearchVector("title", "body", config=SEARCH_CONFIG)


def find_questions(course, user, access, *, show="all", lesson=None, query="", sort=""):
    """The questions of `course` `user` may see, filtered and in order;
    a search sorted by relevance (or not sorted) shows the best matches first."""
    found = Question.objects.filter(course=course).select_related(
        "author__profile", "lesson"
    )
    if not access.moderates:
        found = found.filter(hidden_at__isnull=True)
    if show == "unanswered":
        found = found.filter(answer_count=0, deleted_at__isnull=True)
    elif show == "mine":
        found = found.filter(author=user) if user.is_authenticated else found.none()
    if lesson is not None:
        found = found.filter(lesson=lesson)
    query = (query or "").strip()[:100]
    if query:
        found = _matching(
            found.filter(deleted_at__isnull=True),
            query,
            ranked=sort in ("", "relevance"),
        )
    if SORTS.get(sort):
        found = found.order_by(SORTS[sort], "-pk")
    return found


def _matching(found, query, *, ranked):
    if connection.vendor != "postgresql":
        return found.filter(Q(title__icontains=query) | Q(body__icontains=query))
    words = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
    found = found.annotate(document=search_vector()).filter(document=words)
    if ranked:
        found = found.annotate(rank=SearchRank(search_vector(), words)).order_by(
            "-rank", "-pk"
        )
    return found
