from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The public website: content pages, site settings, menus, search, feeds, transparency (ITA/OIT) pages."""

    name = "home"
    verbose_name = _("Website")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from organizations.constants import Role
        from organizations.permissions import register_site_permissions
        from organizations.sitetree import register_site_tree

        from . import onboarding, signals, translations  # noqa: F401 (admin hooks registered on import)
        from .defaults import create_default_pages
        from .models import HomePage

        signals.connect()
        from wagtail.snippets.models import register_snippet

        from .snippets import SearchSynonymViewSet

        register_snippet(SearchSynonymViewSet)
        # Every new LGO's tree is rooted in a HomePage and starts with the default pages (organizations never
        # names this app: it asks the registry).
        register_site_tree(root_page_model=HomePage, create_default_pages=create_default_pages)
        # The LGO administrator owns the look of their own site (settings per site: no other LGO's).
        register_site_permissions(Role.LGO_ADMIN, "home.change_sitesettings")
