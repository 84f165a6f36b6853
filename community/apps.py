"""App configuration for `community`."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "community"
    verbose_name = _("Community")

    def ready(self):
        # Imported here: other apps and models are loaded once the registry is ready.
        from courses.seams import community_side
        from home.seo import ratings

        from . import personal_data, review_views, views

        personal_data.connect()
        # The course's JSON-LD gives its stored rating.
        ratings.provide(rating_summary=review_views.service.rating_summary)

        # A course page routes its questions/ paths here.
        community_side.provide(
            questions=views.questions,
            question=views.question,
            question_action=views.question_action,
            reviews=review_views.reviews,
            review_action=review_views.review_action,
            course_context=review_views.course_context,
        )
