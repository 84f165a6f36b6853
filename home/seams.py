"""The one way a lower app reaches a higher one. The higher app fills a seam
in its `AppConfig.ready()` (`catalogue.provide(...)`); the lower app calls
it (`catalogue.home_context(request, page)`) and never imports the higher
app. The seams themselves live beside the app that calls them."""

from django.core.exceptions import ImproperlyConfigured


class Seam:
    """Named functions one higher app provides to the lower ones."""

    def __init__(self, provider):
        self._provider = provider
        self._functions = {}

    def provide(self, **functions):
        self._functions.update(functions)

    def __getattr__(self, name):
        try:
            return self._functions[name]
        except KeyError:
            raise ImproperlyConfigured(
                f"{name} is provided by the {self._provider} app, which is not "
                "installed or not ready."
            ) from None


# Filled by courses/apps.py: what the home page shows of the catalogue, and
# where the catalogue is.
catalogue = Seam("courses")
