"""`manage.py seed_demo`: the demo courses and users, safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from demo.seed import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Create the demo site: three courses, categories and demo users."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo courses first and build them again.",
        )

    def handle(self, *args, **options):
        # Mail the seed sends (the demo student's enrolment) stays in memory:
        # with the console backend it would print above the demo logins.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
        ):
            report = seed_demo(reset=options["reset"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo site ready: {report.created_courses} new course(s)."
            )
        )
        if report.demo_learners:
            self.stdout.write(
                f"{report.demo_learners} demo learners with 90 days of activity "
                "fill the instructor's analytics."
            )
        self.stdout.write(f"Open {settings.SITE_URL}/ and log in with:")
        self.stdout.write(
            f"  {'role':<11} {'e-mail (site)':<24} {'username (admin)':<17} password"
        )
        for role, user in report.users:
            self.stdout.write(
                f"  {role:<11} {user.email:<24} {user.username:<17} {DEMO_PASSWORD}"
            )
        self.stdout.write(f"Editors use {settings.SITE_URL}/admin/")
        self.stdout.write(
            "Payments use the offline test gateway unless STRIPE_SECRET_KEY is set; "
            "try the coupon WELCOME20."
        )
