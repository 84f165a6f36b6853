"""Commerce in the Wagtail admin: coupons, plans and revenue shares as
snippets; orders and payouts as modeladmin lists with their actions; and
the instructor's earnings page."""

from django.contrib import admin
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_modeladmin.helpers import ButtonHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from home.admin_helpers import ReadOnlyPermissionHelper
from home.money import format_money
from learners.wagtail_hooks import TeachersMenuItem

from . import admin_views, statement_views
from .admin_views import manages_money
from .models import (
    Coupon,
    CourseRevenueShare,
    CurrencyGateway,
    InstructorAccount,
    Order,
    Payout,
    SubscriptionPlan,
    WebhookEvent,
)


class CouponViewSet(SnippetViewSet):
    model = Coupon
    icon = "tag"
    list_display = ["code", "kind", "times_used", "max_uses", "valid_until"]
    search_fields = ["code"]


class PlanViewSet(SnippetViewSet):
    model = SubscriptionPlan
    icon = "repeat"
    list_display = ["name", "interval", "price", "currency", "is_active"]


class InstructorAccountViewSet(SnippetViewSet):
    model = InstructorAccount
    icon = "user"
    menu_label = _("Instructor shares")
    list_display = ["user", "revenue_share_bp", "payout_reference"]


class CourseRevenueShareViewSet(SnippetViewSet):
    model = CourseRevenueShare
    icon = "doc-full"
    menu_label = _("Course shares")
    list_display = ["course", "instructor_share_bp"]


class CurrencyGatewayViewSet(SnippetViewSet):
    model = CurrencyGateway
    icon = "cogs"
    menu_label = _("Gateways by currency")
    list_display = ["currency", "gateway"]


class CommerceGroup(SnippetViewSetGroup):
    menu_label = _("Commerce")
    menu_icon = "tag"
    menu_order = 230
    items = (
        CouponViewSet,
        PlanViewSet,
        InstructorAccountViewSet,
        CourseRevenueShareViewSet,
        CurrencyGatewayViewSet,
    )


register_snippet(CommerceGroup)


class MoneyPermissionHelper(ReadOnlyPermissionHelper):
    """Lists for money staff; changes go through the services."""

    can_inspect = True

    def can_see(self, user):
        return manages_money(user)


def _button(url, label, title):
    return {
        "url": url,
        "label": label,
        "classname": "button button-small",
        "title": title,
    }


class DisputedFilter(admin.SimpleListFilter):
    title = _("attention")
    parameter_name = "disputed"

    def lookups(self, request, model_admin):
        return [("yes", _("Disputed"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(disputed_at__isnull=False)
        return queryset


class OrderButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, **kwargs):
        buttons = [
            _button(self.url_helper.get_action_url("inspect", obj.pk), _("Details"), "")
        ]
        if obj.status == Order.Status.PAID:
            url = reverse("payments_admin:refund", args=[obj.pk])
            buttons.append(_button(url, _("Refund"), _("Refund this order")))
        return buttons


class OrderAdmin(ModelAdmin):
    model = Order
    menu_label = _("Orders")
    menu_icon = "list-ul"
    menu_order = 231
    add_to_admin_menu = True
    inspect_view_enabled = True
    permission_helper_class = MoneyPermissionHelper
    button_helper_class = OrderButtonHelper
    list_display = (
        "order_number",
        "buyer",
        "bought",
        "total_paid",
        "status",
        "flag",
        "created_at",
    )
    list_filter = ("status", "gateway", DisputedFilter)
    search_fields = (
        "user__email",
        "course__title",
        "programme__title",
        "gateway_session_id",
    )

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("user", "course", "programme")
        )

    @admin.display(description=_("Bought"))
    def bought(self, obj):
        return obj.item_title

    @admin.display(description=_("Total"))
    def total_paid(self, obj):
        return format_money(obj.total, obj.currency)

    @admin.display(description=_("Order"), ordering="pk")
    def order_number(self, obj):
        return obj.pk

    @admin.display(description=_("Buyer"), ordering="user__email")
    def buyer(self, obj):
        return obj.user.email or obj.user.get_username()

    @admin.display(description=_("Needs attention"))
    def flag(self, obj):
        return _("Disputed: %s") % obj.dispute_reason if obj.disputed_at else ""


modeladmin_register(OrderAdmin)


class PayoutButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, **kwargs):
        if obj.status in (Payout.Status.REJECTED, Payout.Status.PAID):
            return []
        url = reverse("payments_admin:payout", args=[obj.pk])
        return [_button(url, _("Decide"), _("Approve, reject or mark paid"))]


class PayoutAdmin(ModelAdmin):
    model = Payout
    menu_label = _("Payouts")
    menu_icon = "form"
    menu_order = 232
    add_to_admin_menu = True
    permission_helper_class = MoneyPermissionHelper
    button_helper_class = PayoutButtonHelper
    list_display = (
        "pk",
        "instructor",
        "amount_due",
        "status",
        "destination",
        "requested_at",
    )
    list_filter = ("status", "currency")
    search_fields = ("instructor__email",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("instructor")

    @admin.display(description=_("Amount"))
    def amount_due(self, obj):
        return format_money(obj.amount, obj.currency)


modeladmin_register(PayoutAdmin)


class WebhookEventAdmin(ModelAdmin):
    """Every gateway event as received: read only, for answering "what did
    the gateway tell us?"."""

    model = WebhookEvent
    menu_label = _("Webhook events")
    menu_icon = "code"
    menu_order = 234
    add_to_admin_menu = True
    inspect_view_enabled = True
    permission_helper_class = MoneyPermissionHelper
    list_display = ("event_type", "event_id", "gateway", "received_at", "refusal")
    list_filter = ("gateway", "event_type")
    search_fields = ("event_id", "event_type")


modeladmin_register(WebhookEventAdmin)


@hooks.register("register_admin_urls")
def register_commerce_urls():
    urls = [
        path("earnings/", admin_views.earnings_view, name="earnings"),
        path("orders/<int:pk>/refund/", admin_views.refund_view, name="refund"),
        path("payouts/<int:pk>/", admin_views.payout_view, name="payout"),
        path("statements/", statement_views.statements_view, name="statements"),
        path("statements/<int:pk>/", statement_views.statement_view, name="statement"),
    ]
    return [path("commerce/", (urls, "payments_admin", "payments_admin"))]


@hooks.register("register_admin_menu_item")
def register_earnings_menu_item():
    return TeachersMenuItem(
        _("Earnings"), reverse("payments_admin:earnings"), icon_name="pick", order=233
    )


class MoneyStaffMenuItem(MenuItem):
    def is_shown(self, request):
        return manages_money(request.user)


@hooks.register("register_admin_menu_item")
def register_statements_menu_item():
    return MoneyStaffMenuItem(
        _("Subscription statements"),
        reverse("payments_admin:statements"),
        icon_name="repeat",
        order=234,
    )
