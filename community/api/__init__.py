"""The community under /api/v1/: questions, reviews, announcements,
achievements and leaderboards, through the same services and access rule
as the pages."""
