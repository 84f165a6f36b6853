"""The demo's community: questions in the student's course (answered by the
instructor and classmates, one accepted, some up-voted) and reviews of each
course by learners far enough into it, so the pages show lived-in courses.
Made through the services, once."""

from django.contrib.auth import get_user_model

from community import services
from community.models import Question, Review
from community.services import reviews
from demo import data as demo_data
from demo.languages import demo_courses
from learners.models import Enrollment

THREADS = [
    {
        "title": "Why does print need brackets?",
        "body": 'In an old tutorial I saw `print "hello"` without brackets. '
        "Which one is right?",
        "lesson": "your-first-program",
        "answers": [
            (
                "instructor",
                'Brackets are right: `print("hello")`. Without them is '
                "**Python 2**, which ended in 2020.",
            ),
            ("classmate", "Same thing confused me. Thanks for asking!"),
        ],
        "accept": 0,
    },
    {
        "title": "How long should I practise each day?",
        "body": "I have about 20 minutes on weekdays. Is that enough to keep up?",
        "lesson": None,
        "answers": [
            (
                "instructor",
                "Twenty focused minutes every day beats two hours once a week. "
                "Type the examples yourself rather than copying them.",
            ),
        ],
        "accept": None,
    },
    {
        "title": "Can a variable name start with a number?",
        "body": "I tried `2nd_try = 5` and got a SyntaxError.",
        "lesson": None,
        "answers": [],
        "accept": None,
    },
]


def seed_questions():
    """Questions in the demo student's course, unless it has some already."""
    course = demo_courses().get(slug=demo_data.STUDENT_COURSE)
    if Question.objects.filter(course=course).exists():
        return 0
    people = _people(course)
    lessons = {lesson.slug: lesson for lesson in course.syllabus.lessons}
    for number, spec in enumerate(THREADS):
        asker = people["askers"][number % len(people["askers"])]
        question = services.ask_question(
            asker,
            course,
            title=spec["title"],
            body=spec["body"],
            lesson=lessons.get(spec["lesson"]),
        )
        answers = [
            services.answer_question(people[who], question, body=body)
            for who, body in spec["answers"]
        ]
        if spec["accept"] is not None:
            services.accept_answer(asker, answers[spec["accept"]])
        for answer in answers:
            if answer.author_id != people["classmate"].pk:
                services.upvote(people["classmate"], answer)
    return len(THREADS)


def _people(course):
    User = get_user_model()
    student = User.objects.get(username="student")
    classmates = [
        enrollment.user
        for enrollment in Enrollment.objects.filter(
            course=course, status=Enrollment.Status.ACTIVE
        )
        .exclude(user=student)
        .select_related("user")
        .order_by("pk")[:2]
    ]
    classmate = classmates[0] if classmates else student
    return {
        "instructor": course.instructor,
        "classmate": classmate,
        "askers": [student, *classmates[1:]],
    }


REVIEWS = [
    (5, "Clear, friendly and well paced. The exercises made it stick."),
    (4, "Very good. I would have liked a few more practice tasks."),
    (5, ""),
    (3, "Solid content, but the middle section went a bit fast for me."),
    (5, "Exactly what I needed to get started."),
    (4, "Good value; the quizzes are the best part."),
]


def seed_reviews():
    """Up to six reviews per demo course, from learners who may write one."""
    if Review.objects.exists():
        return 0
    made = 0
    slugs = [spec["slug"] for spec in demo_data.COURSES]
    courses = sorted(demo_courses().filter(slug__in=slugs), key=lambda c: c.slug)
    for number, course in enumerate(courses):
        # Each course starts further down the list, so their ratings differ.
        said = REVIEWS[number * 2 :] + REVIEWS[: number * 2]
        enrollments = Enrollment.objects.filter(course=course).select_related("user")
        writers = [
            enrollment.user
            for enrollment in enrollments.order_by("pk")[:40]
            if reviews.may_review(enrollment.user, course)[0]
        ][: len(REVIEWS)]
        for user, (stars, text) in zip(writers, said, strict=False):
            reviews.write_review(user, course, rating=stars, text=text)
            made += 1
    return made
