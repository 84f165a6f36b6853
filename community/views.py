"""A course's questions: the list with its filters and the ask form, a
thread with its answers, and the actions on a post. Routed from the course
page (`courses/seams.py`)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from learners.access import community_access
from learners.models.profile import public_name_of
from learners.views import refusal

from . import services
from .forms import AnswerForm, EditForm, QuestionForm
from .models import Answer, Question, Report, Vote
from .services.listing import SORTS, find_questions

PAGE_SIZE = 20


def refused(request, course, access):
    """A visitor is asked to log in; anyone else is told why not (403)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return refusal(request, services.NotAllowed(str(access.message)), course=course)


def questions(request, course):
    """GET: the course's questions; POST: ask one."""
    access = community_access(request.user, course)
    if not access.allowed:
        return refused(request, course, access)
    lessons = course.syllabus.lessons
    form = QuestionForm(request.POST or None, lessons=lessons)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            lesson = next((item for item in lessons if item.pk == data["lesson"]), None)
            try:
                question = services.ask_question(
                    request.user,
                    course,
                    title=data["title"],
                    body=data["body"],
                    lesson=lesson,
                )
            except services.CommunityError as error:
                return refusal(request, error, course=course)
            return redirect(_thread_url(course, question))
    elif request.GET.get("lesson", "").isdigit():
        form.initial["lesson"] = int(request.GET["lesson"])
    listing = _listing(request, course, lessons, access)
    context = {
        "course": course,
        "access": access,
        "form": form,
        "banned": services.banned_from_posting(request.user, course, access),
        **listing,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "community/questions.html", context, status=status)


def _listing(request, course, lessons, access):
    lesson = next(
        (item for item in lessons if str(item.pk) == request.GET.get("lesson", "")),
        None,
    )
    shown = request.GET.get("show", "all")
    query = request.GET.get("q", "").strip()[:100]
    sort = request.GET.get("sort", "relevance" if query else "activity")
    if sort not in SORTS or (sort == "relevance" and not query):
        sort = "activity"
    found = find_questions(
        course,
        request.user,
        access,
        show=shown,
        lesson=lesson,
        query=query,
        sort=sort,
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "page_obj": page,
        "shown": shown,
        "sort": sort,
        "query": query,
        "lesson_filter": lesson,
    }


def _thread_url(course, question):
    return f"{course.url}questions/{question.pk}/"


def _question(course, question_id):
    try:
        return Question.objects.select_related("author__profile", "lesson").get(
            pk=question_id, course=course
        )
    except Question.DoesNotExist:
        raise Http404 from None


def question(request, course, question_id):
    """GET: the thread; POST: answer it."""
    access = community_access(request.user, course)
    if not access.allowed:
        return refused(request, course, access)
    thread = _question(course, question_id)
    thread.course = course
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            answer = services.answer_question(
                request.user, thread, body=form.cleaned_data["body"]
            )
        except services.CommunityError as error:
            return refusal(request, error, course=course)
        return redirect(f"{_thread_url(course, thread)}#answer-{answer.pk}")
    answers = list(thread.answers.select_related("author__profile"))
    voted = set(
        Vote.objects.filter(
            Q(question=thread) | Q(answer__question=thread), user=request.user
        ).values_list("question_id", "answer_id")
    )
    voted_answers = {answer_id for _question_id, answer_id in voted if answer_id}
    now = timezone.now()
    for answer in answers:
        answer.voted = answer.pk in voted_answers
        answer.editable = _editable(request.user, answer, now)
        answer.is_accepted = answer.pk == thread.accepted_answer_id
    answers.sort(key=lambda answer: not answer.is_accepted)  # accepted first
    context = {
        "course": course,
        "access": access,
        "question": thread,
        "question_voted": any(q for q, _answer in voted if q),
        "question_editable": _editable(request.user, thread, now),
        "may_accept": access.moderates or thread.author_id == request.user.pk,
        "answers": answers,
        "form": form,
        "report_reasons": Report.Reason.choices,
        "banned": services.banned_from_posting(request.user, course, access),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "community/question.html", context, status=status)


def _editable(user, post, now):
    return (
        post.author_id == user.pk
        and not post.is_deleted
        and now - post.created_at <= services.EDIT_WINDOW
    )


ACTIONS = {
    *("vote", "accept", "edit", "delete", "pin", "unpin", "lock", "unlock"),
    *("report", "hide", "restore", "ban"),
}


def question_action(request, course, question_id, action):
    """POST questions/<id>/<action>/ (`answer=<id>` for an answer's): vote,
    accept, edit (GET shows the form), delete, pin, unpin, lock, unlock;
    report (`reason`, `note`); for moderators hide, restore and ban (the
    post's author from posting in the course)."""
    if action not in ACTIONS:
        raise Http404
    if request.method != "POST" and action != "edit":
        return HttpResponseNotAllowed(["POST"])
    access = community_access(request.user, course)
    if not access.allowed:
        return refused(request, course, access)
    thread = _question(course, question_id)
    thread.course = course
    post = _target(request, thread)
    if action == "edit":
        return _edit(request, course, thread, post)
    try:
        _act(request, action, thread, post)
    except services.CommunityError as error:
        return refusal(request, error, course=course)
    anchor = f"#answer-{post.pk}" if isinstance(post, Answer) else ""
    return redirect(_thread_url(course, thread) + anchor)


def _target(request, thread):
    answer_id = request.POST.get("answer") or request.GET.get("answer")
    if not answer_id:
        return thread
    if not str(answer_id).isdigit():
        raise Http404
    try:
        answer = thread.answers.get(pk=answer_id)
    except Answer.DoesNotExist:
        raise Http404 from None
    answer.question = thread
    return answer


def _act(request, action, thread, post):
    user = request.user
    if action == "report":
        services.report_post(
            user,
            post,
            reason=request.POST.get("reason", ""),
            note=request.POST.get("note", ""),
        )
        messages.success(request, _("Thank you. A moderator will look at it."))
    elif action == "hide":
        services.hide_post(user, post)
    elif action == "restore":
        services.restore_post(user, post)
    elif action == "ban":
        if post.author is None:
            raise services.CommunityError(_("This post has no author to ban."))
        services.ban_from_posting(user, thread.course, post.author)
        messages.success(
            request,
            _("%(name)s can no longer post in this course's questions.")
            % {"name": public_name_of(post.author)},
        )
    elif action == "vote":
        services.upvote(user, post)
    elif action == "accept":
        if not isinstance(post, Answer):
            raise services.CommunityError(_("Choose an answer to accept."))
        services.accept_answer(user, post)
    elif action == "delete":
        services.delete_post(user, post)
    elif action in ("pin", "unpin"):
        services.set_pinned(user, thread, action == "pin")
    else:
        services.set_locked(user, thread, action == "lock")


def _edit(request, course, thread, post):
    is_question = isinstance(post, Question)
    initial = {"body": post.body, "title": thread.title if is_question else ""}
    form = EditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_post(
                request.user,
                post,
                body=form.cleaned_data["body"],
                title=form.cleaned_data["title"] if is_question else None,
            )
        except services.CommunityError as error:
            return refusal(request, error, course=course)
        anchor = "" if is_question else f"#answer-{post.pk}"
        return redirect(_thread_url(course, thread) + anchor)
    if post.author_id != request.user.pk:
        error = services.NotAllowed(_("Only the author can edit a post."))
        return refusal(request, error, course=course)
    context = {
        "course": course,
        "question": thread,
        "post": post,
        "is_question": is_question,
        "form": form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "community/edit.html", context, status=status)
