"""Documents used in lessons are served only through the access policy."""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from wagtail import hooks

from .access import document_access


@hooks.register("before_serve_document")
def check_lesson_document_access(document, request):
    access = document_access(request.user, document)
    if access.allowed:
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    context = {"message": access.message, "course": None, "lesson": None}
    return render(request, "learners/refusal.html", context, status=403)
