"""What the home page (in `home`, below) shows of the catalogue, filled into
`home.seams.catalogue` by courses/apps.py."""

from django.urls import reverse

from .models import CourseCategory, CourseIndexPage


def home_context(home, count):
    catalogue = CourseIndexPage.objects.live().child_of(home).first()
    return {
        "catalogue": catalogue,
        "featured_courses": catalogue.courses()[:count] if catalogue else [],
        "categories": CourseCategory.objects.all(),
    }


def catalogue_url():
    catalogue = CourseIndexPage.objects.live().first()
    return catalogue.url if catalogue else reverse("wagtail_serve", args=[""])
