"""LTI 1.3: courses and lessons launched from another learning platform."""
