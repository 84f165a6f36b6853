"""Management commands of the site app."""
