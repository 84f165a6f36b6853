"""Lesson pages and the StreamField blocks that make up lesson content."""
