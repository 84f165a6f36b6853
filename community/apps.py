"""App configuration for `community`."""

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "community"
    verbose_name = _("Community")

    def ready(self):
        # Imported here: other apps and models are loaded once the registry is ready.
        from django.db.models.signals import post_delete, post_save

        from courses.seams import community_side
        from home import content_version
        from home.seo import ratings
        from learners.emails import register_email_kind
        from learners.extensions import achievements
        from learners.notifications import register_topic

        from . import (
            announcement_views,
            course_page,
            leaderboard_views,
            personal_data,
            receivers,  # noqa: F401 - connects the receivers
            review_views,
            services,
            tasks,  # noqa: F401 - registers the tasks
            views,
        )
        from .models import Announcement, Answer, Badge, BadgeAward

        personal_data.connect()
        # The dashboard keeps the badges per content version.
        for signal in (post_save, post_delete):
            signal.connect(content_version.changed, sender=Badge, weak=False)
        # The course's JSON-LD gives its stored rating.
        ratings.provide(rating_summary=review_views.service.rating_summary)

        achievements.provide(for_dashboard=services.achievements_for)
        # A course page routes its questions/ paths here.
        community_side.provide(
            questions=views.questions,
            question=views.question,
            question_action=views.question_action,
            reviews=review_views.reviews,
            review_action=review_views.review_action,
            announcements=announcement_views.announcements,
            announcement_action=announcement_views.announcement_action,
            course_context=course_page.course_context,
            leaderboard=leaderboard_views.course_leaderboard,
        )

        register_topic("replies", _("Answers to my questions"), "email")
        register_topic("accepted", _("My answers accepted"), "app")
        register_topic("announcements", _("Course announcements"), "email")
        register_topic("badges", _("Badges earned"), "app")
        register_email_kind(
            "question_answered", "replies", Answer, Answer.get_absolute_url
        )
        register_email_kind(
            "answer_accepted", "accepted", Answer, Answer.get_absolute_url
        )
        register_email_kind(
            "announcement",
            "announcements",
            Announcement,
            Announcement.get_absolute_url,
        )
        register_email_kind(
            "badge_earned",
            "badges",
            BadgeAward,
            lambda award: reverse("learners:dashboard") + "#achievements",
        )
