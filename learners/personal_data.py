"""What `learners` holds about a person: profile, enrolments, progress,
activity, attempts, submissions, certificates, and their ways into the API
(see home/personal_data.py)."""

from allauth.socialaccount.models import SocialAccount
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from home.personal_data import Export, delete_files, register, rows

from .models import (
    ApiDevice,
    ApiKey,
    Certificate,
    Cmi5Registration,
    Cmi5Session,
    Cmi5State,
    Cmi5Statement,
    DataExport,
    Enrollment,
    ErasureRequest,
    H5PState,
    IdempotentRequest,
    LearningDay,
    LearningEvent,
    LessonProgress,
    Notification,
    NotificationPreference,
    Profile,
    ProgrammeCertificate,
    ProgrammeEnrollment,
    QuizAttempt,
    ScormRecord,
    SentEmail,
    Submission,
    SubmissionFile,
    VideoWatch,
)


def export(user):
    enrollments = Enrollment.objects.filter(user=user).select_related("course")
    mine = {"enrollment__user": user}
    files = []
    profile = Profile.objects.filter(user=user).first()
    if profile and profile.avatar:
        files.append((f"profile/{_base(profile.avatar.name)}", profile.avatar))
    submission_files = SubmissionFile.objects.filter(submission__enrollment__user=user)
    for item in submission_files:
        name = get_valid_filename(item.original_name) or "file"
        files.append((f"submissions/{item.submission_id}/{item.pk}-{name}", item.file))
    certificates = Certificate.objects.filter(**mine)
    for certificate in certificates:
        if certificate.pdf:
            files.append(
                (f"certificates/{certificate.verification_code}.pdf", certificate.pdf)
            )
    programme_certificates = ProgrammeCertificate.objects.filter(**mine)
    for certificate in programme_certificates:
        if certificate.pdf:
            files.append(
                (f"certificates/{certificate.verification_code}.pdf", certificate.pdf)
            )
    return Export(
        records={
            "profile": rows(Profile.objects.filter(user=user)),
            "enrollments": [
                {**row, "course_title": enrollment.course.title}
                for row, enrollment in zip(rows(enrollments), enrollments, strict=True)
            ],
            "lesson_progress": rows(LessonProgress.objects.filter(**mine)),
            "learning_days": rows(LearningDay.objects.filter(**mine)),
            "video_watches": rows(VideoWatch.objects.filter(**mine)),
            "activity": rows(LearningEvent.objects.filter(user=user)),
            "quiz_attempts": rows(QuizAttempt.objects.filter(**mine)),
            "submissions": rows(Submission.objects.filter(**mine)),
            "submission_files": rows(submission_files),
            "certificates": rows(certificates),
            "programmes": rows(ProgrammeEnrollment.objects.filter(user=user)),
            "programme_certificates": rows(programme_certificates),
            "emails_sent": rows(SentEmail.objects.filter(user=user)),
            "notifications": rows(Notification.objects.filter(user=user)),
            "notification_preferences": rows(
                NotificationPreference.objects.filter(user=user)
            ),
            "h5p_saved_state": rows(H5PState.objects.filter(**mine)),
            "scorm_data": rows(ScormRecord.objects.filter(**mine)),
            "cmi5_registrations": rows(Cmi5Registration.objects.filter(**mine)),
            "cmi5_statements": rows(Cmi5Statement.objects.filter(session__user=user)),
            "cmi5_state": rows(
                Cmi5State.objects.filter(user=user), exclude=("content",)
            ),
            "app_log_ins": rows(ApiDevice.objects.filter(user=user)),
            "api_keys": rows(ApiKey.objects.filter(user=user), exclude=("hashed",)),
            "single_sign_on": rows(SocialAccount.objects.filter(user=user)),
        },
        files=files,
    )


def erase(user, options):
    """Activity and work go; enrolments stay, without a person behind them,
    for the course's figures and the certificates' verification."""
    mine = {"enrollment__user": user}
    files = [
        item.file
        for item in SubmissionFile.objects.filter(submission__enrollment__user=user)
    ]
    profile = Profile.objects.filter(user=user).first()
    exports = list(DataExport.objects.filter(user=user))
    certificates = list(Certificate.objects.filter(**mine))
    certificates += ProgrammeCertificate.objects.filter(**mine)
    SubmissionFile.objects.filter(submission__enrollment__user=user).delete()
    Submission.objects.filter(**mine).delete()
    Submission.objects.filter(graded_by=user).update(graded_by=None)
    QuizAttempt.objects.filter(**mine).delete()
    H5PState.objects.filter(**mine).delete()
    ScormRecord.objects.filter(**mine).delete()
    Cmi5Session.objects.filter(user=user).delete()  # and their statements
    Cmi5Registration.objects.filter(**mine).delete()
    Cmi5State.objects.filter(user=user).delete()
    VideoWatch.objects.filter(**mine).delete()
    LessonProgress.objects.filter(**mine).delete()
    LearningDay.objects.filter(**mine).delete()
    LearningEvent.objects.filter(user=user).delete()
    SentEmail.objects.filter(user=user).delete()
    Notification.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    DataExport.objects.filter(user=user).delete()
    # Ways in go with the person: app log-ins (and their refresh tokens), API
    # keys and the answers kept for their Idempotency-Keys.
    ApiDevice.objects.filter(user=user).delete()
    ApiKey.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
    IdempotentRequest.objects.filter(user=user).delete()
    ErasureRequest.objects.filter(requested_by=user).update(requested_by=None)
    if profile:
        files.append(profile.avatar)
        profile.delete()
    for certificate in certificates:
        files.append(certificate.pdf)
        certificate.learner_name = ""
        certificate.pdf = ""
        # Its credential held a salted hash of the e-mail address; the next
        # one is signed without it.
        if isinstance(certificate, Certificate):
            certificate.credential = None
        if options.revoke_certificates and not certificate.revoked_at:
            certificate.revoked_at = timezone.now()
            certificate.revoked_reason = "The learner's account was erased."
        certificate.save()
    files += [export.file for export in exports]
    # Storage is not transactional: files go once the rows are gone for good.
    transaction.on_commit(lambda: delete_files(*files))


def _base(name):
    return name.rsplit("/", 1)[-1]


def connect():
    register("learning", export=export, erase=erase)
