"""Template context every page reads: the address prefix of the language now."""

from .languages import prefix, unprefixed


def languages(request):
    """`language_prefix` ("" or "/fr") for the site's fixed addresses, and the
    request's path without it, for "you are here" marks in the navigation."""
    return {
        "language_prefix": prefix(),
        "unprefixed_path": unprefixed(request.path),
    }
