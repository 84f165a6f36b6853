"""The blocks a lesson is made of: video, text, Markdown, code, PDF, quiz,
assignment, H5P and AI tool. Each renders its own template."""

import json
from urllib.parse import parse_qs, urlencode, urlsplit

import markdown
import nh3
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

VIDEO_FILE_EXTENSIONS = {"mp4", "webm", "ogv"}
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
MARKDOWN_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th",
    "td", "img",
}  # fmt: skip
CODE_LANGUAGES = [
    ("python", "Python"),
    ("javascript", "JavaScript"),
    ("typescript", "TypeScript"),
    ("html", "HTML"),
    ("css", "CSS"),
    ("sql", "SQL"),
    ("bash", "Shell"),
    ("json", "JSON"),
    ("yaml", "YAML"),
    ("java", "Java"),
    ("c", "C"),
    ("cpp", "C++"),
    ("go", "Go"),
    ("rust", "Rust"),
    ("php", "PHP"),
    ("ruby", "Ruby"),
    ("text", _("Plain text")),
]
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


def _extension(document):
    return document.file_extension.lower() if document else ""


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


# Video -----------------------------------------------------------------------


class VideoValue(blocks.StructValue):
    """Knows which player a video needs and the privacy-friendly embed address."""

    @cached_property
    def provider(self):
        if self.get("file"):
            return "file"
        host = urlsplit(self.get("url") or "").netloc.lower()
        if host in YOUTUBE_HOSTS:
            return "youtube"
        if host in VIMEO_HOSTS:
            return "vimeo"
        return ""

    @property
    def provider_name(self):
        return {"youtube": "YouTube", "vimeo": "Vimeo"}.get(self.provider, "")

    @cached_property
    def video_id(self):
        parts = urlsplit(self.get("url") or "")
        segments = [s for s in parts.path.split("/") if s]
        if self.provider == "youtube":
            if parts.netloc.lower() == "youtu.be":
                return segments[0] if segments else ""
            if segments and segments[0] in {"embed", "shorts", "live"}:
                return segments[1] if len(segments) > 1 else ""
            return parse_qs(parts.query).get("v", [""])[0]
        if self.provider == "vimeo":
            numeric = [s for s in segments if s.isdigit()]
            return numeric[0] if numeric else ""
        return ""

    @property
    def embed_url(self):
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?rel=0&enablejsapi=1"
        if self.provider == "vimeo":
            return f"https://player.vimeo.com/video/{self.video_id}?dnt=1"
        return ""


