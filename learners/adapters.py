"""Account e-mail (verification, password reset) goes out through Celery."""

from allauth.account.adapter import DefaultAccountAdapter
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
