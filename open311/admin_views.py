"""Admin → Settings → Open311 API keys: the LGO administrator issues a key to a client (shown once) or revokes one.

Only LGO administrators (and superusers) open it, and they see and revoke only their working LGO's keys.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from organizations import tenancy
from organizations.constants import Role
from organizations.links import absolute_url
from organizations.models import Organization

from . import services
from .models import ApiKey


class IssueKeyForm(forms.Form):
    client_name = forms.CharField(label=gettext_lazy("Client"), max_length=200,
                                  help_text=gettext_lazy("Who will use the key, e.g. the name of an app or agency."))

    def clean_client_name(self) -> str:
        name = self.cleaned_data["client_name"].strip()
        if not name:
            raise forms.ValidationError(_("Enter the client's name."))
        return name


def administered_organization(request: HttpRequest) -> Organization:
    """The LGO the user works in, when they administer it (else 403)."""
    organization = tenancy.active_organization(request)
    if not tenancy.has_role(request.user, organization, Role.LGO_ADMIN):
        raise PermissionDenied
    return organization


def keys(request: HttpRequest) -> HttpResponse:
    organization = administered_organization(request)
    form = IssueKeyForm(request.POST or None)
    new_key = ""
    if request.method == "POST" and form.is_valid():
        _row, new_key = services.issue_key(organization=organization, client_name=form.cleaned_data["client_name"],
                                           user=request.user)
        form = IssueKeyForm()
    rows = ApiKey.objects.for_organization(organization).select_related("created_by")
    return TemplateResponse(request, "open311/keys.html", {
        "organization": organization, "form": form, "keys": rows, "new_key": new_key,
        "endpoint": absolute_url("/open311/v2/discovery.json", organization, request=request),
        "page_title": _("Open311 API keys"), "header_icon": "key",
    })


@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    organization = administered_organization(request)
    row = ApiKey.objects.for_organization(organization).filter(pk=pk).first()
    if row is None:
        raise Http404
    services.revoke_key(api_key=row)
    messages.success(request, _("The key of %(client)s no longer works.") % {"client": row.client_name})
    return HttpResponseRedirect(reverse("open311_keys"))
