"""`manage.py export_course <course-slug> <file.zip>`: the course as a native
package (its pages as last edited, every block and the files they use)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from courses.exchange.native import export_course
from courses.models import CoursePage


class Command(BaseCommand):
    help = "Export a course as a Coursewright course package (ZIP)."

    def add_arguments(self, parser):
        parser.add_argument("course", help="the course's slug")
        parser.add_argument("file", help="where to write the ZIP")

    def handle(self, *args, **options):
        courses = list(CoursePage.objects.filter(slug=options["course"])[:2])
        if not courses:
            raise CommandError(f"No course has the slug {options['course']!r}.")
        if len(courses) > 1:
            raise CommandError(f"Several courses have the slug {options['course']!r}.")
        data = export_course(courses[0])
        Path(options["file"]).write_bytes(data)
        self.stdout.write(
            f"Exported “{courses[0].title}” to {options['file']} ({len(data)} bytes)."
        )
