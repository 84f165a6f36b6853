"""The site's one public address is SITE_URL. Wagtail's default Site record
follows it (after every migrate and seed), so the sitemap, canonical links,
robots.txt, JSON-LD and e-mails all name the same host."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Locale, Page, Site


def absolute(path):
    """`path` on the public address; an address that is already absolute (a
    file on S3, say) is left as it is."""
    if urlsplit(path).netloc:
        return path
    return settings.SITE_URL + path


def sync_default_site():
    """Give the default Site the host and port of SITE_URL (Wagtail builds its
    full URLs, the sitemap's among them, from these)."""
    parts = urlsplit(settings.SITE_URL)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    Site.objects.filter(is_default_site=True).exclude(
        hostname=parts.hostname, port=port
    ).update(hostname=parts.hostname, port=port)
    Site.clear_site_root_paths_cache()


def follow_site_url(sender, **kwargs):
    """post_migrate receiver: see `sync_default_site`."""
    sync_default_site()


def ensure_root_page():
    """Wagtail's tree root, made by its migrations; rebuilt if a flush removed it."""
    root = Page.get_first_root_node()
    if root is None:
        locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root
