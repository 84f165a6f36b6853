"""The catalogue and the course page tree: courses, sections and categories."""
