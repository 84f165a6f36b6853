"""Account e-mail (verification, password reset) goes out through Celery."""

from allauth.account.adapter import DefaultAccountAdapter

from home.outbox import enqueue


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
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
