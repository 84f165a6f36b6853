"""Template tags of organisations."""
