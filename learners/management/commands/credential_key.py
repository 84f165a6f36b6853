"""Make a new signing key for certificates' verifiable credentials, or show
the public value of the one in use (to retire it when rotating)."""

from django.core.management.base import BaseCommand

from learners.credentials.keys import new_seed, signing_key


class Command(BaseCommand):
    help = (
        "Prints a new CREDENTIAL_SIGNING_KEY; with --show, the public key in "
        "use (put it in CREDENTIAL_RETIRED_KEYS when you rotate)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--show", action="store_true")

    def handle(self, *args, show=False, **options):
        if show:
            key = signing_key()
            self.stdout.write(f"{key.public_multibase}\n{key.id}")
        else:
            self.stdout.write(new_seed())
