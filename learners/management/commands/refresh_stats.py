"""`manage.py refresh_stats`: recompute the analytics tables now, the same
work the beat does every 15 minutes, for every live course or the ones named."""

from django.core.management.base import BaseCommand

from learners.stats import refresh_all_course_stats, refresh_course_stats


class Command(BaseCommand):
    help = "Recompute the course, lesson and daily statistics the analytics show."

    def add_arguments(self, parser):
        parser.add_argument(
            "course_ids", nargs="*", type=int, help="Only these courses (page ids)."
        )

    def handle(self, *args, course_ids, **options):
        if course_ids:
            for course_id in course_ids:
                refresh_course_stats(course_id)
            count = len(course_ids)
        else:
            count = refresh_all_course_stats()
        self.stdout.write(
            self.style.SUCCESS(f"Statistics refreshed for {count} course(s).")
        )
