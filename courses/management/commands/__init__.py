"""`manage.py export_course` and `manage.py import_course`."""
