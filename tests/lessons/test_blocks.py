"""Every lesson block validates what editors enter and renders its template."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from lessons import blocks
from lessons.models import H5PPackage
from tests.lessons.factories import h5p_archive

pytestmark = pytest.mark.django_db


def document(name, content=b"%PDF-1.4 demo"):
    Document = get_document_model()
    return Document.objects.create(title=name, file=ContentFile(content, name=name))


def clean(block, raw):
    return block.clean(block.to_python(raw))


def messages(error):
    """All messages of a (possibly nested) block validation error, as one string."""
    parts = [str(message) for message in getattr(error, "non_block_errors", [])]
    for child in (getattr(error, "block_errors", None) or {}).values():
        parts.append(messages(child) if hasattr(child, "block_errors") else repr(child))
    return " ".join(parts) or repr(error)


def render(block, raw):
    return block.render(block.to_python(raw))


# Video -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=kqtD5dpn9C8",
            "https://www.youtube-nocookie.com/embed/kqtD5dpn9C8",
        ),
        ("https://youtu.be/kqtD5dpn9C8", "youtube-nocookie.com/embed/kqtD5dpn9C8"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
    ],
)
def test_a_video_url_becomes_a_privacy_friendly_embed(url, embed):
    html = render(
        blocks.VideoBlock(),
        {"title": "Welcome", "url": url, "required_watch_percentage": 80},
    )

    assert embed in html
    assert 'data-required-watch="80"' in html
    assert "Watch 80% of the video to complete it." in html


def test_an_uploaded_video_plays_in_the_html5_player():
    video = document("intro.mp4", b"\x00\x00\x00\x18ftypmp42")
    html = render(
        blocks.VideoBlock(),
        {
            "file": video.pk,
            "transcript": "Hello and welcome.",
            "required_watch_percentage": 90,
        },
    )

    assert f'<video controls preload="metadata" src="{video.url}"' in html
    assert "Hello and welcome." in html


def test_a_video_needs_exactly_one_source():
    video = document("intro.mp4")
    block = blocks.VideoBlock()

    for raw in ({"url": "https://youtu.be/abc", "file": video.pk}, {}):
        with pytest.raises(ValidationError) as error:
            clean(block, raw)
        assert "either a YouTube/Vimeo URL or an uploaded file" in messages(error.value)


def test_a_video_url_must_be_youtube_or_vimeo():
    with pytest.raises(ValidationError) as error:
        clean(blocks.VideoBlock(), {"url": "https://example.com/movie.mp4"})

    assert "Use a YouTube or Vimeo video address" in messages(error.value)


# Text, Markdown and code -------------------------------------------------------


def test_rich_text_renders_its_html():
    html = render(blocks.RichTextContentBlock(), {"content": "<h2>Plan</h2><p>Go.</p>"})

    assert "<h2>Plan</h2>" in html


def test_markdown_renders_tables_and_removes_scripts():
    html = render(
        blocks.MarkdownBlock(),
        {
            "markdown": "## Steps\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
            "<script>alert(1)</script>**bold**"
        },
    )

    assert "<h2>Steps</h2>" in html
    assert "<table>" in html
    assert "<strong>bold</strong>" in html
    assert "<script>" not in html


def test_code_is_highlighted_and_escaped_on_the_server():
    html = render(
        blocks.CodeBlock(),
        {"language": "python", "caption": "greet.py", "code": 'print("<b>hi</b>")'},
    )

    assert 'class="code"' in html
    assert "&lt;b&gt;hi&lt;/b&gt;" in html
    assert "greet.py" in html
    assert "Python" in html


# PDF -------------------------------------------------------------------------


def test_a_pdf_is_shown_inline_with_a_download_link():
    handout = document("handout.pdf")
    html = render(
        blocks.PdfBlock(), {"document": handout.pk, "description": "Read it."}
    )

    assert f'data="{handout.url}" type="application/pdf"' in html
    assert f'href="{handout.url}" download' in html
    assert "Download PDF" in html


def test_the_pdf_block_only_takes_pdfs():
    with pytest.raises(ValidationError) as error:
        clean(blocks.PdfBlock(), {"document": document("notes.docx").pk})

    assert "Choose a PDF document." in messages(error.value)


# Quiz ------------------------------------------------------------------------

QUIZ = {
    "title": "Check your understanding",
    "pass_mark": 70,
    "max_attempts": 3,
    "time_limit_minutes": 10,
    "feedback_mode": "immediate",
    "questions": [
        {
            "type": "single_choice",
            "id": "q-single",
            "value": {
                "prompt": "Which planet is largest?",
                "points": 2,
                "options": [
                    {"type": "item", "id": "opt-mars", "value": {"text": "Mars"}},
                    {
                        "type": "item",
                        "id": "opt-jupiter",
                        "value": {"text": "Jupiter", "correct": True},
                    },
                ],
            },
        },
        {
            "type": "multiple_choice",
            "id": "q-multi",
            "value": {
                "prompt": "Which are prime?",
                "points": 1,
                "options": [
                    {
                        "type": "item",
                        "id": "two",
                        "value": {"text": "2", "correct": True},
                    },
                    {"type": "item", "id": "nine", "value": {"text": "9"}},
                ],
            },
        },
        {
            "type": "true_false",
            "id": "q-tf",
            "value": {
                "prompt": "Water boils at 100 C at sea level.",
                "correct_answer": "true",
            },
        },
        {
            "type": "short_text",
            "id": "q-short",
            "value": {
                "prompt": "Name the protocol of the web.",
                "accepted_answers": [
                    {"type": "item", "id": "a1", "value": "HyperTextTransfer"}
                ],
            },
        },
        {
            "type": "numeric",
            "id": "q-num",
            "value": {
                "prompt": "What is pi to 2 places?",
                "answer": "3.14",
                "tolerance": "0.01",
            },
        },
    ],
}


def test_a_quiz_renders_every_question_type_with_labelled_inputs():
    html = render(blocks.QuizBlock(), QUIZ)

    assert "Check your understanding" in html
    assert "5 questions" in html
    assert "6 points" in html
    assert "Pass mark 70%" in html
    assert "3 attempts" in html
    assert "10 minutes per attempt" in html
    assert (
        'type="radio" id="q-q-single-opt-jupiter" name="q-q-single" value="opt-jupiter"'
        in html
    )
    assert 'type="checkbox"' in html
    assert 'for="q-q-short"' in html
    assert 'inputmode="decimal"' in html


def test_a_rendered_quiz_never_reveals_the_answers():
    html = render(blocks.QuizBlock(), QUIZ)

    assert "HyperTextTransfer" not in html
    assert "3.14" not in html
    assert "correct" not in html.lower()


@pytest.mark.parametrize(
    ("question_type", "options", "message"),
    [
        (
            "single_choice",
            [("A", True), ("B", True)],
            "Mark exactly one option as correct.",
        ),
        (
            "single_choice",
            [("A", False), ("B", False)],
            "Mark exactly one option as correct.",
        ),
        (
            "multiple_choice",
            [("A", False), ("B", False)],
            "Mark at least one option correct.",
        ),
    ],
)
def test_choice_questions_need_sensible_right_answers(question_type, options, message):
    quiz = dict(
        QUIZ,
        questions=[
            {
                "type": question_type,
                "value": {
                    "prompt": "Pick",
                    "options": [
                        {"type": "item", "id": t, "value": {"text": t, "correct": c}}
                        for t, c in options
                    ],
                },
            }
        ],
    )

    with pytest.raises(ValidationError) as error:
        clean(blocks.QuizBlock(), quiz)

    assert message in messages(error.value)


def test_a_quiz_needs_at_least_one_question():
    with pytest.raises(ValidationError):
        clean(blocks.QuizBlock(), dict(QUIZ, questions=[]))


# Assignment ------------------------------------------------------------------

ASSIGNMENT = {
    "title": "Build a to-do API",
    "instructions": "<p>Hand in a zip of your project.</p>",
    "max_score": 20,
    "pass_score": 12,
    "allowed_file_types": ["zip", "pdf"],
    "max_file_size_mb": 5,
    "due_days_after_enrolment": 14,
    "allow_resubmission": True,
    "rubric": [
        {"title": "Works", "description": "All endpoints respond.", "points": 12},
        {"title": "Readable", "description": "Clear names.", "points": 8},
    ],
}


def test_an_assignment_shows_its_rules_and_rubric():
    html = render(blocks.AssignmentBlock(), ASSIGNMENT)

    assert "Build a to-do API" in html
    assert "12 of 20 to pass" in html
    assert "14 days after you enrol" in html
    assert "ZIP, PDF" in html
    assert "up to 5 MB" in html
    assert "Allowed; earlier versions are kept" in html
    assert "All endpoints respond." in html


def test_an_assignment_rubric_must_add_up_to_the_max_score():
    broken = dict(ASSIGNMENT, max_score=25)

    with pytest.raises(ValidationError) as error:
        clean(blocks.AssignmentBlock(), broken)

    assert "add up to 20 points; the max score is 25" in messages(error.value)


def test_an_assignment_pass_score_cannot_exceed_the_max():
    with pytest.raises(ValidationError) as error:
        clean(blocks.AssignmentBlock(), dict(ASSIGNMENT, pass_score=30, rubric=[]))

    assert "cannot be above the max score" in messages(error.value)


# H5P -------------------------------------------------------------------------


def test_an_h5p_embed_url_renders_an_iframe():
    html = render(
        blocks.H5PBlock(),
        {
            "title": "Drag the words",
            "embed_url": "https://h5p.org/h5p/embed/617",
            "height": 480,
        },
    )

    assert 'src="https://h5p.org/h5p/embed/617"' in html
    assert "height: 480px" in html


def test_an_uploaded_h5p_package_is_named_in_the_lesson():
    package = H5PPackage(title="Capital cities")
    package.file = ContentFile(h5p_archive(), name="capitals.h5p")
    package.full_clean()
    package.save()

    html = render(blocks.H5PBlock(), {"package": package.pk, "height": 500})

    assert f'data-h5p-package="{package.pk}"' in html
    assert "Capital cities" in html
    assert "H5P.TrueFalse" in html


def test_an_h5p_block_needs_exactly_one_source():
    with pytest.raises(ValidationError) as error:
        clean(blocks.H5PBlock(), {"height": 500})

    assert "either an uploaded package or an embed URL" in messages(error.value)


# AI tool ---------------------------------------------------------------------

AI_TOOL = {
    "title": "Practice with the tutor",
    "tool_url": "https://tutor.example.com/embed",
    "allowed_origin": "https://tutor.example.com",
    "parameters": '{"topic": "loops", "level": 2}',
    "height": 500,
}


def test_an_ai_tool_renders_a_sandboxed_frame_with_its_parameters():
    html = render(blocks.AIToolBlock(), AI_TOOL)

    assert 'src="https://tutor.example.com/embed?topic=loops&amp;level=2"' in html
    assert 'data-allowed-origin="https://tutor.example.com"' in html
    assert 'sandbox="allow-scripts' in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"allowed_origin": "https://tutor.example.com/path"}, "Give an origin only"),
        (
            {"allowed_origin": "https://evil.example.net"},
            "must be served from this origin",
        ),
        ({"parameters": "{topic: loops}"}, "Not valid JSON"),
        ({"parameters": '["a", "b"]'}, "Use a JSON object of plain values"),
    ],
)
def test_an_ai_tool_rejects_bad_origins_and_parameters(changes, message):
    with pytest.raises(ValidationError) as error:
        clean(blocks.AIToolBlock(), dict(AI_TOOL, **changes))

    assert message in messages(error.value)


# Editor support --------------------------------------------------------------


def test_every_lesson_block_has_a_preview_and_a_description():
    stream = blocks.LessonStreamBlock()

    assert list(stream.child_blocks) == [
        "video", "rich_text", "markdown", "code", "pdf",
        "quiz", "assignment", "h5p", "scorm", "cmi5", "ai_tool",
    ]  # fmt: skip
    for name, block in stream.child_blocks.items():
        assert isinstance(block, blocks.blocks.StructBlock), name
        assert block.meta.template == f"lessons/blocks/{name}_block.html"
        assert block.get_description(), name
        assert block.is_previewable, name


def help_text(block):
    field = getattr(block, "field", None)
    return (
        field.help_text if field is not None else getattr(block.meta, "help_text", "")
    )


def test_every_field_of_every_lesson_block_has_help_text():
    stream = blocks.LessonStreamBlock()
    missing = [
        f"{name}.{field}"
        for name, block in stream.child_blocks.items()
        for field, child in block.child_blocks.items()
        if not help_text(child) and field not in {"content", "questions"}
    ]

    assert missing == []
