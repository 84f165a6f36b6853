"""Text blocks: rich text, Markdown (sanitised with nh3) and highlighted
code."""

from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from wagtail import blocks

from home.markdown_text import LESSON_TAGS, render_markdown

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
        return render_markdown(
            self.get("markdown"), tags=LESSON_TAGS, link_rel="noopener noreferrer"
        )


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
