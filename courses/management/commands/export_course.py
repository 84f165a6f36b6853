"""`manage.py export_course <course-slug> <file.zip> [--format cc]`: the
course as a native package (its pages as last edited, every block and the
files they use), or as an IMS Common Cartridge 1.3."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from courses.exchange.cartridge import export_cartridge
from courses.exchange.native import export_course
from courses.models import CoursePage


class Command(BaseCommand):
    help = "Export a course as a Coursewright course package (ZIP)."

    def add_arguments(self, parser):
        parser.add_argument("course", help="the course's slug")
        parser.add_argument("file", help="where to write the ZIP")
        parser.add_argument(
            "--format",
            choices=["native", "cc"],
            default="native",
            help="native: a Coursewright package; cc: IMS Common Cartridge 1.3",
        )
        parser.add_argument(
            "--language",
            default="",
            help="the copy in this language (default: the site's language)",
        )

    def handle(self, *args, **options):
        language = options["language"] or settings.LANGUAGE_CODE
        courses = list(
            CoursePage.objects.filter(
                slug=options["course"], locale__language_code=language
            )[:2]
        )
        if not courses:
            raise CommandError(f"No course has the slug {options['course']!r}.")
        if len(courses) > 1:
            raise CommandError(f"Several courses have the slug {options['course']!r}.")
        export = export_cartridge if options["format"] == "cc" else export_course
        data = export(courses[0])
        Path(options["file"]).write_bytes(data)
        self.stdout.write(
            f"Exported “{courses[0].title}” to {options['file']} ({len(data)} bytes)."
        )
