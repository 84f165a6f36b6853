"""A learner's cmi5 records: the registration in a lesson block's cmi5 course
(with each assignable unit's result), each launch of a unit (a session, with
the one-time fetch key and the credential it is exchanged for), the
statements the unit sent, and the state documents it keeps."""

import uuid

from django.conf import settings
from django.db import models


class Cmi5Registration(models.Model):
    """One learner's registration in the cmi5 course of one lesson block."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    enrollment = models.ForeignKey(
        "learners.Enrollment", on_delete=models.CASCADE, related_name="+"
    )
    lesson = models.ForeignKey(
        "lessons.LessonPage", on_delete=models.CASCADE, related_name="+"
    )
    block_id = models.CharField(max_length=64)
    # {AU id: {"completed", "passed", "failed", "score", "satisfied"}}, kept
    # from the unit's cmi5-defined statements, which the platform checked.
    results = models.JSONField(default=dict)
    satisfied = models.BooleanField(default=False)  # every unit's moveOn met
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "lesson", "block_id"],
                name="one_cmi5_registration_per_block",
            )
        ]

    def __str__(self):
        return f"cmi5 registration {self.pk}"


class Cmi5Session(models.Model):
    """One launch of an assignable unit."""

    class Mode(models.TextChoices):
        NORMAL = "Normal"
        BROWSE = "Browse"
        REVIEW = "Review"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    lesson = models.ForeignKey(
        "lessons.LessonPage", on_delete=models.CASCADE, related_name="+"
    )
    block_id = models.CharField(max_length=64)
    au_id = models.CharField(max_length=500)
    # None in browse mode: its instructor or staff trying it, nothing kept.
    registration = models.ForeignKey(
        Cmi5Registration,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    registration_uuid = models.UUIDField()
    launch_mode = models.CharField(max_length=10, choices=Mode.choices)
    # Hashes only: the fetch URL and the credential are secrets.
    fetch_key_hash = models.CharField(max_length=64)
    token_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    initialized_at = models.DateTimeField(null=True, blank=True)
    terminated_at = models.DateTimeField(null=True, blank=True)
    abandoned = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(
                fields=["registration", "au_id", "-created_at"],
                name="cmi5_session_latest",
            )
        ]

    def __str__(self):
        return f"cmi5 session {self.pk}"

    @property
    def open(self):
        return self.terminated_at is None and not self.abandoned


class Cmi5Statement(models.Model):
    """A statement of one session, as the unit (or the platform) made it."""

    id = models.UUIDField(primary_key=True, editable=False)
    session = models.ForeignKey(
        Cmi5Session, on_delete=models.CASCADE, related_name="statements"
    )
    verb = models.CharField(max_length=200)
    statement = models.JSONField()
    stored_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"cmi5 statement {self.pk}"


class Cmi5State(models.Model):
    """A state document an assignable unit keeps (a bookmark, its answers)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    activity_id = models.CharField(max_length=500)
    registration = models.CharField(max_length=36, blank=True)
    state_id = models.CharField(max_length=200)
    content = models.BinaryField()
    content_type = models.CharField(max_length=100)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "activity_id", "registration", "state_id"],
                name="one_cmi5_state_document",
            )
        ]

    def __str__(self):
        return f"cmi5 state {self.state_id}"
