"""Template tags for lesson pages."""
