"""What the learner side tells webhook endpoints (home/webhooks.py): the
event's facts by id, with the learner's e-mail so a receiver can match its
own records. Each is published inside the change's transaction."""

from home.webhooks import publish


def _learner(user):
    return {"id": user.pk, "email": user.email}


def _enrollment(enrollment):
    return {
        "id": enrollment.pk,
        "course": enrollment.course_id,
        "learner": _learner(enrollment.user),
        "status": enrollment.status,
        "source": enrollment.source,
        "enrolled_at": enrollment.enrolled_at,
        "completed_at": enrollment.completed_at,
    }


def enrollment_created(enrollment):
    publish("enrollment.created", {"enrollment": _enrollment(enrollment)})


def lesson_completed(progress):
    publish(
        "lesson.completed",
        {
            "lesson": progress.lesson_id,
            "completed_at": progress.completed_at,
            "enrollment": _enrollment(progress.enrollment),
        },
    )


def course_completed(enrollment):
    publish("course.completed", {"enrollment": _enrollment(enrollment)})


def _certificate(certificate):
    return {
        "id": certificate.pk,
        "verification_code": certificate.verification_code,
        "course_title": certificate.course_title,
        "issued_at": certificate.issued_at,
        "revoked_at": certificate.revoked_at,
        "enrollment": certificate.enrollment_id,
    }


def certificate_issued(certificate):
    publish("certificate.issued", {"certificate": _certificate(certificate)})


def certificate_revoked(certificate):
    publish("certificate.revoked", {"certificate": _certificate(certificate)})


def submission_graded(submission):
    publish(
        "submission.graded",
        {
            "submission": {
                "id": submission.pk,
                "lesson": submission.lesson_id,
                "version": submission.version,
                "status": submission.status,
                "score": submission.score,
                "max_score": submission.max_score,
                "passed": submission.passed,
            },
            "enrollment": _enrollment(submission.enrollment),
        },
    )
