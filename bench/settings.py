"""The production settings, plus one bare Django view to measure against."""

from coursesite.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
