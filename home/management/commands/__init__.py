"""Management commands: seed_demo."""
