"""Admin screens for an LGO's profile, departments, officers (memberships) and holidays.

Every screen lists and opens only rows of the LGOs the signed-in user administers (`tenancy.scope_to_managed`);
opening another LGO's row by URL gives 404. Writes go through the forms in `forms.py` and the service functions, so
an officer's Wagtail groups follow their memberships at once.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import onboarding_views, services
from .admin_views import ScopedDeleteView, ScopedIndexView, ScopedViewSet
from .audit_log import AuditLogViewSet
from .choosers import page_chooser_queryset
from .forms import DepartmentForm, HolidayForm, MembershipForm, NewOfficerForm, OrganizationForm
from .models import Department, Holiday, Membership, Organization
from .notifications_admin import NotificationDeliveryViewSet


class NoAddPermissionPolicy(ModelPermissionPolicy):
    """LGOs are created with `manage.py create_lgo` (site, pages, groups at once), never from a bare form."""

    def user_has_permission(self, user, action):
        return action not in {"add", "delete"} and super().user_has_permission(user, action)


register_permission_policy(Organization, NoAddPermissionPolicy(Organization))


# --- Organization ----------------------------------------------------------------------------------------------

class OrganizationIndexView(ScopedIndexView):
    def get_base_queryset(self):
        # The list shows each LGO's site: one join, not one query per row.
        return super().get_base_queryset().select_related("site")


class OrganizationViewSet(ScopedViewSet):
    model = Organization
    index_view_class = OrganizationIndexView
    icon = "site"
    menu_label = _("LGO profile")
    scope_field = "pk"
    list_display = ["name_th", "code", "kind", "province", "site"]
    search_fields = ["name_th", "name_en", "code"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel([FieldPanel("name_th"), FieldPanel("name_en"), FieldPanel("kind")], heading=_("Name")),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("subdistrict"), FieldPanel("district"), FieldPanel("province")]),
                 FieldPanel("address"), FieldPanel("postcode"), FieldPanel("phone"), FieldPanel("email")],
                heading=_("Contact"),
            ),
            MultiFieldPanel(
                [FieldPanel("office_hours"), FieldRowPanel([FieldPanel("office_opens"), FieldPanel("office_closes")])],
                heading=_("Office hours"),
            ),
            MultiFieldPanel(
                [FieldPanel("tax_id"), FieldPanel("biller_id"), FieldPanel("document_prefix"), FieldPanel("logo"),
                 FieldPanel("garuda")],
                heading=_("Official details"),
            ),
        ],
        base_form_class=OrganizationForm,
    )


# --- Departments -----------------------------------------------------------------------------------------------

class DepartmentViewSet(ScopedViewSet):
    model = Department
    icon = "group"
    menu_label = _("Departments")
    list_display = ["name_th", "code", "organization", "phone", "email"]
    list_filter = ["organization"]
    search_fields = ["name_th", "name_en", "code"]
    edit_handler = ObjectList(
        [FieldPanel("organization"), FieldPanel("name_th"), FieldPanel("name_en"), FieldPanel("code"),
         FieldPanel("email"), FieldPanel("phone"), FieldPanel("sort_order")],
        base_form_class=DepartmentForm,
    )


# --- Officers (memberships) ------------------------------------------------------------------------------------

class MembershipIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "organization", "department")


class MembershipDeleteView(ScopedDeleteView):
    def delete_action(self):
        services.remove_membership(membership=self.object)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as exc:  # e.g. the LGO's last administrator
            messages.error(self.request, " ".join(exc.messages))
            return redirect(self.index_url_name)


class MembershipViewSet(ScopedViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Officers and roles")
    index_view_class = MembershipIndexView
    delete_view_class = MembershipDeleteView
    list_display = ["user", "role", "department", "position", "organization"]
    list_filter = ["organization", "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "position"]
    add_handler = ObjectList(
        [FieldPanel("organization"), FieldPanel("username"), FieldRowPanel([FieldPanel("first_name"),
         FieldPanel("last_name")]), FieldPanel("email"), FieldPanel("password"), FieldPanel("role"),
         FieldPanel("department"), FieldPanel("position")],
        base_form_class=NewOfficerForm,
    )
    edit_handler = ObjectList(
        [FieldPanel("role"), FieldPanel("department"), FieldPanel("position")], base_form_class=MembershipForm,
    )

    def get_add_view_kwargs(self, **kwargs):
        """Adding uses the officer form (account + role); editing changes only the role."""
        add_handler = self.add_handler.bind_to_model(self.model)
        return super().get_add_view_kwargs(panel=add_handler, form_class=add_handler.get_form_class(), **kwargs)


# --- Holidays --------------------------------------------------------------------------------------------------

class HolidayViewSet(ScopedViewSet):
    model = Holiday
    icon = "date"
    menu_label = _("Holidays")
    list_national = True  # listed for reference; only an LGO's own holidays can be opened and changed
    list_display = ["date", "name", "organization", "note"]
    list_filter = ["organization"]
    search_fields = ["name"]
    edit_handler = ObjectList(
        [FieldPanel("organization"), FieldPanel("date"), FieldPanel("name"), FieldPanel("note")],
        base_form_class=HolidayForm,
    )


class OrganizationAdminGroup(ModelViewSetGroup):
    menu_label = _("My LGO")
    menu_icon = "site"
    menu_order = 800
    items = (
        OrganizationViewSet("lgo_profile", url_prefix="lgo/profile"),
        DepartmentViewSet("lgo_departments", url_prefix="lgo/departments"),
        MembershipViewSet("lgo_officers", url_prefix="lgo/officers"),
        HolidayViewSet("lgo_holidays", url_prefix="lgo/holidays"),
    )


@hooks.register("register_admin_viewset")
def register_viewset():
    return OrganizationAdminGroup()


@hooks.register("register_admin_viewset")
def register_audit_log():
    return AuditLogViewSet("audit_log", url_prefix="audit-log")


@hooks.register("register_admin_viewset")
def register_undelivered_notifications():
    return NotificationDeliveryViewSet("notification_deliveries", url_prefix="notifications/undelivered")


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages, request):
    return page_chooser_queryset(pages, request)


# --- Editorial workflow: one way to publish a page under review --------------------------------------------------

@hooks.register("construct_page_action_menu")
def one_way_to_publish_under_review(menu_items: list, request, context: dict) -> None:
    """An approver opening a page that waits for their review saw both "เผยแพร่" and "อนุมัติ และเผยแพร่". The
    plain one publishes around the review (it cancels the workflow and leaves no approval on record), so while the
    approve action is offered it is the only way to publish."""
    from wagtail.admin.action_menu import WorkflowMenuItem

    if any(isinstance(item, WorkflowMenuItem) and item.name == "approve" for item in menu_items):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


# --- Onboarding on the web ---------------------------------------------------------------------------------------

@hooks.register("register_admin_urls")
def register_onboarding_urls():
    return [
        path("lgo/add/", onboarding_views.AddOrganizationView.as_view(), name="lgo_add_organization"),
        path("lgo/password/", onboarding_views.ChangePasswordView.as_view(), name="lgo_change_password"),
        path("lgo/checklist/<str:step>/done/", onboarding_views.MarkStepView.as_view(), name="lgo_checklist_mark"),
        path("lgo/modules/", onboarding_views.ModulesView.as_view(), name="lgo_modules"),
    ]


class AddOrganizationMenuItem(MenuItem):
    """Superusers and province administrators add LGOs (`tenancy.may_add_organizations`)."""

    def is_shown(self, request) -> bool:
        from .tenancy import may_add_organizations

        return may_add_organizations(request.user)


@hooks.register("register_admin_menu_item")
def register_add_organization_menu_item():
    return AddOrganizationMenuItem(_("Add an LGO"), reverse("lgo_add_organization"), name="lgo-add",
                             icon_name="plus", order=799)
