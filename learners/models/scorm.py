"""A learner's record of one SCO of a SCORM block: the CMI data to restore,
and what it says (completion, success, score), kept as columns so a lesson's
requirements are read without parsing CMI."""

from django.db import models


class ScormRecord(models.Model):
    """One learner's data for one SCO (or asset) of one SCORM block."""

    enrollment = models.ForeignKey(
        "learners.Enrollment", on_delete=models.CASCADE, related_name="+"
    )
    lesson = models.ForeignKey(
        "lessons.LessonPage", on_delete=models.CASCADE, related_name="+"
    )
    block_id = models.CharField(max_length=64)
    sco = models.CharField(max_length=200)
    # The restorable CMI elements, flattened ("cmi.location": "page-3").
    cmi = models.JSONField(default=dict)
    completed = models.BooleanField(null=True)
    success = models.BooleanField(null=True)
    attempted = models.BooleanField(default=False)
    score_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    # Counted by the server: session times, each capped by the real time
    # since its launch.
    total_seconds = models.PositiveIntegerField(default=0)
    session_started_at = models.DateTimeField(null=True, blank=True)
    last_exit = models.CharField(max_length=20, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "lesson", "block_id", "sco"],
                name="one_scorm_record_per_sco",
            ),
            models.CheckConstraint(
                condition=models.Q(score_percent__lte=100),
                name="scorm_score_at_most_100",
            ),
        ]

    def __str__(self):
        return f"SCORM {self.sco} of {self.enrollment_id} in {self.block_id}"
