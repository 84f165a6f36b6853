"""`manage.py flush_outbox`: send tasks the outbox kept while Redis was down."""

from django.core.management.base import BaseCommand

from home.outbox import flush_outbox


class Command(BaseCommand):
    help = "Send pending outbox tasks to the Celery broker."

    def handle(self, *args, **options):
        self.stdout.write(f"Sent {flush_outbox()} pending task(s).")
