"""What one learner has done with the quizzes and assignments of one lesson,
read in two queries for the lesson page."""

from collections import defaultdict

from django.utils.functional import cached_property

from .models import QuizAttempt, Submission
from .services.assignments import due_at


class QuizState:
    def __init__(self, quiz, attempts):
        self.quiz = quiz
        self.attempts = attempts  # newest first

    @property
    def open_attempt(self):
        return next((a for a in self.attempts if a.is_open), None)

    @property
    def last_submitted(self):
        return next((a for a in self.attempts if not a.is_open), None)

    @property
    def passed(self):
        return any(a.passed for a in self.attempts)

    @property
    def best_percent(self):
        scores = [
            a.percent for a in self.attempts if a.percent is not None and a.shows_score
        ]
        return max(scores, default=None)

    @property
    def attempts_left(self):
        limit = self.quiz["max_attempts"]
        return None if not limit else max(0, limit - len(self.attempts))

    @property
    def can_start(self):
        return self.open_attempt is None and not self.passed and self.attempts_left != 0


class AssignmentState:
    def __init__(self, assignment, submissions, due_at=None):
        self.assignment = assignment
        self.submissions = submissions  # newest first
        self.due_at = due_at  # this learner's date, from when they enrolled

    @property
    def latest(self):
        return self.submissions[0] if self.submissions else None

    @property
    def can_submit(self):
        latest = self.latest
        if latest is None or latest.status == Submission.Status.RETURNED:
            return True
        return bool(self.assignment["allow_resubmission"]) and not latest.passed


class LessonAssessments:
    def __init__(self, enrollment, lesson):
        self.enrollment = enrollment
        self.lesson = lesson

    @cached_property
    def _attempts(self):
        by_block = defaultdict(list)
        for attempt in QuizAttempt.objects.filter(
            enrollment=self.enrollment, lesson=self.lesson
        ):
            by_block[attempt.block_id].append(attempt)
        return by_block

    @cached_property
    def _submissions(self):
        by_block = defaultdict(list)
        submissions = Submission.objects.filter(
            enrollment=self.enrollment, lesson=self.lesson
        ).prefetch_related("files")
        for submission in submissions:
            by_block[submission.block_id].append(submission)
        return by_block

    def quiz(self, block_id, quiz):
        return QuizState(quiz, self._attempts.get(block_id, []))

    def assignment(self, block_id, assignment):
        return AssignmentState(
            assignment,
            self._submissions.get(block_id, []),
            due_at=due_at(self.enrollment, assignment),
        )
