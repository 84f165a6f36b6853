"""App configuration for `learners`."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearnersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "learners"
    verbose_name = _("Learners")

    def ready(self):
        # Imported here: other apps and models are loaded once the registry is ready.
        from lessons.seams import learner_side

        from . import (  # noqa: F401 - connects receivers, registers tasks
            assessment_views,
            cmi5_views,
            page_context,
            personal_data,
            programme_views,
            receivers,
            scorm_views,
            tasks,
            views,
        )
        from .access import content_access
        from .copies import (
            on_learning_course,
            on_learning_lesson,
            on_learning_programme,
        )
        from .services import cmi5 as cmi5_records

        personal_data.connect()
        # A course page served from the page cache still counts its view.
        from home.page_cache import on_replay

        from .pageviews import count_course_view

        on_replay("course_view", count_course_view)
        # The pages of `courses` and `lessons` reach the learner side here; a
        # translated page's routes act on the original's records (copies.py).
        learner_side.provide(
            open_lesson=views.open_lesson,
            mark_lesson_complete=on_learning_lesson(views.mark_lesson_complete),
            report_lesson_progress=on_learning_lesson(views.report_lesson_progress),
            report_h5p_statement=on_learning_lesson(views.report_h5p_statement),
            h5p_user_state=on_learning_lesson(views.h5p_user_state),
            commit_scorm=on_learning_lesson(scorm_views.commit_scorm),
            scorm_launch=scorm_views.scorm_launch,
            launch_cmi5=on_learning_lesson(cmi5_views.launch_cmi5),
            cmi5_done=on_learning_lesson(cmi5_views.cmi5_done),
            cmi5_results=cmi5_records.unit_results,
            start_quiz=on_learning_lesson(assessment_views.start_quiz),
            save_quiz=on_learning_lesson(assessment_views.save_quiz),
            submit_quiz=on_learning_lesson(assessment_views.submit_quiz),
            submit_assignment=on_learning_lesson(assessment_views.submit_assignment),
            enroll_in_course=on_learning_course(views.enroll_in_course),
            lesson_context=page_context.lesson_context,
            course_context=page_context.course_context,
            programme_context=on_learning_programme(programme_views.programme_context),
            join_programme=on_learning_programme(programme_views.join_programme),
            content_access=content_access,
        )
