"""Pages written with COPY, laid out exactly as Wagtail lays them out
(treebeard paths, URL paths, live and published), for `bench.generate`:
thousands of pages in seconds instead of one `add_child` at a time."""

from django.db import connection
from django.db.models import F
from django.utils import timezone
from wagtail.models import Locale, Page


class TreeWriter:
    """Collects new pages under existing or new parents, then COPYs them."""

    def __init__(self):
        self.next_id = (
            (Page.objects.order_by("-pk").values_list("pk", flat=True)[0]) + 1
        )
        self.now = timezone.now()
        self.locale = Locale.get_default()
        self.pages = []
        self.new_ids = set()
        self.children = {}  # parent id -> children added
        self.existing = set()  # ids of parents already in the tree

    def add(self, parent, page):
        """Place the unsaved `page` as the last child of `parent`."""
        if parent.pk not in self.new_ids:
            self.existing.add(parent.pk)
        count = self.children.get(parent.pk, 0) + 1
        self.children[parent.pk] = count
        position = (parent.numchild if parent.pk in self.existing else 0) + count
        page.pk = page.id = self.next_id
        self.new_ids.add(page.pk)
        self.next_id += 1
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, position)
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = self.now
        page.locale = self.locale
        self.pages.append(page)
        return page

    def write(self):
        from .generate import reset_sequence

        for page in self.pages:
            page.numchild = self.children.get(page.pk, 0)
        by_model = {}
        for page in self.pages:
            by_model.setdefault(type(page), []).append(page)
        for model, pages in by_model.items():
            # Page's own table first, then each table below it.
            for table_model in reversed(model._meta.get_parent_list()):
                _copy(table_model, pages)
            _copy(model, pages)
        for pk in self.existing:
            Page.objects.filter(pk=pk).update(
                numchild=F("numchild") + self.children[pk]
            )
        reset_sequence(Page)
        return len(self.pages)


def _copy(model, pages):
    from .generate import copy_rows

    fields = model._meta.local_concrete_fields
    copy_rows(
        model,
        [field.column for field in fields],
        (
            tuple(
                field.get_db_prep_save(getattr(page, field.attname), connection)
                for field in fields
            )
            for page in pages
        ),
    )
