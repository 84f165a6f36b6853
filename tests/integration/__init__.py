"""Tests with real processes: Celery workers on Redis and PostgreSQL."""