class VideoBlock(blocks.StructBlock):
    """A lesson video from YouTube, Vimeo or an uploaded file, with a watch target."""

    title = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text=_("Optional heading shown above the player."),
    )
    url = blocks.URLBlock(
        required=False,
        label=_("YouTube or Vimeo URL"),
        help_text=_("e.g. https://www.youtube.com/watch?v=... Leave empty to upload."),
    )
    file = DocumentChooserBlock(
        required=False,
        label=_("Uploaded video"),
        help_text=_("An MP4 or WebM file, used when no URL is given."),
    )
    captions = DocumentChooserBlock(
        required=False,
        label=_("Captions (WebVTT)"),
        help_text=_("A .vtt captions file for an uploaded video, shown in the player."),
    )
    transcript = blocks.TextBlock(
        required=False,
        help_text=_("Full transcript, shown under the video for reading and search."),
    )
    required_watch_percentage = blocks.IntegerBlock(
        default=90,
        min_value=0,
        max_value=100,
        help_text=_("How much of the video a learner must watch to complete it."),
    )

    class Meta:
        icon = "media"
        template = "lessons/blocks/video_block.html"
        value_class = VideoValue
        label = _("Video")
        description = _("A YouTube, Vimeo or uploaded video with completion tracking")
        preview_value = {
            "title": "How HTTP requests travel",
            "url": "https://www.youtube.com/watch?v=iYM2zFP3Zn0",
            "required_watch_percentage": 90,
        }

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if bool(value.get("url")) == bool(value.get("file")):
            message = _(
                "Give either a YouTube/Vimeo URL or an uploaded file, not both."
            )
            raise StructBlockValidationError(non_block_errors=ErrorList([message]))
        if value.get("url") and not (value.provider and value.video_id):
            errors["url"] = ValidationError(
                _("Use a YouTube or Vimeo video address, e.g. youtube.com/watch?v=ID.")
            )
        if value.get("file") and _extension(value["file"]) not in VIDEO_FILE_EXTENSIONS:
            errors["file"] = ValidationError(_("Upload an MP4, WebM or Ogg video."))
        if value.get("captions") and _extension(value["captions"]) != "vtt":
            errors["captions"] = ValidationError(_("Captions must be a WebVTT file."))
        elif value.get("captions") and not value.get("file"):
            errors["captions"] = ValidationError(
                _("YouTube and Vimeo keep their own captions; add them there.")
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


# Text ------------------------------------------------------------------------


class RichTextContentBlock(blocks.StructBlock):
    """Formatted reading text written in the editor."""

    content = blocks.RichTextBlock(
        features=[
            "h2",
            "h3",
            "h4",
            "bold",
            "italic",
            "link",
            "ol",
            "ul",
            "hr",
            "blockquote",
            "code",
            "image",
            "document-link",
        ],  # fmt: skip
        help_text=_("Headings start at level 2; the lesson title is level 1."),
    )

    class Meta:
        icon = "doc-full"
        template = "lessons/blocks/rich_text_block.html"
        label = _("Rich text")
        description = _("Formatted text with headings, lists, links and images")
        preview_value = {
            "content": "<h2>Why it matters</h2><p>Good structure makes a lesson "
            "easy to scan and easy to return to.</p>"
        }


class MarkdownValue(blocks.StructValue):
    @property
    def html(self):
        rendered = markdown.markdown(
            self.get("markdown") or "",
            extensions=["fenced_code", "tables", "sane_lists"],
            output_format="html",
        )
        # Markdown allows raw HTML; only a safe subset may reach the page.
        return mark_safe(nh3.clean(rendered, tags=MARKDOWN_TAGS))  # noqa: S308


class MarkdownBlock(blocks.StructBlock):
    """Reading text written in Markdown, for instructors who prefer it."""

    markdown = blocks.TextBlock(
        help_text=_("Markdown with tables and fenced code. Raw HTML is removed."),
    )

    class Meta:
        icon = "pilcrow"
        template = "lessons/blocks/markdown_block.html"
        value_class = MarkdownValue
        label = _("Markdown")
        description = _("Text written in Markdown")
        preview_value = {
            "markdown": "## Checklist\n\n- Read the brief\n- Sketch a plan\n"
            "- Write the **first draft**"
        }


class CodeValue(blocks.StructValue):
    @property
    def html(self):
        lexer = get_lexer_by_name(self.get("language") or "text")
        return mark_safe(  # noqa: S308 - Pygments escapes the source it highlights
            highlight(self.get("code") or "", lexer, HtmlFormatter(cssclass="code"))
        )

    @property
    def language_label(self):
        return dict(CODE_LANGUAGES).get(self.get("language"), "")


class CodeBlock(blocks.StructBlock):
    """A code listing with syntax highlighting done on the server."""

    language = blocks.ChoiceBlock(
        choices=CODE_LANGUAGES,
        default="python",
        help_text=_("Used for syntax highlighting."),
    )
    caption = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text=_("Optional file name or short explanation under the listing."),
    )
    code = blocks.TextBlock(help_text=_("The code exactly as learners should see it."))

    class Meta:
        icon = "code"
        template = "lessons/blocks/code_block.html"
        value_class = CodeValue
        label = _("Code")
        description = _("A highlighted code listing")
        preview_value = {
            "language": "python",
            "caption": "greet.py",
            "code": 'def greet(name):\n    return f"Hello, {name}!"\n',
        }


# PDF -------------------------------------------------------------------------


class PdfBlock(blocks.StructBlock):
    """A PDF document shown inline, with a download link."""

    document = DocumentChooserBlock(help_text=_("A PDF from the document library."))
    description = blocks.TextBlock(
        required=False,
        help_text=_("Optional: what the learner should do with this document."),
    )
    height = blocks.IntegerBlock(
        default=720,
        min_value=300,
        max_value=2000,
        help_text=_("Height of the inline viewer in pixels."),
    )

    class Meta:
        icon = "doc-full-inverse"
        template = "lessons/blocks/pdf_block.html"
        label = _("PDF")
        description = _("A PDF shown in the page with a download link")
        preview_value = {"description": "Print this worksheet before you begin."}

    def clean(self, value):
        value = super().clean(value)
        if value.get("document") and _extension(value["document"]) != "pdf":
            raise StructBlockValidationError(
                block_errors={"document": ValidationError(_("Choose a PDF document."))}
            )
        return value


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


# H5P -------------------------------------------------------------------------


