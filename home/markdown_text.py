"""Markdown written by people, made safe to show: rendered, then cleaned with
nh3 so that no raw HTML, script, event handler or `javascript:` link
survives."""

import markdown
import nh3
from django.utils.safestring import mark_safe

# What an instructor's lesson text may use.
LESSON_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th",
    "td", "img",
}  # fmt: skip
# What a post in a course's community may use: no images (a remote image is
# a tracking pixel) and no headings above the page's own.
POST_TAGS = LESSON_TAGS - {"img", "h2"}
# Links in posts are the poster's, not the site's.
POST_LINK_REL = "nofollow ugc noopener noreferrer"


def render_markdown(text, *, tags=POST_TAGS, link_rel=POST_LINK_REL):
    """Safe HTML for Markdown `text`."""
    rendered = markdown.markdown(
        text or "",
        extensions=["fenced_code", "tables", "sane_lists"],
        output_format="html",
    )
    # Markdown allows raw HTML; only a safe subset may reach the page.
    return mark_safe(nh3.clean(rendered, tags=tags, link_rel=link_rel))  # noqa: S308
