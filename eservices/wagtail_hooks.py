"""The e-service inbox in the Wagtail admin: its URLs, its menu item and the dashboard panel."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin import urls as admin_urls
from .admin.access import may_use_inbox
from .admin.library import may_use_library
from .admin.panels import InboxSummaryPanel


class InboxMenuItem(MenuItem):
    """Shown only to people with a case-handling role in their working LGO."""

    def is_shown(self, request) -> bool:
        return may_use_inbox(request)


@hooks.register("register_admin_urls")
def register_inbox_urls():
    return [path("eservices/", include(admin_urls, namespace="eservices_admin"))]


@hooks.register("register_admin_menu_item")
def register_inbox_menu_item():
    return InboxMenuItem(_("e-Service inbox"), reverse("eservices_admin:inbox"), name="eservices-inbox",
                         icon_name="tasks", order=150)


class LibraryMenuItem(MenuItem):
    """Shown to LGO administrators (and superusers)."""

    def is_shown(self, request) -> bool:
        return may_use_library(request)


@hooks.register("register_admin_menu_item")
def register_library_menu_item():
    return LibraryMenuItem(_("Standard services"), reverse("eservices_admin:library"), name="service-library",
                           icon_name="list-ul", order=160)


@hooks.register("construct_homepage_panels")
def add_inbox_panel(request, panels) -> None:
    panels.append(InboxSummaryPanel(request))


@hooks.register("payments_describe_invoice_source")  # payments.sources.DESCRIBE_SOURCE_HOOK
def describe_case_invoice(invoice):
    """A fee invoice names its case by the reference the citizen and officers know, with a link to the case."""
    from payments.sources import SourceDescription

    from .models import Submission
    from .services import INVOICE_SOURCE_TYPE

    if invoice.source_type != INVOICE_SOURCE_TYPE:
        return None
    reference = (Submission.objects.filter(pk=invoice.source_id, organization_id=invoice.organization_id)
                 .values_list("reference", flat=True).first())
    if reference is None:
        return None
    return SourceDescription(label=_("e-Service request %(reference)s") % {"reference": reference},
                             admin_url=reverse("eservices_admin:case", args=[invoice.source_id]))


@hooks.register("register_admin_menu_item")
def register_building_fees_menu_item():
    """The building-control fee rates an LGO administrator sets within the ministerial ceilings."""
    return LibraryMenuItem(_("Building-control fees"), reverse("eservices_admin:building_permit_rates"),
                           name="building-fees", icon_name="doc-full", order=161)


@hooks.register("payments_describe_invoice_source")
def describe_permit_fee_invoice(invoice):
    """A building permit fee invoice names its case too (raised on approval, beside the case's own fee)."""
    from payments.sources import SourceDescription

    from .kinds.building.constants import PERMIT_FEE_SOURCE
    from .models import Submission

    if invoice.source_type != PERMIT_FEE_SOURCE:
        return None
    reference = (Submission.objects.filter(pk=invoice.source_id, organization_id=invoice.organization_id)
                 .values_list("reference", flat=True).first())
    if reference is None:
        return None
    return SourceDescription(label=_("Building permit fee, request %(reference)s") % {"reference": reference},
                             admin_url=reverse("eservices_admin:case", args=[invoice.source_id]))
