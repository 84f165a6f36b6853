"""The blocks a lesson is made of, one module per family: `media` (video,
PDF), `text` (rich text, Markdown, code), `assessment` (quiz, assignment)
and `interactive` (H5P, SCORM, cmi5, AI tool). Each block renders its own template
under templates/lessons/blocks/."""

from wagtail import blocks

from .assessment import AssignmentBlock, QuizBlock
from .interactive import AIToolBlock, Cmi5Block, H5PBlock, ScormBlock
from .media import PdfBlock, VideoBlock
from .text import CodeBlock, MarkdownBlock, RichTextContentBlock

__all__ = ["LessonStreamBlock"]


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
    scorm = ScormBlock()
    cmi5 = Cmi5Block()
    ai_tool = AIToolBlock()
