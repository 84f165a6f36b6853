"""What search engines and link previews read: canonical addresses and
schema.org JSON-LD for the home page, courses and lessons."""

from home.money import minor_to_major
from home.routing import ancestors
from home.seams import Seam
from home.sites import absolute as _absolute

SCHEMA = "https://schema.org"

# The app that sells subscriptions (payments) fills this in from its
# AppConfig.ready(): a callable giving (price in minor units, currency) of the
# cheapest plan on sale, or None. The SEO layer sits below it and cannot ask.
_subscription_price = None


def register_subscription_price(provider):
    global _subscription_price
    _subscription_price = provider


def subscription_price():
    return _subscription_price() if _subscription_price else None


# Filled by community/apps.py: a course's stored rating (`rating_summary`).
ratings = Seam("community")


def _aggregate_rating(course):
    rating = ratings.rating_summary(course.pk)
    if not rating.count:
        return None  # Google refuses an aggregateRating without reviews
    return {
        "@type": "AggregateRating",
        "ratingValue": str(rating.average),
        "reviewCount": rating.count,
        "bestRating": 5,
        "worstRating": 1,
    }


def absolute(request, path):
    """Every address search engines read is on SITE_URL, like the sitemap's."""
    return _absolute(path)


def iso_duration(minutes):
    """Minutes as an ISO 8601 duration, e.g. 150 -> "PT2H30M"."""
    hours, rest = divmod(int(minutes or 0), 60)
    return (
        "PT"
        + (f"{hours}H" if hours else "")
        + (f"{rest}M" if rest or not hours else "")
    )


def organization(site_name, home_url):
    return {
        "@context": SCHEMA,
        "@type": "Organization",
        "name": site_name,
        "url": home_url,
    }


def website(site_name, home_url, search_url):
    return {
        "@context": SCHEMA,
        "@type": "WebSite",
        "name": site_name,
        "url": home_url,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{search_url}?q={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def course(request, course, site_name, home_url, cohorts=()):
    """A schema.org Course with its provider, offer and online instances:
    one per cohort that takes learners (with its dates), else one."""
    data = {
        "@context": SCHEMA,
        "@type": "Course",
        "name": course.title,
        "description": course.search_description or course.summary or course.title,
        "url": absolute(request, course.get_url(request)),
        "provider": {"@type": "Organization", "name": site_name, "sameAs": home_url},
        "inLanguage": course.language,
        "educationalLevel": course.get_difficulty_display(),
        "offers": [_offer(course, request)],
        "hasCourseInstance": [
            {
                "@type": "CourseInstance",
                "courseMode": "online",
                "courseWorkload": iso_duration(course.duration_minutes),
            }
        ],
    }
    teaches = [block.value for block in course.learning_outcomes]
    if teaches:
        data["teaches"] = teaches
    if cohorts:
        data["hasCourseInstance"] = [
            _cohort_instance(data["hasCourseInstance"][0], cohort) for cohort in cohorts
        ]
    if course.instructor_id:
        name = course.instructor.get_full_name() or course.instructor.get_username()
        for instance in data["hasCourseInstance"]:
            instance["instructor"] = {"@type": "Person", "name": name}
    rating = _aggregate_rating(course)
    if rating:
        data["aggregateRating"] = rating
    return data


def _cohort_instance(base, cohort):
    """A CourseInstance for a cohort: its name, dates and schedule."""
    schedule = {"@type": "Schedule", "startDate": cohort.starts_at.date().isoformat()}
    instance = {
        **base,
        "name": cohort.name,
        "startDate": cohort.starts_at.isoformat(),
        "courseSchedule": schedule,
    }
    if cohort.ends_at:
        instance["endDate"] = cohort.ends_at.isoformat()
        schedule["endDate"] = cohort.ends_at.date().isoformat()
    return instance


def _offer(course, request):
    offer = {
        "@type": "Offer",
        "url": absolute(request, course.get_url(request)),
        "availability": "https://schema.org/InStock",
    }
    if course.pricing_type == course.PricingType.PAID:
        amount = minor_to_major(course.price, course.currency)
        offer.update(category="Paid", price=str(amount), priceCurrency=course.currency)
    elif course.pricing_type == course.PricingType.SUBSCRIPTION:
        # What it costs to get in: the cheapest plan that includes it.
        price, currency = subscription_price() or (0, course.currency)
        offer.update(
            category="Subscription",
            price=str(minor_to_major(price, currency)),
            priceCurrency=currency,
        )
    else:
        offer.update(category="Free", price="0", priceCurrency=course.currency)
    return offer


def breadcrumbs(request, page):
    """The trail from the home page down to the page, as a BreadcrumbList."""
    trail = [p for p in [*ancestors(page), page] if p.live]
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": item.title,
                "item": absolute(request, item.get_url(request)),
            }
            for position, item in enumerate(trail, start=1)
        ],
    }


def course_list(urls):
    """A catalogue's courses (their addresses, in order) as an ItemList, for
    Google's course lists."""
    return {
        "@context": SCHEMA,
        "@type": "ItemList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "url": _absolute(url)}
            for position, url in enumerate(urls, start=1)
        ],
    }
