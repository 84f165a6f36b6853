"""How a learner is named to content and record stores: an id stable on this
site and meaningless anywhere else (never the e-mail address), and the name
as SCORM asks for it."""

import hashlib
import hmac

from django.conf import settings


def learner_id(user):
    key = settings.SECRET_KEY.encode()
    digest = hmac.new(key, f"learner:{user.pk}".encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def learner_name(user):
    """ "Last, First", as both SCORM versions ask."""
    if user.last_name and user.first_name:
        return f"{user.last_name}, {user.first_name}"
    return user.get_full_name() or user.get_username()
