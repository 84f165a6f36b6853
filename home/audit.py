"""The audit log of sensitive staff actions: `record()` from the service
that does the action; the request in progress says who and from where."""

from contextvars import ContextVar

from allauth.account.adapter import get_adapter

from .models import AuditEntry

Action = AuditEntry.Action
_request = ContextVar("audit_request", default=None)


class AuditRequestMiddleware:
    """Keeps the request at hand for `record()` (after authentication)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def label(obj):
    """How the log names a record: its kind and number, no personal data."""
    return f"{obj._meta.verbose_name} #{obj.pk}"


def acting_user():
    """The signed-in person of the request in progress, or None."""
    request = _request.get()
    user = getattr(request, "user", None) if request is not None else None
    return user if user is not None and user.is_authenticated else None


def record(action, target, summary="", *, actor=None):
    """Add an entry. `actor` defaults to the signed-in person of the request
    in progress; a task or a command without one records no actor."""
    request = _request.get()
    actor = actor or acting_user()
    address = _client_ip(request) if request is not None else None
    return AuditEntry.objects.create(
        action=action,
        target=target if isinstance(target, str) else label(target),
        summary=summary[:300],
        actor=actor,
        ip_address=address or None,
    )


def _client_ip(request):
    try:
        return get_adapter(request).get_client_ip(request)
    except Exception:  # an odd forwarding header must not stop the action
        return None
