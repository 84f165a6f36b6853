"""Assessment blocks: quizzes with their question types, and assignments
with their rubrics."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

SUBMISSION_FILE_TYPES = [
    ("pdf", "PDF"),
    ("docx", "Word (.docx)"),
    ("odt", "OpenDocument text (.odt)"),
    ("txt", _("Plain text (.txt)")),
    ("md", "Markdown (.md)"),
    ("zip", "ZIP"),
    ("png", "PNG"),
    ("jpg", "JPEG"),
    ("py", "Python (.py)"),
    ("ipynb", "Jupyter notebook (.ipynb)"),
]


# Quiz ------------------------------------------------------------------------


class QuestionBlock(blocks.StructBlock):
    """What every question has: the prompt, its points and an explanation."""

    prompt = blocks.TextBlock(help_text=_("The question as the learner reads it."))
    points = blocks.IntegerBlock(
        default=1, min_value=1, max_value=100, help_text=_("Points for a right answer.")
    )
    explanation = blocks.TextBlock(
        required=False,
        help_text=_("Shown after grading, when the quiz's feedback mode allows it."),
    )


class ChoiceOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300, help_text=_("The answer option."))
    correct = blocks.BooleanBlock(
        required=False, help_text=_("Tick every option that is a right answer.")
    )

    class Meta:
        icon = "tick"
        label = _("Option")


def _correct_count(value):
    return sum(1 for option in value.get("options") or [] if option.get("correct"))


class SingleChoiceQuestionBlock(QuestionBlock):
    """Pick exactly one of several options."""

    options = blocks.ListBlock(ChoiceOptionBlock(), min_num=2)

    class Meta:
        icon = "radio-full"
        label = _("Single choice")
        form_classname = "quiz-question"

    def clean(self, value):
        value = super().clean(value)
        if _correct_count(value) != 1:
            raise StructBlockValidationError(
                block_errors={
                    "options": ValidationError(_("Mark exactly one option as correct."))
                }
            )
        return value


class MultipleChoiceQuestionBlock(QuestionBlock):
    """Pick every right option out of several."""

    options = blocks.ListBlock(ChoiceOptionBlock(), min_num=2)
    partial_credit = blocks.BooleanBlock(
        required=False,
        help_text=_(
            "On: points in proportion to right picks minus wrong ones. "
            "Off: all or nothing."
        ),
    )

    class Meta:
        icon = "list-ul"
        label = _("Multiple choice")

    def clean(self, value):
        value = super().clean(value)
        if _correct_count(value) < 1:
            raise StructBlockValidationError(
                block_errors={
                    "options": ValidationError(_("Mark at least one option correct."))
                }
            )
        return value


class TrueFalseQuestionBlock(QuestionBlock):
    """A statement the learner marks true or false."""

    correct_answer = blocks.ChoiceBlock(
        choices=[("true", _("True")), ("false", _("False"))],
        default="true",
        help_text=_("Whether the statement is true."),
    )

    class Meta:
        icon = "check"
        label = _("True or false")


class ShortTextQuestionBlock(QuestionBlock):
    """A typed answer, matched without regard to case or extra spaces."""

    accepted_answers = blocks.ListBlock(
        blocks.CharBlock(max_length=200),
        min_num=1,
        help_text=_("Every answer that counts as right, e.g. 'HTTP' and 'HyperText'."),
    )

    class Meta:
        icon = "edit"
        label = _("Short text")


class NumericQuestionBlock(QuestionBlock):
    """A number, right when within the tolerance of the answer."""

    answer = blocks.DecimalBlock(help_text=_("The right number, e.g. 3.14."))
    tolerance = blocks.DecimalBlock(
        default=0,
        min_value=0,
        help_text=_("How far from the answer still counts as right, e.g. 0.01."),
    )

    class Meta:
        icon = "decimal"
        label = _("Numeric")


class QuizQuestionsBlock(blocks.StreamBlock):
    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()
    short_text = ShortTextQuestionBlock()
    numeric = NumericQuestionBlock()

    class Meta:
        min_num = 1


class QuizValue(blocks.StructValue):
    @property
    def total_points(self):
        return sum(question.value.get("points") or 0 for question in self["questions"])


class QuizBlock(blocks.StructBlock):
    """A graded quiz; its questions are snapshotted into each attempt."""

    title = blocks.CharBlock(
        max_length=200, help_text=_("e.g. 'Check your understanding'.")
    )
    intro = blocks.TextBlock(
        required=False,
        help_text=_("Optional: what the quiz covers and how to prepare."),
    )
    questions = QuizQuestionsBlock()
    pass_mark = blocks.IntegerBlock(
        default=70,
        min_value=0,
        max_value=100,
        help_text=_("Percentage of the points needed to pass."),
    )
    max_attempts = blocks.IntegerBlock(
        default=3,
        min_value=0,
        max_value=100,
        help_text=_("How many attempts a learner has; 0 means unlimited."),
    )
    time_limit_minutes = blocks.IntegerBlock(
        default=0,
        min_value=0,
        max_value=600,
        help_text=_("Minutes allowed per attempt; 0 means no limit."),
    )
    shuffle_questions = blocks.BooleanBlock(
        required=False, help_text=_("Show the questions in a new order each attempt.")
    )
    shuffle_options = blocks.BooleanBlock(
        required=False, help_text=_("Show the options in a new order each attempt.")
    )
    feedback_mode = blocks.ChoiceBlock(
        choices=[
            ("immediate", _("Immediate: score, right/wrong and explanations")),
            ("score_only", _("Score only")),
            ("on_release", _("Nothing until the instructor releases results")),
        ],
        default="immediate",
        help_text=_("What a learner sees after submitting."),
    )

    class Meta:
        icon = "help"
        template = "lessons/blocks/quiz_block.html"
        value_class = QuizValue
        label = _("Quiz")
        description = _("A graded quiz with several question types")
        preview_value = {
            "title": "Check your understanding",
            "questions": [
                {
                    "type": "true_false",
                    "value": {
                        "prompt": "HTTP is a stateless protocol.",
                        "points": 1,
                        "correct_answer": "true",
                    },
                }
            ],
            "pass_mark": 70,
            "max_attempts": 3,
        }


# Assignment ------------------------------------------------------------------


class RubricCriterionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, help_text=_("e.g. 'Correctness'."))
    description = blocks.TextBlock(
        required=False, help_text=_("What full marks look like for this criterion.")
    )
    points = blocks.IntegerBlock(min_value=1, max_value=1000, default=10)

    class Meta:
        icon = "list-ol"
        label = _("Criterion")


class AssignmentValue(blocks.StructValue):
    @property
    def file_type_labels(self):
        labels = dict(SUBMISSION_FILE_TYPES)
        return [labels[code] for code in self.get("allowed_file_types") or []]


class AssignmentBlock(blocks.StructBlock):
    """Work a learner hands in, graded by the instructor against a rubric."""

    title = blocks.CharBlock(max_length=200, help_text=_("e.g. 'Build a to-do API'."))
    instructions = blocks.RichTextBlock(
        features=["h3", "bold", "italic", "link", "ol", "ul", "code"],
        help_text=_("What to hand in and how it will be judged."),
    )
    max_score = blocks.IntegerBlock(
        default=100, min_value=1, max_value=1000, help_text=_("The highest score.")
    )
    pass_score = blocks.IntegerBlock(
        default=50,
        min_value=0,
        max_value=1000,
        help_text=_("Score needed to pass; passing completes the lesson."),
    )
    allowed_file_types = blocks.MultipleChoiceBlock(
        choices=SUBMISSION_FILE_TYPES,
        default=["pdf"],
        required=False,
        help_text=_("File types learners may upload; none means text answers only."),
    )
    max_file_size_mb = blocks.IntegerBlock(
        default=10, min_value=1, max_value=100, help_text=_("Largest file, in MB.")
    )
    due_days_after_enrolment = blocks.IntegerBlock(
        required=False,
        min_value=1,
        max_value=365,
        help_text=_("Days after enrolling that work is due; empty means no due date."),
    )
    allow_resubmission = blocks.BooleanBlock(
        required=False,
        default=True,
        help_text=_("Let learners hand in a new version; earlier ones are kept."),
    )
    rubric = blocks.ListBlock(
        RubricCriterionBlock(),
        required=False,
        help_text=_("Optional criteria; their points must add up to the max score."),
    )

    class Meta:
        icon = "clipboard-list"
        template = "lessons/blocks/assignment_block.html"
        value_class = AssignmentValue
        label = _("Assignment")
        description = _("Work handed in and graded by the instructor")
        preview_value = {
            "title": "Write a one-page summary",
            "instructions": "<p>Summarise the lesson in your own words.</p>",
            "max_score": 10,
            "pass_score": 6,
            "allowed_file_types": ["pdf", "docx"],
            "max_file_size_mb": 5,
            "due_days_after_enrolment": 7,
            "allow_resubmission": True,
        }

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value["pass_score"] > value["max_score"]:
            errors["pass_score"] = ValidationError(
                _("The pass score cannot be above the max score.")
            )
        rubric_points = sum(criterion["points"] for criterion in value["rubric"])
        if value["rubric"] and rubric_points != value["max_score"]:
            errors["rubric"] = ValidationError(
                _("The criteria add up to %(sum)s points; the max score is %(max)s.")
                % {"sum": rubric_points, "max": value["max_score"]}
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value
