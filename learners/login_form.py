"""allauth's login form in the site's words (ACCOUNT_FORMS["login"]); kept
apart from learners.forms, which allauth imports while building its forms."""

from allauth.account.forms import LoginForm
from django.utils.translation import gettext_lazy as _


class LoginFormInOurWords(LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "remember" in self.fields:
            self.fields["remember"].label = _("Keep me logged in on this device")
