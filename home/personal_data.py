"""What the platform holds about a person, app by app. Each app registers
a part in its `ready()`: how to export its rows and files, and how to
erase or pseudonymise them. The data export and the account erasure
(learners/services/privacy.py) walk every part, so an app that stores
personal data adds its part here rather than being imported by them."""

from dataclasses import dataclass, field

from django.core import serializers
from django.core.files.storage import default_storage


class ErasureBlocked(Exception):
    """The account cannot be erased yet; the message says what to do first."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Export:
    """One part's share of a data export: JSON records and stored files."""

    records: dict = field(default_factory=dict)  # file name -> list of rows
    # (name in the archive, a stored FieldFile or the bytes of a document)
    files: list = field(default_factory=list)


@dataclass(frozen=True)
class Part:
    name: str
    export: object  # user -> Export
    erase: object  # (user, options) -> None
    check: object = None  # user -> None, or raise ErasureBlocked
    order: int = 100


_parts = {}


def register(name, *, export, erase, check=None, order=100):
    _parts[name] = Part(name, export, erase, check, order)


def parts():
    return sorted(_parts.values(), key=lambda part: part.order)


def rows(queryset, exclude=()):
    """Every concrete field of every row, as JSON-ready dicts."""
    serialised = serializers.serialize("python", queryset)
    return [
        {
            "id": item["pk"],
            **{k: v for k, v in item["fields"].items() if k not in exclude},
        }
        for item in serialised
    ]


def delete_files(*field_files):
    """Remove stored files; a file already gone is fine."""
    for stored in field_files:
        if stored and stored.name and default_storage.exists(stored.name):
            default_storage.delete(stored.name)
