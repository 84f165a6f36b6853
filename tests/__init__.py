"""The test suite: one folder per app, plus browser journeys under e2e."""
