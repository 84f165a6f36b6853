"""Course and lesson page speed for a small and a large course, and their ratio.

Runs against a throwaway test database (SQLite, or DATABASE_URL when set).
"""

import os
import statistics
import time
import warnings

import django

# WhiteNoise looks for collected static files, which the benchmark does not need.
warnings.filterwarnings("ignore", "No directory at", UserWarning)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coursesite.settings.test")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)

REPEATS = 30


def measure(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    # Read now: every later request clears the connection's query log.
    query_count = len(queries)
    timings = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    return statistics.median(timings), query_count


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        # The factories touch the models: imported once the test database is up.
        from tests.courses.factories import build_course, build_site

        catalogue = build_site().catalogue
        small = build_course(catalogue, sections=1, lessons_per_section=5, slug="small")
        big = build_course(catalogue, sections=10, lessons_per_section=10, slug="big")
        client = Client()
        rows = [
            ("course page, 5 lessons", small.url),
            ("course page, 100 lessons", big.url),
            ("lesson page, 5-lesson course", small.syllabus.lessons[2].url),
            ("lesson page, 100-lesson course", big.syllabus.lessons[50].url),
        ]
        results = {label: measure(client, url) for label, url in rows}
        print(f"{'page':<34}{'median ms':>10}{'queries':>9}")
        for label, (ms, queries) in results.items():
            print(f"{label:<34}{ms:>10.1f}{queries:>9}")
        course_ratio = results[rows[1][0]][0] / results[rows[0][0]][0]
        lesson_ratio = results[rows[3][0]][0] / results[rows[2][0]][0]
        print(f"course page: 20x the lessons costs {course_ratio:.1f}x the time")
        print(f"lesson page: 20x the lessons costs {lesson_ratio:.1f}x the time")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
