"""Forms for asking, answering and reviewing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models.reviews import STARS
from .services.qa import MAX_BODY
from .services.reviews import MAX_TEXT

MARKDOWN_HELP = _("Markdown: **bold**, *italic*, `code`, lists and links.")


class QuestionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Your question"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
    )
    lesson = forms.TypedChoiceField(
        label=_("About the lesson"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, lessons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lesson"].choices = [("", _("The course in general"))] + [
            (lesson.pk, lesson.title) for lesson in lessons
        ]


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=MARKDOWN_HELP,
    )


class EditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Text"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
    )


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Your rating"),
        coerce=int,
        choices=[(n, f"{n} ★") for n in reversed(STARS)],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("What did you think? (optional)"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your reply"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Announcement"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
    )
    send_email = forms.BooleanField(
        label=_("Also e-mail it to learners who get e-mail for announcements"),
        required=False,
        initial=True,
    )
    publish_at = forms.DateTimeField(
        label=_("Publish later"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Leave empty to publish now. In your time zone."),
    )
