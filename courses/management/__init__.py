"""Management commands of courses: export_course and import_course."""
