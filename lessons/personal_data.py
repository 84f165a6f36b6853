"""What `lessons` holds about a person: AI-tool launches and the packages
they uploaded (see home/personal_data.py)."""

from home.personal_data import Export, register, rows

from .models import Cmi5Package, H5PPackage, ScormPackage, ToolLaunch


def export(user):
    return Export(
        records={
            "ai_tool_launches": rows(ToolLaunch.objects.filter(user=user)),
        }
    )


def erase(user, options):
    ToolLaunch.objects.filter(user=user).delete()
    # Packages belong to the courses that use them, not to the uploader.
    H5PPackage.objects.filter(uploaded_by=user).update(uploaded_by=None)
    ScormPackage.objects.filter(uploaded_by=user).update(uploaded_by=None)
    Cmi5Package.objects.filter(uploaded_by=user).update(uploaded_by=None)


def connect():
    register("lessons", export=export, erase=erase)
