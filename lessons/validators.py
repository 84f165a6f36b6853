"""What keeps a lesson body from being published: images without alt text
and videos without a transcript or captions."""

import re

from django.utils.translation import gettext_lazy as _

IMAGE_EMBED = re.compile(r'<embed[^>]*embedtype="image"[^>]*>')
DESCRIBED = re.compile(r'\salt="[^"]*\S[^"]*"')
EMPTY_ALT_MARKDOWN = re.compile(r"!\[\s*\]\(")


def accessibility_problems(body):
    """What keeps a lesson body from being published, in words an editor
    can act on."""
    problems = []
    for number, block in enumerate(body, start=1):
        value = block.value
        if block.block_type == "video" and not (value.get("transcript") or "").strip():
            problems.append(
                _("Block %(n)s (video): add a transcript or captions to publish.")
                % {"n": number}
            )
        elif block.block_type == "rich_text" and _undescribed_image(
            value["content"].source
        ):
            problems.append(
                _("Block %(n)s (text): every image needs alt text.") % {"n": number}
            )
        elif block.block_type == "markdown" and EMPTY_ALT_MARKDOWN.search(
            value.get("markdown", "")
        ):
            problems.append(
                _("Block %(n)s (Markdown): every image needs alt text: ![text](…).")
                % {"n": number}
            )
    return problems


def _undescribed_image(html):
    return any(not DESCRIBED.search(tag) for tag in IMAGE_EMBED.findall(html))
