"""The learner side of the JSON API: logging in apps, and the learner's own
records. Every endpoint calls the same services and access policy as the
pages."""
