"""`manage.py import_course <file.zip> [--owner EMAIL]`: a new draft course
from a native package, owned and taught by the given person (the first
superuser when none is given)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from courses.exchange.native import ExchangeError, import_course


class Command(BaseCommand):
    help = "Import a Coursewright course package as a new draft course."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the package (ZIP)")
        parser.add_argument("--owner", help="the e-mail address of its new owner")

    def handle(self, *args, **options):
        users = get_user_model().objects.filter(is_active=True)
        if options["owner"]:
            owner = users.filter(email__iexact=options["owner"]).first()
            if owner is None:
                raise CommandError(f"No active user has the e-mail {options['owner']}.")
        else:
            owner = users.filter(is_superuser=True).order_by("pk").first()
            if owner is None:
                raise CommandError("Give --owner: the site has no superuser.")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        try:
            course = import_course(path.read_bytes(), owner)
        except ExchangeError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"Imported “{course.title}” as a draft at /{course.slug}/ "
            f"(page {course.pk}), owned by {owner.email or owner.get_username()}."
        )
