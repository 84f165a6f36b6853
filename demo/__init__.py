"""The demo site: seeded content, users, media and 90 days of history."""
