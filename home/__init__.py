"""Site-wide pieces: the home page, site settings, shared template tags, demo data."""
