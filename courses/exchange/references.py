"""The references a course's content holds (images, documents, H5P,
SCORM and cmi5 packages, other lessons), turned into keys on export and back into
the new rows' ids on import. Rich text keeps its references as Wagtail
writes them (`<embed embedtype="image" id="..">`, `<a linktype="document"
id="..">`, `<a linktype="page" id="..">`)."""

import re

# Where each block type keeps a reference: {block type: {field: kind}}, and
# its rich text fields.
BLOCK_REFERENCES = {
    "video": {"file": "document", "captions": "document"},
    "pdf": {"document": "document"},
    "h5p": {"package": "h5p"},
    "scorm": {"package": "scorm"},
    "cmi5": {"package": "cmi5"},
}
BLOCK_RICH_TEXT = {"rich_text": ["content"], "assignment": ["instructions"]}

RICH_TEXT_REFERENCE = re.compile(
    r'<(embed|a)\b([^>]*?)\b(embedtype|linktype)="(image|document|page)"([^>]*?)>'
)
ID = re.compile(r'\bid="([^"]*)"')


def rewrite_rich_text(html, swap):
    """`html` with each reference's id replaced by `swap(kind, id)`; a
    reference `swap` answers None for loses its id attribute (a page link
    outside the course), so it stays as text."""
    if not html:
        return html

    def replace(match):
        tag = match.group(0)
        kind = match.group(4)
        found = ID.search(tag)
        if not found:
            return tag
        new = swap(kind, found.group(1))
        if new is None:
            return ID.sub("", tag, count=1)
        return ID.sub(f'id="{new}"', tag, count=1)

    return RICH_TEXT_REFERENCE.sub(replace, html)


def rewrite_body(raw_blocks, swap):
    """A lesson body's raw blocks with every reference passed through
    `swap(kind, value)`."""
    rewritten = []
    for block in raw_blocks:
        value = dict(block["value"]) if isinstance(block["value"], dict) else block
        kind = block["type"]
        for field, reference in BLOCK_REFERENCES.get(kind, {}).items():
            if value.get(field) not in (None, ""):
                value[field] = swap(reference, value[field])
        for field in BLOCK_RICH_TEXT.get(kind, []):
            value[field] = rewrite_rich_text(value.get(field) or "", swap)
        rewritten.append({**block, "value": value})
    return rewritten
