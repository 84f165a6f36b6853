"""The seam course pages reach the community through: `community` sits above
`courses`, yet a course page routes to its questions. The community app
fills it in its `AppConfig.ready()`; nothing here imports it."""

from home.seams import Seam

# Filled by community/apps.py: the course's question and review pages, and
# what the course page shows of its reviews.
community_side = Seam("community")
