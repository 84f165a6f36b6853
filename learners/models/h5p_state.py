"""A learner's saved place in an H5P activity."""

from django.db import models


class H5PState(models.Model):
    """A learner's saved state in one H5P activity, so they can resume."""

    enrollment = models.ForeignKey(
        "learners.Enrollment", on_delete=models.CASCADE, related_name="+"
    )
    lesson = models.ForeignKey(
        "lessons.LessonPage", on_delete=models.CASCADE, related_name="+"
    )
    block_id = models.CharField(max_length=64)
    state = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # The table keeps the name it had when the model lived in `lessons`.
        db_table = "lessons_h5pstate"
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "lesson", "block_id"], name="one_h5p_state"
            )
        ]

    def __str__(self):
        return f"H5P state of {self.enrollment_id} in {self.block_id}"