class H5PBlock(blocks.StructBlock):
    """An interactive H5P activity: an uploaded package or an embed URL."""

    title = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text=_("Optional heading for the activity."),
    )
    package = SnippetChooserBlock(
        "lessons.H5PPackage",
        required=False,
        help_text=_("An uploaded .h5p package from the H5P library."),
    )
    embed_url = blocks.URLBlock(
        required=False,
        help_text=_("Or the embed address of an activity hosted elsewhere (H5P.com)."),
    )
    height = blocks.IntegerBlock(
        default=600, min_value=200, max_value=2000, help_text=_("Height in pixels.")
    )
    completion_rule = blocks.ChoiceBlock(
        choices=[
            ("viewed", _("Viewed: opening the activity is enough")),
            ("completed", _("Completed: the activity says it was finished")),
            ("passed", _("Passed: finished with at least the minimum score")),
        ],
        default="completed",
        help_text=_(
            "What counts for an uploaded package. Its scores are reported by the "
            "browser, so they are never used as a trusted grade."
        ),
    )
    minimum_score = blocks.IntegerBlock(
        default=0,
        min_value=0,
        max_value=100,
        help_text=_("The minimum score in percent, for the 'passed' rule."),
    )

    class Meta:
        icon = "pick"
        template = "lessons/blocks/h5p_block.html"
        label = _("H5P activity")
        description = _("An interactive H5P activity")
        preview_value = {"title": "Drag the words", "height": 400}

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("package")) == bool(value.get("embed_url")):
            raise StructBlockValidationError(
                non_block_errors=ErrorList(
                    [_("Choose either an uploaded package or an embed URL, not both.")]
                )
            )
        return value


# AI tool ---------------------------------------------------------------------


class AIToolValue(blocks.StructValue):
    @property
    def launch_url(self):
        """The tool's address with the block's parameters in the query string."""
        params = json.loads(self.get("parameters") or "{}")
        if not params:
            return self["tool_url"]
        separator = "&" if urlsplit(self["tool_url"]).query else "?"
        return f"{self['tool_url']}{separator}{urlencode(params)}"


class AIToolBlock(blocks.StructBlock):
    """An embedded AI tool (tutor, practice generator) in a sandboxed frame."""

    title = blocks.CharBlock(
        max_length=200, help_text=_("e.g. 'Practice with the tutor'.")
    )
    tool_url = blocks.URLBlock(
        help_text=_("The https address the tool is served from.")
    )
    allowed_origin = blocks.CharBlock(
        max_length=200,
        help_text=_(
            "The tool's origin, e.g. https://tutor.example.com. Only messages "
            "from this origin are accepted."
        ),
    )
    parameters = blocks.TextBlock(
        required=False,
        help_text=_('A JSON object passed to the tool, e.g. {"topic": "loops"}.'),
    )
    height = blocks.IntegerBlock(
        default=560, min_value=200, max_value=2000, help_text=_("Height in pixels.")
    )
    completion_rule = blocks.ChoiceBlock(
        choices=[
            (
                "verified",
                _("Verified: the tool's server signs the result with its secret"),
            ),
            (
                "reported",
                _("Reported: the tool's page says it is done (self-reported)"),
            ),
            ("none", _("Does not count: practice only")),
        ],
        default="verified",
        help_text=_(
            "What completes this block. Only a result signed by the tool's own "
            "server is verified; anything the learner's browser passes on is "
            "self-reported."
        ),
    )
    minimum_score = blocks.IntegerBlock(
        default=0,
        min_value=0,
        max_value=100,
        help_text=_("The lowest score in percent that counts; 0 for any result."),
    )

    class Meta:
        icon = "cogs"
        template = "lessons/blocks/ai_tool_block.html"
        value_class = AIToolValue
        label = _("AI tool")
        description = _("An embedded AI tool that can report results")
        preview_value = {
            "title": "Practice with the tutor",
            "tool_url": "https://tutor.example.com/embed",
            "allowed_origin": "https://tutor.example.com",
            "height": 400,
        }

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        origin = value.get("allowed_origin", "").rstrip("/")
        if _origin(origin) != origin or urlsplit(origin).scheme not in {
            "http",
            "https",
        }:
            errors["allowed_origin"] = ValidationError(
                _("Give an origin only: scheme and host, e.g. https://tool.example.com")
            )
        elif _origin(value["tool_url"]) != origin:
            errors["allowed_origin"] = ValidationError(
                _("The tool URL must be served from this origin.")
            )
        value["allowed_origin"] = origin
        try:
            params = json.loads(value.get("parameters") or "{}")
        except json.JSONDecodeError as exc:
            errors["parameters"] = ValidationError(_("Not valid JSON: %s") % exc.msg)
        else:
            if not isinstance(params, dict) or any(
                isinstance(v, (dict, list)) for v in params.values()
            ):
                errors["parameters"] = ValidationError(
                    _('Use a JSON object of plain values, e.g. {"level": 2}.')
                )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


# The lesson stream -----------------------------------------------------------


class LessonStreamBlock(blocks.StreamBlock):
    """Everything a lesson body may hold, in the order the instructor chooses."""

    video = VideoBlock()
    rich_text = RichTextContentBlock()
    markdown = MarkdownBlock()
    code = CodeBlock()
    pdf = PdfBlock()
    quiz = QuizBlock()
    assignment = AssignmentBlock()
    h5p = H5PBlock()
    ai_tool = AIToolBlock()
