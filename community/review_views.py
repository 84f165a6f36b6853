"""A course's reviews: the page anyone can read, the learner's own review
form, and the instructor's reply and moderation. Routed from the course page."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from learners.access import community_access
from learners.views import refusal

from .forms import ReplyForm, ReviewForm
from .models import Report, Review
from .services import reviews as service
from .services.moderation import report_post
from .services.qa import CommunityError

PAGE_SIZE = 20


def reviews(request, course):
    """GET: the reviews; POST: write or change one's own."""
    access = community_access(request.user, course)
    allowed, why = (
        service.may_review(request.user, course, access)
        if request.user.is_authenticated
        else (False, "")
    )
    mine = (
        Review.objects.filter(course=course, author=request.user).first()
        if request.user.is_authenticated
        else None
    )
    initial = {"rating": mine.rating, "text": mine.text} if mine else None
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if form.is_valid():
            try:
                service.write_review(
                    request.user,
                    course,
                    rating=form.cleaned_data["rating"],
                    text=form.cleaned_data["text"],
                )
            except CommunityError as error:
                return refusal(request, error, course=course)
            messages.success(request, _("Thank you for your review."))
            return redirect(f"{course.url}reviews/#my-review")
    shown = Review.objects.filter(course=course).select_related("author__profile")
    if not access.moderates:
        shown = shown.filter(hidden_at__isnull=True)
    page = Paginator(shown.order_by("-updated_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "report_reasons": Report.Reason.choices,
        "course": course,
        "access": access,
        "rating": service.rating_summary(course.pk),
        "page_obj": page,
        "form": form,
        "may_review": allowed,
        "why_not": why,
        "mine": mine,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "community/reviews.html", context, status=status)


def review_action(request, course, review_id, action):
    """POST reviews/<id>/reply|hide|restore/ (the instructor and moderators),
    or report/ (anyone in the course)."""
    if action not in ("reply", "hide", "restore", "report"):
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        review = Review.objects.get(pk=review_id, course=course)
    except Review.DoesNotExist:
        raise Http404 from None
    review.course = course
    try:
        if action == "reply":
            form = ReplyForm(request.POST)
            if not form.is_valid():
                raise CommunityError(_("Keep the reply shorter."))
            service.reply_to_review(
                request.user, review, text=form.cleaned_data["text"]
            )
        elif action == "report":
            if not request.user.is_authenticated:
                return redirect_to_login(f"{course.url}reviews/")
            report_post(
                request.user,
                review,
                reason=request.POST.get("reason", ""),
                note=request.POST.get("note", ""),
            )
            messages.success(request, _("Thank you. A moderator will look at it."))
        else:
            service.set_review_hidden(request.user, review, action == "hide")
    except CommunityError as error:
        return refusal(request, error, course=course)
    return redirect(f"{course.url}reviews/#review-{review.pk}")
