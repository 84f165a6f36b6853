"""Django's and allauth's login backends, reading a session's user with SQL
compiled once.

Every logged-in request reads its user by id. Django builds that query anew
each time, which cost more than the database took to answer it; these
backends log people in exactly as Django's and allauth's do, and read the
session's user through a compiled query (home/compiled_query.py). Sessions
made before them named Django's and allauth's classes; migration
home/0008 renamed those.
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .compiled_query import CompiledQuery

_USER = CompiledQuery(lambda pk: get_user_model()._default_manager.filter(pk=pk))


class _CompiledSessionUser:
    def get_user(self, user_id):
        found = _USER.objects(pk=user_id)
        if not found or not self.user_can_authenticate(found[0]):
            return None
        return found[0]


class UserBackend(_CompiledSessionUser, ModelBackend):
    """Django's ModelBackend (username and password, as the admin logs in)."""


class AccountBackend(_CompiledSessionUser, AuthenticationBackend):
    """allauth's backend (the site's login by e-mail or username)."""
