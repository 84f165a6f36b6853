"""Interactive blocks: H5P activities, SCORM and cmi5 packages and embedded AI
tools."""

import json
from urllib.parse import urlencode, urlsplit

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from .media import origin_of

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


# SCORM -----------------------------------------------------------------------


class ScormBlock(blocks.StructBlock):
    """An uploaded SCORM 1.2 or 2004 package, played in the lesson."""

    title = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text=_("Optional heading; the package's title otherwise."),
    )
    package = SnippetChooserBlock(
        "lessons.ScormPackage",
        help_text=_("An uploaded SCORM package from the SCORM library."),
    )
    height = blocks.IntegerBlock(
        default=640, min_value=300, max_value=2000, help_text=_("Height in pixels.")
    )
    completion_rule = blocks.ChoiceBlock(
        choices=[
            ("completed", _("Completed: the package says it was finished")),
            ("passed", _("Passed: the package says it was passed")),
        ],
        default="completed",
        help_text=_(
            "What completes this block. A package that reports “failed” never "
            "completes it. Its scores are reported by the browser, so they are "
            "never used as a trusted grade."
        ),
    )
    minimum_score = blocks.IntegerBlock(
        default=0,
        min_value=0,
        max_value=100,
        help_text=_("For “passed”: the lowest score in percent that counts (0: any)."),
    )

    class Meta:
        icon = "folder-open-inverse"
        template = "lessons/blocks/scorm_block.html"
        label = _("SCORM package")
        description = _("A SCORM 1.2 or 2004 package")
        preview_value = {"title": "Fire safety", "height": 400}


# cmi5 ------------------------------------------------------------------------


class Cmi5Block(blocks.StructBlock):
    """An uploaded cmi5 course: its assignable units launched from the lesson,
    done when each unit's moveOn criterion is met."""

    title = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text=_("Optional heading; the course's title otherwise."),
    )
    package = SnippetChooserBlock(
        "lessons.Cmi5Package",
        help_text=_(
            "An uploaded cmi5 course. What completes it (moveOn, mastery score) "
            "is set in the course itself."
        ),
    )
    height = blocks.IntegerBlock(
        default=640, min_value=300, max_value=2000, help_text=_("Height in pixels.")
    )

    class Meta:
        icon = "folder-inverse"
        template = "lessons/blocks/cmi5_block.html"
        label = _("cmi5 course")
        description = _("A cmi5 course of assignable units")
        preview_value = {"title": "Data protection", "height": 400}


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
        if origin_of(origin) != origin or urlsplit(origin).scheme not in {
            "http",
            "https",
        }:
            errors["allowed_origin"] = ValidationError(
                _("Give an origin only: scheme and host, e.g. https://tool.example.com")
            )
        elif origin_of(value["tool_url"]) != origin:
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
