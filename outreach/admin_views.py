"""Outreach in the admin: posters and table cards to print (one service or all), channel figures, and filing a
request at the counter on a citizen's behalf. Views stay thin: posters in `posters`, figures in `selectors`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from eservices import wizard
from eservices.constants import FilingChannel
from eservices.selectors import ALL_CASE_ROLES
from organizations import tenancy
from organizations.constants import Role
from organizations.links import owner_url, serves
from organizations.models import Organization

from . import posters, selectors
from .constants import PosterFormat
from .insights import since

#: Who prints posters: the PR team and the LGO's administrator.
POSTER_ROLES = frozenset({Role.PR_EDITOR, Role.PR_APPROVER, Role.LGO_ADMIN})
#: Who reads channel figures: the executive, the administrator, department heads and the PR team.
FIGURE_ROLES = POSTER_ROLES | {Role.EXECUTIVE, Role.DEPARTMENT_HEAD}
#: Who files at the counter: anyone who handles e-service cases.
COUNTER_ROLES = ALL_CASE_ROLES
FIGURE_MONTHS = 12


def organization_for(request: HttpRequest, wanted: frozenset[str]) -> Organization:
    """The officer's working LGO when they hold one of `wanted` roles there (403 otherwise)."""
    organization = tenancy.active_organization(request)
    if not tenancy.roles(request.user, organization) & wanted:
        raise PermissionDenied
    return organization


def may(request: HttpRequest, wanted: frozenset[str]) -> bool:
    try:
        organization_for(request, wanted)
    except PermissionDenied:
        return False
    return True


class _AdminPage(WagtailAdminTemplateMixin, TemplateView):
    roles: frozenset[str] = frozenset()

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.organization = organization_for(request, self.roles)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


# --- Posters ----------------------------------------------------------------------------------------------------


class PosterListView(_AdminPage):
    """Every poster the LGO can print, each in A4, A5 and table cards, and all of them at once per format."""

    template_name = "outreach/admin/posters.html"
    page_title = gettext_lazy("Posters and QR codes")
    header_icon = "doc-full"
    roles = POSTER_ROLES

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["posters"] = posters.posters_for(self.organization, request=self.request)
        context["formats"] = PosterFormat.choices
        context["organization"] = self.organization
        return context


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


class PosterDownloadView(View):
    """One poster (`key`: "service-<id>" or a fixed target) or every poster ("all") as one PDF in `fmt`."""

    def get(self, request: HttpRequest, key: str, fmt: str) -> HttpResponse:
        organization = organization_for(request, POSTER_ROLES)
        if fmt not in PosterFormat.values:
            raise Http404
        if key == "all":
            chosen = posters.posters_for(organization, request=request)
        else:
            poster = posters.poster_for_key(organization, key, request=request)
            if poster is None:
                raise Http404
            chosen = [poster]
        pdf = posters.render_posters(chosen, organization=organization, fmt=fmt)
        return _pdf_response(pdf, f"{organization.code.lower()}-{key}-{fmt}.pdf")


# --- Channel figures --------------------------------------------------------------------------------------------


class ChannelFiguresView(_AdminPage):
    """Per service and month: requests filed by each channel and arrivals by marked links (no personal data)."""

    template_name = "outreach/admin/channels.html"
    page_title = gettext_lazy("How citizens reach our services")
    header_icon = "site"
    roles = FIGURE_ROLES

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from django.utils import timezone

        context = super().get_context_data(**kwargs)
        context["rows"] = selectors.channel_rows(self.organization, since=since(timezone.localdate(), FIGURE_MONTHS))
        context["channels"] = FilingChannel.choices
        context["visit_channels"] = [(c, FilingChannel(c).label) for c in selectors.VISIT_CHANNELS]
        return context


# --- Filing at the counter --------------------------------------------------------------------------------------


class CounterView(_AdminPage):
    """Choose the service a citizen at the counter asks for; the same form as online opens, marked as filed at
    the counter, and the case goes to the same inbox and the same figures."""

    template_name = "outreach/admin/counter.html"
    page_title = gettext_lazy("File at the counter")
    header_icon = "form"
    roles = COUNTER_ROLES

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["services"] = selectors.services_of(self.organization).filter(online_filing=True)
        context["elsewhere"] = None if serves(self.request, self.organization) else \
            owner_url(self.request, self.organization)
        return context

    def post(self, request: HttpRequest) -> HttpResponse:
        """Start a fresh counter draft and open its first step (the public form, on this LGO's own address)."""
        if not serves(request, self.organization):
            messages.error(request, _("Open the admin at your LGO's own address to file at the counter."))
            return redirect("outreach_admin:counter")
        service_id = request.POST.get("service", "")
        service = selectors.services_of(self.organization).filter(
            online_filing=True, pk=int(service_id) if service_id.isdigit() else 0).first()
        if service is None:
            messages.error(request, _("Choose a service."))
            return redirect("outreach_admin:counter")
        draft = wizard.start_draft(request, service, channel=FilingChannel.COUNTER, filed_by=request.user)
        return HttpResponseRedirect(wizard.continue_url(draft))
