"""Posts are inert whatever they contain, votes race safely, and the pages'
query counts do not grow with the thread."""

from html.parser import HTMLParser

import pytest

from community import services
from community.models import Question, Vote
from tests.conftest import in_parallel
from tests.learners.test_learner_page_queries import captured

from .factories import asked, course_with_lessons, member

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "[click](javascript:alert(3))",
    '<a href="javascript:alert(4)">x</a>',
    "<svg onload=alert(5)><circle /></svg>",
    '<iframe src="https://evil.example"></iframe>',
]


class ActiveContent(HTMLParser):
    """What in a page would run: script, svg and frame elements, event
    handler attributes and javascript: addresses (text is inert)."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in ("svg", "iframe", "object", "embed"):
            self.found.append(tag)
        given = dict(attrs)
        ours = given.get("src", "").startswith("/static/")
        if tag == "script" and not ours and given.get("type") != "application/ld+json":
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if value and value.strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}={value}")


def active_content(html):
    parser = ActiveContent()
    parser.feed(html)
    return parser.found


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_hostile_post_is_inert_on_the_list_and_the_thread(client, catalogue, payload):
    course = course_with_lessons(catalogue)
    user = member(course, username="mallory", first_name=payload[:30])
    question = asked(user, course, title=payload[:200], body=payload)
    services.answer_question(user, question, body=payload)
    client.force_login(user)

    for url in (f"{course.url}questions/", f"{course.url}questions/{question.pk}/"):
        html = client.get(url).content.decode()
        assert active_content(html) == []


@pytest.mark.django_db
def test_links_in_posts_are_marked_as_the_posters(client, catalogue):
    course = course_with_lessons(catalogue)
    user = member(course)
    question = asked(user, course, body="[docs](https://example.org/)")
    client.force_login(user)

    html = client.get(f"{course.url}questions/{question.pk}/").content.decode()

    assert 'rel="nofollow ugc noopener noreferrer"' in html


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_upvotes_from_one_person_count_once(catalogue):
    course = course_with_lessons(catalogue)
    question = asked(member(course, username="asker"), course)
    voter = member(course, username="voter")

    added = in_parallel(
        20, lambda _i: services.upvote(voter, Question.objects.get(pk=question.pk))
    )

    assert added.count(True) == 1 and added.count(False) == 19, added
    assert Vote.objects.count() == 1
    assert Question.objects.get().votes == 1


@pytest.mark.django_db
def test_the_question_list_takes_the_same_queries_for_5_or_25_questions(
    client, catalogue
):
    course = course_with_lessons(catalogue)
    lesson = course.syllabus.lessons[0]
    user = member(course)
    client.force_login(user)
    url = f"{course.url}questions/"
    for n in range(5):
        asked(member(course), course, title=f"Q{n}", lesson=lesson)
    few = len(captured(client, url))
    for n in range(20):
        asked(member(course), course, title=f"More {n}", lesson=lesson)

    assert len(captured(client, url)) == few


@pytest.mark.django_db
def test_a_thread_takes_the_same_queries_for_5_or_100_answers(client, catalogue):
    course = course_with_lessons(catalogue)
    user = member(course)
    question = asked(user, course)
    client.force_login(user)
    url = f"{course.url}questions/{question.pk}/"
    # Twenty people, so that nobody reaches the posting limit.
    people = [member(course) for _ in range(20)]
    for n in range(5):
        services.answer_question(people[n], question, body=f"answer {n}")
    few = len(captured(client, url))
    for n in range(95):
        services.answer_question(people[n % 20], question, body=f"more {n}")

    assert len(captured(client, url)) == few
    assert few <= 8
