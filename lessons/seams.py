"""The one way pages reach up the layers. `lessons` sits below `courses`,
and both below `learners`, yet a lesson page's routes and a page's context
need the learner's state, and a lesson needs to know its course. The higher
app fills a seam in its `AppConfig.ready()` (`learner_side.provide(...)`);
the pages call it (`learner_side.open_lesson(request, lesson)`). Nothing
here imports a higher app."""

from home.seams import Seam

# Filled by learners/apps.py: the lesson page's routes (views), the pages'
# learner context, and the access policy for files used in lessons.
learner_side = Seam("learners")
# Filled by courses/apps.py: the course a page of the tree belongs to.
course_tree = Seam("courses")
