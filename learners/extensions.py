"""What higher apps add to the learner side, filled in their
`AppConfig.ready()`: pages under /dashboard/ (payments adds purchases,
invoices and the subscription), the revenue figures the admin panels show,
the achievements on the dashboard (community), and the organisations a
person manages (organisations). `learners` itself never
imports them."""

from home.seams import Seam

_dashboard_routes = []

# by_currency() -> {currency: minor units}; instructor_since(user, start)
revenue = Seam("payments")
# for_dashboard(user, today) -> the learner's points, streak and badges
achievements = Seam("community")
# managed_by(user) -> [(name, address)] of the organisations the person runs
organisations = Seam("organisations")


def add_dashboard_routes(patterns):
    """URL patterns to serve under /dashboard/, in the `learners` namespace."""
    _dashboard_routes.extend(patterns)


def dashboard_routes():
    return list(_dashboard_routes)
