from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from organizations import tenancy
from organizations.constants import Role

from . import admin_views


class LgoAdminMenuItem(MenuItem):
    """Shown to LGO administrators of the LGO they work in (and superusers)."""

    def is_shown(self, request) -> bool:
        try:
            organization = tenancy.active_organization(request)
        except Exception:  # no LGO at all
            return False
        return tenancy.has_role(request.user, organization, Role.LGO_ADMIN)


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("open311/keys/", admin_views.keys, name="open311_keys"),
        path("open311/keys/<int:pk>/revoke/", admin_views.revoke, name="open311_revoke"),
    ]


@hooks.register("register_settings_menu_item")
def register_menu_item():
    return LgoAdminMenuItem(_("Open311 API keys"), reverse("open311_keys"), name="open311-keys", icon_name="key",
                            order=900)
