"""Account e-mail (verification, password reset) goes out through Celery;
single sign-on finds an existing account only by an address verified on
both sides."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings

from home.outbox import enqueue


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # The shared e-mail layout links to the profile: absolute, on SITE_URL.
        context = {
            **context,
            "site_url": settings.SITE_URL,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (
                body
                for body, kind in getattr(message, "alternatives", [])
                if kind == "text/html"
            ),
            "",
        )
        enqueue(
            "home.tasks.send_email_task",
            message.subject,
            message.body,
            html,
            message.to,
        )


class SingleSignOnAdapter(DefaultSocialAccountAdapter):
    """An identity provider's e-mail address signs into an existing account
    only when the provider says it verified the address and the account
    verified it here too. allauth would also sign into an account whose
    address was never verified (wiping its password); here that account is
    left alone, and the person is asked to sign up with another address or
    to log in with their password and connect the provider from their
    profile."""

    def authenticate_by_email(self, sociallogin):
        for address in sociallogin.email_addresses:
            if not address.verified:
                continue
            if not self.can_authenticate_by_email(sociallogin, address.email):
                continue
            owned = (
                EmailAddress.objects.filter(email__iexact=address.email, verified=True)
                .select_related("user")
                .first()
            )
            if owned is not None and owned.user.is_active:
                return owned.user, address.email
        return None
