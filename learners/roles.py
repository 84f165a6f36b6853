"""The names of the roles; the groups themselves are created by a migration."""

STUDENTS = "Students"
INSTRUCTORS = "Instructors"
MODERATORS = "Moderators"
ALL_ROLES = (STUDENTS, INSTRUCTORS, MODERATORS)
# Roles that work in the Wagtail admin; students never see it.
ADMIN_ROLES = (INSTRUCTORS, MODERATORS)
