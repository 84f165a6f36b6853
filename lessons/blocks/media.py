"""Video and PDF blocks: uploaded or hosted videos with their watch rule,
and documents shown with the browser's viewer."""

from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

VIDEO_FILE_EXTENSIONS = {"mp4", "webm", "ogv"}
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}


def _extension(document):
    return document.file_extension.lower() if document else ""


def origin_of(url):
    """scheme://host[:port] of an address, or "" when it has none."""
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
